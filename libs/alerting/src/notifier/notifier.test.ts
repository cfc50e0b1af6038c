import { FakeClock } from '@firedrill/clock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Notifier } from './notifier.js';
import { RecordingWebhookSender } from './webhook-sender.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 1);

const baseConfig = {
  route: {
    receiver: 'default',
    group_by: ['alertname'],
    routes: [{ receiver: 'pager', matchers: ['severity="page"'], group_by: ['alertname', 'service'] }],
  },
  receivers: [
    { name: 'default', webhook_configs: [{ url: 'http://hooks.test/default' }] },
    { name: 'pager', webhook_configs: [{ url: 'http://hooks.test/pager' }] },
  ],
  inhibit_rules: [{ source_matchers: ['alertname="TargetDown"'], target_matchers: ['severity="ticket"'], equal: ['service'] }],
};

let clock: FakeClock;
let sender: RecordingWebhookSender;
let notifier: Notifier;

function setup(config: unknown = baseConfig): void {
  clock = new FakeClock(START);
  sender = new RecordingWebhookSender();
  notifier = new Notifier({ config, clock, sender, externalURL: 'http://firedrill.test' });
}

/** Steps the clock to `atMs` after START and flushes what is due there. */
async function at(atMs: number) {
  await clock.advance(START + atMs - clock.now());
  await notifier.tick();
  return sender.take();
}

const firing = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  labels,
  annotations: { summary: `${labels.alertname} fired` },
  startsAt: new Date(clock.now()).toISOString(),
  endsAt: new Date(clock.now() + 4 * MINUTE).toISOString(),
  generatorURL: 'http://prometheus.test/graph',
  ...extra,
});

beforeEach(() => setup());

describe('timing', () => {
  it('sends the first notification after group_wait, changes after group_interval, repeats after repeat_interval', async () => {
    expect(notifier.receive([firing({ alertname: 'HighErrorRatio', service: 'checkout', severity: 'ticket' })])).toEqual({ accepted: 1, errors: [] });
    expect(await at(29 * SECOND)).toHaveLength(0);
    const [first] = await at(30 * SECOND);
    expect(first!.payload.alerts).toHaveLength(1);

    // A second alert joins the group; it waits for the group_interval tick.
    await clock.advance(10 * SECOND);
    const keepAlive = (labels: Record<string, string>) => firing(labels, { startsAt: new Date(START).toISOString(), endsAt: new Date(clock.now() + 10 * HOUR).toISOString() });
    notifier.receive([keepAlive({ alertname: 'HighErrorRatio', service: 'checkout', severity: 'ticket' }), keepAlive({ alertname: 'HighErrorRatio', service: 'catalog', severity: 'ticket' })]);
    expect(await at(5 * MINUTE)).toHaveLength(0);
    const [second] = await at(30 * SECOND + 5 * MINUTE);
    expect(second!.payload.alerts.map((alert) => alert.labels.service)).toEqual(['catalog', 'checkout']);

    // Nothing changes: flushes every 5m stay quiet until 4h after the last notification.
    expect(await at(30 * SECOND + 5 * MINUTE + 4 * HOUR - 5 * MINUTE)).toHaveLength(0);
    const repeated = await at(30 * SECOND + 5 * MINUTE + 4 * HOUR);
    expect(repeated).toHaveLength(1);
    expect(repeated[0]!.payload.alerts).toHaveLength(2);
  });

  it('flushes at the next tick when the alert started longer than group_wait ago', async () => {
    notifier.receive([firing({ alertname: 'Old', severity: 'ticket' }, { startsAt: new Date(START - HOUR).toISOString() })]);
    expect(await at(1 * SECOND)).toHaveLength(1);
  });
});

describe('grouping and routing', () => {
  it('groups by the route labels and routes by matchers', async () => {
    notifier.receive([
      firing({ alertname: 'TargetDown', service: 'checkout', severity: 'page', instance: 'b' }),
      firing({ alertname: 'TargetDown', service: 'checkout', severity: 'page', instance: 'a' }),
      firing({ alertname: 'TargetDown', service: 'catalog', severity: 'page', instance: 'c' }),
      firing({ alertname: 'CacheHitRatioCollapse', service: 'payments', severity: 'ticket' }),
    ]);
    const sent = await at(30 * SECOND);
    const summary = sent.map((delivery) => [delivery.url, delivery.payload.groupKey, delivery.payload.alerts.map((alert) => alert.labels.instance ?? '-')]);
    summary.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    expect(summary).toEqual([
      ['http://hooks.test/default', '{}:{alertname="CacheHitRatioCollapse"}', ['-']],
      ['http://hooks.test/pager', '{}/{severity="page"}:{alertname="TargetDown", service="catalog"}', ['c']],
      ['http://hooks.test/pager', '{}/{severity="page"}:{alertname="TargetDown", service="checkout"}', ['a', 'b']],
    ]);
  });

  it('sends to siblings after a match with continue, and groups by all labels with ...', async () => {
    setup({
      route: {
        receiver: 'default',
        group_wait: '10s',
        routes: [
          { receiver: 'audit', matchers: ['service=~"check.*"'], continue: true, group_by: ['...'] },
          { receiver: 'pager', matchers: ['severity="page"'] },
        ],
      },
      receivers: [
        { name: 'default', webhook_configs: [{ url: 'http://hooks.test/default' }] },
        { name: 'audit', webhook_configs: [{ url: 'http://hooks.test/audit' }] },
        { name: 'pager', webhook_configs: [{ url: 'http://hooks.test/pager' }] },
      ],
    });
    notifier.receive([
      firing({ alertname: 'A', service: 'checkout', severity: 'page' }),
      firing({ alertname: 'B', service: 'checkout', severity: 'ticket' }),
      firing({ alertname: 'C', service: 'payments', severity: 'ticket' }),
    ]);
    const sent = await at(10 * SECOND);
    // B matched a child route (audit), so it does not fall back to the root's receiver.
    expect(sent.map((delivery) => `${delivery.url} ${delivery.payload.alerts.map((alert) => alert.labels.alertname).join()}`).sort()).toEqual([
      'http://hooks.test/audit A',
      'http://hooks.test/audit B',
      'http://hooks.test/default C',
      'http://hooks.test/pager A',
    ]);
  });
});

describe('resolved notifications', () => {
  it('tells the receiver when the alert resolves, then forgets the group', async () => {
    notifier.receive([firing({ alertname: 'TargetDown', service: 'checkout', severity: 'page' })]);
    await at(30 * SECOND);
    await clock.advance(MINUTE);
    notifier.receive([firing({ alertname: 'TargetDown', service: 'checkout', severity: 'page' }, { startsAt: new Date(START).toISOString(), endsAt: new Date(clock.now()).toISOString() })]);
    const [resolved] = await at(30 * SECOND + 5 * MINUTE);
    expect(resolved!.payload.status).toBe('resolved');
    expect(resolved!.payload.alerts[0]!.status).toBe('resolved');
    expect(resolved!.payload.alerts[0]!.endsAt).toBe('2026-01-01T00:01:30Z');
    expect(await at(30 * SECOND + 10 * MINUTE)).toHaveLength(0);
    expect(notifier.nextFlushAt()).toBeUndefined();
  });

  it('resolves an alert whose endsAt passes without a re-send, and skips the post when send_resolved is false', async () => {
    setup({ ...baseConfig, receivers: [{ name: 'default', webhook_configs: [{ url: 'http://hooks.test/quiet', send_resolved: false }] }, baseConfig.receivers[1]] });
    notifier.receive([firing({ alertname: 'Flaky', severity: 'ticket' })]);
    expect(await at(30 * SECOND)).toHaveLength(1);
    expect(await at(30 * SECOND + 5 * MINUTE)).toHaveLength(0);
    expect(notifier.listAlerts()).toHaveLength(0);
  });
});

describe('muting', () => {
  it('inhibits ticket alerts of a service whose target is down', async () => {
    notifier.receive([
      firing({ alertname: 'TargetDown', service: 'checkout', severity: 'page' }),
      firing({ alertname: 'HighLatencyP95', service: 'checkout', severity: 'ticket' }),
      firing({ alertname: 'HighLatencyP95', service: 'catalog', severity: 'ticket' }),
    ]);
    const sent = await at(30 * SECOND);
    const latency = sent.find((delivery) => delivery.payload.groupLabels.alertname === 'HighLatencyP95')!;
    expect(latency.payload.alerts.map((alert) => alert.labels.service)).toEqual(['catalog']);
    expect(notifier.listAlerts().filter((alert) => alert.state === 'suppressed').map((alert) => alert.labels.service)).toEqual(['checkout']);
  });

  it('mutes silenced alerts until the silence is expired', async () => {
    const silence = notifier.silences.create({
      matchers: ['service="checkout"'],
      endsAt: START + HOUR,
      createdBy: 'drill',
      comment: 'known incident',
    });
    expect(silence.state).toBe('active');
    notifier.receive([firing({ alertname: 'HighErrorRatio', service: 'checkout', severity: 'ticket' }, { endsAt: new Date(START + 10 * HOUR).toISOString() })]);
    expect(await at(30 * SECOND)).toHaveLength(0);
    expect(notifier.listAlerts()[0]!.silencedBy).toEqual([silence.id]);
    await clock.advance(MINUTE);
    expect(notifier.silences.expire(silence.id).state).toBe('expired');
    expect(await at(30 * SECOND + 5 * MINUTE)).toHaveLength(1);
    expect(() => notifier.silences.expire(silence.id)).toThrow(/already expired/);
  });

  it('rejects silences that would match everything or end in the past', () => {
    expect(() => notifier.silences.create({ matchers: ['service=~".*"'], endsAt: START + HOUR, createdBy: 'x', comment: 'y' })).toThrow(
      /at least one matcher must not match the empty string/,
    );
    expect(() => notifier.silences.create({ matchers: ['a="b"'], endsAt: START - 1, createdBy: 'x', comment: 'y' })).toThrow(/endsAt: the end time is in the past/);
    expect(() => notifier.silences.create({ matchers: ['a=="b"'], endsAt: START + 1, createdBy: 'x', comment: 'y' })).toThrow(/matchers\[0\]: bad matcher/);
    const pending = notifier.silences.create({ matchers: ['a="b"'], startsAt: START + MINUTE, endsAt: START + HOUR, createdBy: 'x', comment: 'y' });
    expect(pending.state).toBe('pending');
    expect(notifier.silences.list()).toHaveLength(1);
  });
});

describe('payload', () => {
  it('is the Alertmanager webhook payload, version 4', async () => {
    setup({ ...baseConfig, receivers: [{ name: 'default', webhook_configs: [{ url: 'http://hooks.test/default', max_alerts: 1 }] }, baseConfig.receivers[1]] });
    notifier.receive([
      firing({ alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket', instance: 'b' }),
      firing({ alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket', instance: 'a' }),
    ]);
    const [delivery] = await at(30 * SECOND);
    const { alerts, ...envelope } = delivery!.payload;
    expect(envelope).toEqual({
      version: '4',
      groupKey: '{}:{alertname="DbPoolSaturated"}',
      truncatedAlerts: 1,
      status: 'firing',
      receiver: 'default',
      groupLabels: { alertname: 'DbPoolSaturated' },
      commonLabels: { alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket' },
      commonAnnotations: { summary: 'DbPoolSaturated fired' },
      externalURL: 'http://firedrill.test',
    });
    expect(alerts).toEqual([
      {
        status: 'firing',
        labels: { alertname: 'DbPoolSaturated', service: 'catalog', severity: 'ticket', instance: 'a' },
        annotations: { summary: 'DbPoolSaturated fired' },
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.test/graph',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
  });
});

describe('delivery failures', () => {
  it('counts a failed post and retries it at the next flush', async () => {
    sender.failNext();
    notifier.receive([firing({ alertname: 'X', severity: 'ticket' }, { endsAt: new Date(START + HOUR).toISOString() })]);
    expect(await at(30 * SECOND)).toHaveLength(0);
    expect(notifier.stats).toEqual({ notificationsSent: 0, notificationsFailed: 1 });
    expect(await at(30 * SECOND + 5 * MINUTE)).toHaveLength(1);
    expect(notifier.stats.notificationsSent).toBe(1);
  });
});

describe('receive', () => {
  it('names the field of each rejected alert and keeps the valid ones', () => {
    const result = notifier.receive([{ labels: {} }, { labels: { alertname: 'ok' } }, { labels: { 'bad-name': 'x' } }, { labels: { a: 'b' }, startsAt: 'yesterday' }]);
    expect(result.accepted).toBe(1);
    expect(result.errors).toEqual([
      '[0].labels: an alert needs at least one label',
      expect.stringMatching(/^\[2\]\.labels\.bad-name: /),
      '[3].startsAt: expected an RFC 3339 timestamp',
    ]);
  });
});
