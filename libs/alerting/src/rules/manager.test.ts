import { Engine, MemoryStorage, formatLabels } from '@firedrill/promql';
import { describe, expect, it } from 'vitest';
import { RulesManager } from './manager.js';
import { toPrometheusAlertsResponse, toPrometheusRulesResponse } from './api-responses.js';
import { loadSeriesNotation } from './series-loader.js';
import type { AlertTransition, AlertingRule, Rule, RuleGroup } from './types.js';

const MINUTE = 60_000;

function alertRule(alert: string, expr: string, extra: Partial<AlertingRule> = {}): AlertingRule {
  return { kind: 'alert', alert, expr, forMs: 0, keepFiringForMs: 0, labels: {}, annotations: {}, ...extra };
}

function setup(series: string[], stepMs: number, rules: Rule[], options: { intervalMs?: number; limit?: number } = {}) {
  const storage = new MemoryStorage();
  loadSeriesNotation(storage, series, stepMs);
  const group: RuleGroup = { name: 'test', intervalMs: options.intervalMs ?? stepMs, ...(options.limit ? { limit: options.limit } : {}), rules };
  const transitions: AlertTransition[] = [];
  const manager = new RulesManager({ groups: [group], queryable: storage, appendable: storage, externalLabels: { cluster: 'drill' }, stopwatch: () => 0 });
  manager.onTransition((t) => transitions.push(t));
  const engine = new Engine(storage);
  const query = (expr: string, t: number): string[] => {
    const { value } = engine.instantQuery(expr, t);
    if (value.type !== 'vector') throw new Error('expected a vector');
    return value.samples.map((s) => `${formatLabels(s.labels)} ${s.v}`).sort();
  };
  return { storage, manager, transitions, query };
}

/** alertname/instance → state, for compact assertions. */
function states(manager: RulesManager): Record<string, string> {
  return Object.fromEntries(manager.alerts().map((a) => [a.labels.instance ?? a.labels.alertname!, a.state]));
}

describe('alerting rules (Prometheus alerting_test scenarios)', () => {
  const canary = [
    'http_requests{job="app-server", instance="0", group="canary", severity="overwrite-me"} 75 85 95 105 105 95 85',
    'http_requests{job="app-server", instance="1", group="canary", severity="overwrite-me"} 80 90 100 110 120 130 140',
  ];
  const rule = alertRule('HTTPRequestRateLow', 'http_requests{group="canary", job="app-server"} < 100', {
    forMs: 10 * MINUTE,
    labels: { severity: 'critical' },
  });

  it('goes pending, then firing after `for`, resets when the condition clears', () => {
    const { manager, query } = setup(canary, 5 * MINUTE, [rule]);
    const expected: Record<number, Record<string, string>> = {
      0: { '0': 'pending', '1': 'pending' },
      5: { '0': 'pending', '1': 'pending' },
      10: { '0': 'firing' },
      15: {},
      20: {},
      25: { '0': 'pending' },
      30: { '0': 'pending' },
    };
    for (const [minute, want] of Object.entries(expected)) {
      const t = Number(minute) * MINUTE;
      manager.evaluateGroup('test', t);
      expect(states(manager), `at ${minute}m`).toEqual(want);
      const alertsSeries = query('ALERTS', t);
      expect(alertsSeries).toHaveLength(Object.keys(want).length);
    }
    expect(manager.alerts()[0]!.activeAt).toBe(25 * MINUTE);
  });

  it('writes ALERTS and ALERTS_FOR_STATE with the alert labels, and stale markers when alerts go', () => {
    const { manager, query } = setup(canary, 5 * MINUTE, [rule]);
    manager.evaluateGroup('test', 0);
    manager.evaluateGroup('test', 5 * MINUTE);
    manager.evaluateGroup('test', 10 * MINUTE);
    expect(query('ALERTS', 10 * MINUTE)).toEqual([
      'ALERTS{alertname="HTTPRequestRateLow", alertstate="firing", group="canary", instance="0", job="app-server", severity="critical"} 1',
    ]);
    expect(query('ALERTS_FOR_STATE', 10 * MINUTE)).toEqual([
      'ALERTS_FOR_STATE{alertname="HTTPRequestRateLow", group="canary", instance="0", job="app-server", severity="critical"} 0',
    ]);
    // Instance 1's pending series ended at 10m with a staleness marker instead of lingering for the lookback.
    expect(query('ALERTS{alertstate="pending"}', 10 * MINUTE)).toEqual([]);
    manager.evaluateGroup('test', 15 * MINUTE);
    expect(query('ALERTS', 15 * MINUTE + 1000)).toEqual([]);
    expect(query('ALERTS_FOR_STATE', 15 * MINUTE + 1000)).toEqual([]);
  });

  it('emits transitions after each evaluation and keeps resolved alerts for notification', () => {
    const { manager, transitions } = setup(canary, 5 * MINUTE, [rule]);
    for (let minute = 0; minute <= 15; minute += 5) manager.evaluateGroup('test', minute * MINUTE);
    expect(transitions.map((t) => `${t.at / MINUTE}m ${t.labels.instance} ${t.from}->${t.to}`)).toEqual([
      '0m 0 inactive->pending',
      '0m 1 inactive->pending',
      '10m 0 pending->firing',
      '10m 1 pending->inactive',
      '15m 0 firing->inactive',
    ]);
    expect(manager.resolvedAlerts()).toMatchObject([{ labels: { instance: '0' }, firedAt: 10 * MINUTE, resolvedAt: 15 * MINUTE }]);
    manager.evaluateGroup('test', 31 * MINUTE);
    expect(manager.resolvedAlerts()).toEqual([]);
  });

  it('fires at once when `for` is 0 and a scalar expression alerts with only alertname', () => {
    const { manager } = setup([], MINUTE, [alertRule('AlwaysFiring', '1')]);
    manager.evaluateGroup('test', 0);
    expect(manager.alerts()).toMatchObject([{ state: 'firing', labels: { alertname: 'AlwaysFiring' }, activeAt: 0, firedAt: 0, value: 1 }]);
  });

  it('keeps firing for keep_firing_for after the condition clears', () => {
    const { manager } = setup(['x 1 1 0 0 0 0 1'], MINUTE, [alertRule('X', 'x > 0', { keepFiringForMs: 2 * MINUTE })]);
    const seen: string[] = [];
    for (let minute = 0; minute <= 6; minute++) {
      manager.evaluateGroup('test', minute * MINUTE);
      const [alert] = manager.alerts();
      seen.push(alert ? `${alert.state}${alert.keepFiringSince !== undefined ? `(since ${alert.keepFiringSince / MINUTE}m)` : ''}` : '-');
    }
    expect(seen).toEqual(['firing', 'firing', 'firing(since 2m)', 'firing(since 2m)', '-', '-', 'firing']);
  });

  it('expands label and annotation templates per alert', () => {
    const { manager } = setup(['latency_seconds{instance="db-1:5432"} 0.25 2.5'], MINUTE, [
      alertRule('SlowDb', 'latency_seconds > 0.1', {
        labels: { severity: '{{ if gt $value 1.0 }}page{{ else }}ticket{{ end }}' },
        annotations: {
          summary: '{{ $labels.instance }} is slow: {{ $value | humanizeDuration }} in {{ $externalLabels.cluster }}',
          broken: '{{ humanize "x" }}',
        },
      }),
    ]);
    manager.evaluateGroup('test', 0);
    expect(manager.alerts()[0]).toMatchObject({
      labels: { alertname: 'SlowDb', instance: 'db-1:5432', severity: 'ticket' },
      annotations: { summary: 'db-1:5432 is slow: 250ms in drill' },
    });
    expect(manager.alerts()[0]!.annotations.broken).toMatch(/^<error expanding template: error executing template __alert_SlowDb: .*error calling humanize/);
    manager.evaluateGroup('test', MINUTE);
    // The severity label changed, so it is a new alert; the old one was pending and is gone.
    expect(manager.alerts()).toMatchObject([{ labels: { severity: 'page' }, annotations: { summary: 'db-1:5432 is slow: 2.5s in drill' } }]);
  });

  it('fails the rule, not the group, on duplicate label sets after templating', () => {
    const { manager } = setup(['x{instance="a"} 1', 'x{instance="b"} 1'], MINUTE, [
      alertRule('Dup', 'x', { labels: { instance: 'same' } }),
      { kind: 'record', record: 'x:count', expr: 'count(x)', labels: {} },
    ]);
    const evaluation = manager.evaluateGroup('test', 0);
    const [dup, record] = manager.groupStates()[0]!.rules;
    expect(dup).toMatchObject({ health: 'err', lastError: 'vector contains metrics with the same labelset after applying alert labels' });
    expect(record).toMatchObject({ health: 'ok', lastError: undefined, lastEvaluation: 0 });
    expect(evaluation.failures).toEqual([{ rule: 'Dup', error: 'vector contains metrics with the same labelset after applying alert labels' }]);
  });

  it('enforces the group limit', () => {
    const { manager } = setup(['x{i="1"} 1', 'x{i="2"} 1'], MINUTE, [alertRule('X', 'x')], { limit: 1 });
    manager.evaluateGroup('test', 0);
    expect(manager.groupStates()[0]!.rules[0]).toMatchObject({ health: 'err', lastError: 'exceeded limit of 1 with 2 alerts' });
    expect(manager.alerts()).toEqual([]);
  });
});

describe('recording rules and rule health', () => {
  it('records results under the new name with rule labels, and marks vanished series stale', () => {
    const { manager, query } = setup(['req{job="a", instance="1"} 1 2 _', 'req{job="a", instance="2"} 3 4 _'], MINUTE, [
      { kind: 'record', record: 'job:req:sum', expr: 'sum by (job) (req)', labels: { source: 'rule' } },
    ]);
    manager.evaluateGroup('test', 0);
    manager.evaluateGroup('test', MINUTE);
    expect(query('job:req:sum', MINUTE)).toEqual(['job:req:sum{job="a", source="rule"} 6']);
    manager.evaluateGroup('test', 10 * MINUTE);
    expect(query('job:req:sum', 10 * MINUTE)).toEqual([]);
  });

  it('reports a bad expression as rule health and carries on with the next rule', () => {
    const { manager, query } = setup(['x 1'], MINUTE, [
      { kind: 'record', record: 'bad', expr: 'rate(x)', labels: {} },
      { kind: 'record', record: 'good', expr: 'x * 2', labels: {} },
    ]);
    const [bad, good] = manager.groupStates()[0]!.rules;
    expect(bad!.health).toBe('unknown');
    manager.evaluateGroup('test', 0);
    expect(bad!.health).toBe('err');
    expect(bad!.lastError).toMatch(/parse error/);
    expect(good!.health).toBe('ok');
    expect(query('good', 0)).toEqual(['good 2']);
  });
});

describe('scheduling', () => {
  it('evaluates due groups at their slots and counts missed iterations', () => {
    const { manager } = setup(['x 1'], MINUTE, [alertRule('X', 'x')]);
    const group = manager.groupStates()[0]!;
    expect(manager.evaluateDue(90_000).map((e) => e.timeMs)).toEqual([60_000]);
    expect(manager.evaluateDue(100_000)).toEqual([]);
    expect(manager.nextDueAt()).toBe(120_000);
    expect(manager.evaluateDue(120_000).map((e) => e.timeMs)).toEqual([120_000]);
    manager.evaluateDue(5 * MINUTE + 1);
    expect(group.lastEvaluation).toBe(5 * MINUTE);
    expect(group.missedIterations).toBe(2);
  });

  it('offsets slots by a hash of the group name when asked', () => {
    const storage = new MemoryStorage();
    const manager = new RulesManager({
      groups: [{ name: 'a', rules: [] }, { name: 'b', rules: [] }],
      queryable: storage,
      appendable: storage,
      slotAlignment: 'hash',
    });
    const [a, b] = manager.groupStates();
    expect(a!.slotOffsetMs).not.toBe(b!.slotOffsetMs);
    expect(a!.slotAtOrBefore(10 * MINUTE) % MINUTE).toBe(a!.slotOffsetMs);
  });
});

describe('Prometheus API shapes', () => {
  it('renders /api/v1/rules and /api/v1/alerts', () => {
    const { manager } = setup(['up{instance="a"} 0'], MINUTE, [
      alertRule('Down', 'up == 0', { forMs: 5 * MINUTE, labels: { severity: 'page' }, annotations: { summary: 'down' } }),
      { kind: 'record', record: 'up:sum', expr: 'sum(up)', labels: {} },
    ]);
    manager.evaluateGroup('test', 30_500);
    expect(toPrometheusAlertsResponse(manager)).toEqual({
      status: 'success',
      data: {
        alerts: [
          {
            labels: { alertname: 'Down', instance: 'a', severity: 'page' },
            annotations: { summary: 'down' },
            state: 'pending',
            activeAt: '1970-01-01T00:00:30.5Z',
            value: '0e+00',
          },
        ],
      },
    });
    const rules = toPrometheusRulesResponse(manager);
    expect(rules.data.groups[0]).toMatchObject({ name: 'test', file: '', interval: 60, limit: 0, lastEvaluation: '1970-01-01T00:00:30.5Z' });
    expect(rules.data.groups[0]!.rules).toMatchObject([
      { type: 'alerting', name: 'Down', query: 'up == 0', duration: 300, keepFiringFor: 0, state: 'pending', health: 'ok', alerts: [{ state: 'pending' }] },
      { type: 'recording', name: 'up:sum', query: 'sum(up)', health: 'ok' },
    ]);
    expect(toPrometheusRulesResponse(manager, { type: 'record' }).data.groups[0]!.rules).toHaveLength(1);
  });
});
