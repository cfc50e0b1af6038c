import { describe, expect, it } from 'vitest';
import { polledRulesOf, PrometheusAlertTracker, type PolledRule } from './alert-tracker.js';

const T = Date.parse('2024-05-01T10:00:00Z');
const labels = { alertname: 'HighErrorRatio', service: 'payments', severity: 'page' };

function rule(alerts: PolledRule['alerts'], extra: Partial<PolledRule> = {}): PolledRule {
  return { group: 'demo-stack', name: 'HighErrorRatio', duration: 60, alerts, ...extra };
}

const steps = (transitions: ReturnType<PrometheusAlertTracker['update']>) => transitions.map((t) => [t.group, t.from, t.to, t.at - T]);

describe('PrometheusAlertTracker', () => {
  it('turns pending, firing and gone into transitions with Prometheus\'s own times', () => {
    const tracker = new PrometheusAlertTracker();
    expect(steps(tracker.update([rule([{ labels, annotations: {}, state: 'pending', activeAt: T, value: 0.5 }])], T + 2000))).toEqual([
      ['prometheus:demo-stack', 'inactive', 'pending', 0],
    ]);
    expect(tracker.update([rule([{ labels, annotations: {}, state: 'pending', activeAt: T, value: 0.5 }])], T + 4000)).toEqual([]);
    const fired = tracker.update([rule([{ labels, annotations: { summary: 's' }, state: 'firing', activeAt: T, value: 0.5 }])], T + 62_000);
    expect(steps(fired)).toEqual([['prometheus:demo-stack', 'pending', 'firing', 60_000]]);
    expect(fired[0]!.alert).toMatchObject({ state: 'firing', firedAt: T + 60_000, annotations: { summary: 's' }, labels });
    expect(tracker.active()).toHaveLength(1);
    expect(steps(tracker.update([rule([], { lastEvaluation: T + 90_000 })], T + 91_000))).toEqual([['prometheus:demo-stack', 'firing', 'inactive', 90_000]]);
    expect(tracker.active()).toEqual([]);
  });

  it('yields pending then firing when a poll missed the pending state, and firing alone for for: 0', () => {
    const tracker = new PrometheusAlertTracker();
    expect(steps(tracker.update([rule([{ labels, annotations: {}, state: 'firing', activeAt: T, value: 1 }])], T + 70_000))).toEqual([
      ['prometheus:demo-stack', 'inactive', 'pending', 0],
      ['prometheus:demo-stack', 'pending', 'firing', 60_000],
    ]);
    const instant = new PrometheusAlertTracker();
    expect(steps(instant.update([rule([{ labels, annotations: {}, state: 'firing', activeAt: T, value: 1 }], { duration: 0 })], T + 1000))).toEqual([
      ['prometheus:demo-stack', 'inactive', 'firing', 0],
    ]);
  });

  it('resolves at the poll time when the rule has no lastEvaluation, and sees a comeback with a new activeAt', () => {
    const tracker = new PrometheusAlertTracker();
    tracker.update([rule([{ labels, annotations: {}, state: 'pending', activeAt: T, value: 1 }])], T);
    expect(steps(tracker.update([], T + 5000))).toEqual([['prometheus:demo-stack', 'pending', 'inactive', 5000]]);
    tracker.update([rule([{ labels, annotations: {}, state: 'pending', activeAt: T + 6000, value: 1 }])], T + 7000);
    expect(steps(tracker.update([rule([{ labels, annotations: {}, state: 'pending', activeAt: T + 9000, value: 1 }])], T + 10_000))).toEqual([
      ['prometheus:demo-stack', 'pending', 'inactive', 9000],
      ['prometheus:demo-stack', 'inactive', 'pending', 9000],
    ]);
  });
});

describe('polledRulesOf', () => {
  it('reads Prometheus 2.x /api/v1/rules?type=alert and skips recording rules', () => {
    const body = {
      status: 'success',
      data: {
        groups: [
          {
            name: 'demo-stack',
            rules: [
              {
                type: 'alerting',
                name: 'HighErrorRatio',
                duration: 60,
                lastEvaluation: '2024-05-01T10:01:00.5Z',
                alerts: [{ labels, annotations: { summary: 'x' }, state: 'firing', activeAt: '2024-05-01T10:00:00Z', value: '5e-01' }],
              },
              { type: 'recording', name: 'slo:sli_error:ratio_rate5m' },
            ],
          },
        ],
      },
    };
    expect(polledRulesOf(body)).toEqual([
      {
        group: 'demo-stack',
        name: 'HighErrorRatio',
        duration: 60,
        lastEvaluation: T + 60_500,
        alerts: [{ labels, annotations: { summary: 'x' }, state: 'firing', activeAt: T, value: 0.5 }],
      },
    ]);
    expect(() => polledRulesOf({ status: 'error' })).toThrow(/data.groups/);
  });
});
