import { FakeClock } from '@firedrill/clock';
import { describe, expect, it } from 'vitest';
import { Notifier } from '../notifier/notifier.js';
import { RecordingWebhookSender } from '../notifier/webhook-sender.js';
import { parseAlertmanagerWebhook } from './alertmanager-webhook.js';
import { ExternalAlertSource } from './external-alert-source.js';

const body = (status: 'firing' | 'resolved', endsAt = '0001-01-01T00:00:00Z') => ({
  receiver: 'firedrill',
  status,
  alerts: [
    {
      status,
      labels: { alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket' },
      annotations: { summary: 'pool busy' },
      startsAt: '2026-01-01T00:01:00.5Z',
      endsAt,
      generatorURL: 'http://prometheus/graph',
      fingerprint: 'f00dfeedf00dfeed',
    },
  ],
  groupLabels: { alertname: 'DbPoolSaturated' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey: '{}:{alertname="DbPoolSaturated"}',
  truncatedAlerts: 0,
});

describe('parseAlertmanagerWebhook', () => {
  it('normalises times and keeps the fingerprint', () => {
    const webhook = parseAlertmanagerWebhook(body('firing'));
    expect(webhook.alerts[0]).toEqual({
      fingerprint: 'f00dfeedf00dfeed',
      alertname: 'DbPoolSaturated',
      status: 'firing',
      labels: { alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket' },
      annotations: { summary: 'pool busy' },
      startsAt: Date.UTC(2026, 0, 1, 0, 1, 0, 500),
      generatorURL: 'http://prometheus/graph',
    });
  });

  it('names the bad field', () => {
    expect(() => parseAlertmanagerWebhook({ ...body('firing'), version: '3' })).toThrow(/version: only Alertmanager webhook payloads of version "4"/);
    const broken = body('firing');
    broken.alerts[0]!.startsAt = 'noon';
    expect(() => parseAlertmanagerWebhook(broken)).toThrow(/alerts\[0\]\.startsAt: expected an RFC 3339 timestamp/);
  });

  it('reads what our own notifier posts', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const sender = new RecordingWebhookSender();
    const notifier = new Notifier({ config: { route: { receiver: 'r', group_wait: '0s' }, receivers: [{ name: 'r', webhook_configs: [{ url: 'http://x.test/' }] }] }, clock, sender });
    notifier.receive([{ labels: { alertname: 'TargetDown', service: 'checkout' } }]);
    await notifier.tick();
    const webhook = parseAlertmanagerWebhook(JSON.parse(JSON.stringify(sender.deliveries[0]!.payload)));
    expect(webhook.alerts.map((alert) => [alert.alertname, alert.status, alert.startsAt])).toEqual([['TargetDown', 'firing', Date.UTC(2026, 0, 1)]]);
  });
});

describe('ExternalAlertSource', () => {
  it('turns webhooks into firing and resolved transitions, once each', () => {
    const source = new ExternalAlertSource();
    const fired = source.apply(parseAlertmanagerWebhook(body('firing')), 0);
    expect(fired.map((transition) => [transition.group, transition.rule, transition.from, transition.to, transition.at])).toEqual([
      ['alertmanager:firedrill', 'DbPoolSaturated', 'inactive', 'firing', Date.UTC(2026, 0, 1, 0, 1, 0, 500)],
    ]);
    expect(source.apply(parseAlertmanagerWebhook(body('firing')), 0)).toEqual([]);
    expect(source.active()).toHaveLength(1);
    const resolved = source.apply(parseAlertmanagerWebhook(body('resolved', '2026-01-01T00:05:00Z')), 0);
    expect(resolved.map((transition) => [transition.to, transition.at])).toEqual([['inactive', Date.UTC(2026, 0, 1, 0, 5)]]);
    expect(source.active()).toHaveLength(0);
  });
});
