import { FakeClock } from '@firedrill/clock';
import { MemoryStorage } from '@firedrill/promql';
import { parseAlertmanagerWebhook as parse, type AlertTransition } from '@firedrill/alerting';
import { describe, expect, it } from 'vitest';
import { StackAlerting } from './stack-alerting.js';

const INTERVAL = 1000;
const POOL = { service: 'payments', replica: 'payments-0', instance: '127.0.0.1:9000', job: 'payments' };

/** A stack's alerting over its own store, stepped one scrape cycle at a time (no timers, no sleeping). */
function setup() {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const tsdb = new MemoryStorage();
  const transitions: AlertTransition[] = [];
  let onCycle: ((t: number) => void) | undefined;
  const alerting = new StackAlerting({
    stackId: 'stk-test',
    clock,
    tsdb,
    intervalMs: INTERVAL,
    onTransition: (transition) => transitions.push(transition),
    onScrapeCycle: (listener) => {
      onCycle = listener;
      return () => (onCycle = undefined);
    },
  });
  /** One scrape cycle: pool samples at t, then the evaluation the cycle triggers. */
  const cycle = async (active: number) => {
    clock.advance(INTERVAL);
    const t = clock.now();
    tsdb.append({ __name__: 'db_pool_connections', state: 'active', ...POOL }, t, active);
    tsdb.append({ __name__: 'db_pool_connections', state: 'max', ...POOL }, t, 10);
    await alerting.evaluate(t);
    return t;
  };
  return { clock, tsdb, alerting, transitions, cycle, fire: (t: number) => onCycle?.(t) };
}

const poolTransitions = (transitions: AlertTransition[]) =>
  transitions.filter((t) => t.rule === 'DbPoolSaturated').map((t) => `${t.from}→${t.to}@${t.at}`);

describe('StackAlerting', () => {
  it('runs the default rules on each cycle: pending at the first slot that sees the condition, firing after `for`, resolved after', async () => {
    const { alerting, transitions, cycle } = setup();
    const forMs = alerting.groups.flatMap((g) => g.rules).find((r) => r.kind === 'alert' && r.alert === 'DbPoolSaturated')!;
    expect(forMs.kind === 'alert' && forMs.forMs).toBe(60_000);
    for (let i = 0; i < 5; i++) await cycle(2);
    const conditionAt = await cycle(10);
    expect(poolTransitions(transitions)).toEqual([`inactive→pending@${conditionAt}`]);
    let firedAt = 0;
    for (let i = 0; i < 60; i++) firedAt = await cycle(10);
    expect(poolTransitions(transitions)).toEqual([`inactive→pending@${conditionAt}`, `pending→firing@${conditionAt + 60_000}`]);
    expect(firedAt).toBe(conditionAt + 60_000);
    expect(alerting.alerts().find((a) => a.name === 'DbPoolSaturated')).toMatchObject({ state: 'firing', labels: { replica: 'payments-0', severity: 'ticket' } });
    const resolvedAt = await cycle(1);
    expect(poolTransitions(transitions).at(-1)).toBe(`firing→inactive@${resolvedAt}`);
    expect(alerting.alerts().some((a) => a.name === 'DbPoolSaturated')).toBe(false);
  });

  it('hands firing alerts to the notifier, whose silences survive a config change', async () => {
    const { alerting, clock, cycle } = setup();
    const silence = alerting.notifier.silences.create({
      matchers: ['alertname="DbPoolSaturated"'],
      endsAt: clock.now() + 3600_000,
      createdBy: 'test',
      comment: 'known',
    });
    alerting.configureNotifier({ route: { receiver: 'none', group_wait: '0s' }, receivers: [{ name: 'none' }] });
    expect(alerting.notifier.silences.get(silence.id)?.state).toBe('active');
    for (let i = 0; i < 62; i++) await cycle(10);
    const held = alerting.notifier.listAlerts().find((a) => a.labels.alertname === 'DbPoolSaturated');
    expect(held).toMatchObject({ state: 'suppressed', silencedBy: [silence.id] });
  });

  it('evaluates after each scrape cycle once started, and stops listening when stopped', async () => {
    const { alerting, fire, clock } = setup();
    alerting.start();
    fire(clock.now());
    await new Promise((resolve) => setImmediate(resolve));
    expect(alerting.stats.evaluations).toBe(1);
    alerting.stop();
    fire(clock.now() + INTERVAL);
    await new Promise((resolve) => setImmediate(resolve));
    expect(alerting.stats.evaluations).toBe(1);
  });

  it('takes alerts from a real Alertmanager\'s webhook as firing and resolved transitions', () => {
    const { alerting, transitions } = setup();
    const webhook = (status: 'firing' | 'resolved') => ({
      version: '4',
      groupKey: '{}:{alertname="Down"}',
      truncatedAlerts: 0,
      status,
      receiver: 'firedrill',
      groupLabels: { alertname: 'Down' },
      commonLabels: { alertname: 'Down' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager',
      alerts: [
        {
          status,
          labels: { alertname: 'Down', job: 'x' },
          annotations: {},
          startsAt: '2026-01-01T00:00:00Z',
          endsAt: status === 'resolved' ? '2026-01-01T00:05:00Z' : '0001-01-01T00:00:00Z',
          generatorURL: '',
          fingerprint: 'abc',
        },
      ],
    });
    alerting.receiveWebhook(parse(webhook('firing')));
    expect(alerting.alerts()).toMatchObject([{ name: 'Down', state: 'firing', source: 'alertmanager' }]);
    alerting.receiveWebhook(parse(webhook('resolved')));
    expect(alerting.alerts()).toEqual([]);
    expect(transitions.map((t) => `${t.rule}:${t.from}→${t.to}`)).toEqual(['Down:inactive→firing', 'Down:firing→inactive']);
  });
});
