import { describe, expect, it } from 'vitest';
import type { Actor, AlertView, DrillEvent, DrillTimers } from '../../api/types.js';
import { alertKey, alertRows, anchorFromEvents, canAct, currentPage, drillNow, formatElapsed, formatSeconds, responseTimers, stackNow, timelineEntries } from './console-model.js';

let seq = 0;
function event<T extends DrillEvent['type']>(type: T, at: number, data: DrillEvent<T>['data'], actor: Actor = { role: 'system', name: 'alerting' }): DrillEvent {
  seq += 1;
  return { drillId: 'drl-1', seq, type, at, wallAt: at, actor, data } as DrillEvent;
}

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const timers = (marks: Partial<DrillTimers>): DrillTimers => ({ t0: null, t1: null, t2: null, t3: null, t4: null, t5: null, mttd: null, mtta: null, mttr: null, timeToMitigate: null, timeToRecover: null, detectedBy: null, ...marks });

describe('the drill clock', () => {
  it('runs at the drill speed from its last known instant', () => {
    expect(stackNow({ stackMs: T, wallMs: 1000, speed: 20 }, 1500)).toBe(T + 10_000);
    const anchor = anchorFromEvents([{ ...event('drill.started', T, { stackId: 's' }), wallAt: 500 }, { ...event('alert.firing', T + 60_000, { alert: 'A', labels: {} }), wallAt: 3500 }], 20);
    expect(anchor).toEqual({ stackMs: T + 60_000, wallMs: 3500, speed: 20 });
  });

  it('stops at the last event once the drill is over', () => {
    const events = [event('drill.resolved', T + 5000, {})];
    expect(drillNow({ stackMs: T, wallMs: 0, speed: 20 }, 'resolved', events, 1_000_000)).toBe(T + 5000);
    expect(drillNow(null, 'running', events, 0)).toBeNull();
  });

  it('lets responders act only while the incident is on', () => {
    expect(canAct('created')).toBe(false);
    expect(canAct('detected')).toBe(true);
    expect(canAct('mitigated')).toBe(true);
    expect(canAct('resolved')).toBe(false);
    expect(canAct(null)).toBe(false);
  });
});

describe('response timers', () => {
  it('count from the page until the acknowledgement, then from the acknowledgement', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(responseTimers(timers({}), T)).toEqual({ sincePage: null, sinceAck: null, paged: false, acknowledged: false });
    expect(responseTimers(timers({ t1: iso(T) }), T + 65_000)).toMatchObject({ sincePage: 65_000, sinceAck: null, paged: true, acknowledged: false });
    expect(responseTimers(timers({ t1: iso(T), t2: iso(T + 30_000) }), T + 90_000)).toMatchObject({ sincePage: 30_000, sinceAck: 60_000, acknowledged: true });
    expect(responseTimers(timers({ t1: iso(T), t2: iso(T + 30_000), t4: iso(T + 40_000) }), T + 90_000).sinceAck).toBe(10_000);
  });

  it('read like a stopwatch', () => {
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(null)).toBe('–');
    expect(formatSeconds(42.4)).toBe('42s');
    expect(formatSeconds(725)).toBe('12m 5s');
    expect(formatSeconds(120)).toBe('2m');
  });
});

describe('alerts and the pager', () => {
  const firing: AlertView = {
    name: 'DbPoolAcquireTimeouts',
    state: 'firing',
    labels: { alertname: 'DbPoolAcquireTimeouts', service: 'payments', severity: 'page' },
    annotations: { summary: 'payments: requests time out waiting for a DB connection', runbook: 'runbooks/db-pool' },
    value: 3,
    activeAt: new Date(T + 1000).toISOString(),
    firedAt: new Date(T + 2000).toISOString(),
    source: 'rules',
  };
  const ticket: AlertView = { ...firing, name: 'DbPoolSaturated', labels: { alertname: 'DbPoolSaturated', service: 'payments', severity: 'ticket' }, annotations: { summary: 'pool full' } };

  it('lists firing, then pending, then alerts the timeline saw resolve', () => {
    const events = [event('alert.firing', T, { alert: 'HighLatencyP95', labels: { service: 'catalog', severity: 'ticket' } }), event('alert.resolved', T + 5000, { alert: 'HighLatencyP95', labels: { service: 'catalog', severity: 'ticket' } })];
    const rows = alertRows([{ ...ticket, state: 'pending', firedAt: null }, firing], events);
    expect(rows.map((row) => [row.name, row.state])).toEqual([
      ['DbPoolAcquireTimeouts', 'firing'],
      ['DbPoolSaturated', 'pending'],
      ['HighLatencyP95', 'resolved'],
    ]);
    expect(rows[0]!.since).toBe(firing.firedAt);
    expect(rows[2]!.since).toBe(new Date(T + 5000).toISOString());
  });

  it('pages with the page-severity alert and its summary', () => {
    const events = [event('alert.firing', T, { alert: 'DbPoolSaturated', labels: ticket.labels }), event('alert.firing', T + 1000, { alert: 'DbPoolAcquireTimeouts', labels: firing.labels })];
    const page = currentPage(alertRows([ticket, firing], events), events);
    expect(page).toMatchObject({ name: 'DbPoolAcquireTimeouts', severity: 'page', summary: firing.annotations.summary, othersFiring: 1 });
  });

  it('keeps the first page as the page when later ones fire, and remembers its summary once resolved', () => {
    const later = { ...firing, name: 'TargetDown', labels: { alertname: 'TargetDown', service: 'catalog', severity: 'page' }, annotations: { summary: 'catalog is down' } };
    const events = [event('alert.firing', T, { alert: 'DbPoolAcquireTimeouts', labels: firing.labels }), event('alert.firing', T + 1000, { alert: 'TargetDown', labels: later.labels })];
    expect(currentPage(alertRows([firing, later], events), events)).toMatchObject({ name: 'DbPoolAcquireTimeouts', othersFiring: 1 });
    const resolved = [...events, event('alert.resolved', T + 2000, { alert: 'DbPoolAcquireTimeouts', labels: firing.labels })];
    const known = new Map([[alertKey(firing.name, firing.labels), firing.annotations]]);
    expect(currentPage(alertRows([later], resolved, known), resolved)).toMatchObject({ name: 'DbPoolAcquireTimeouts', summary: firing.annotations.summary });
  });

  it('pages from the timeline alone before the stack has answered', () => {
    const events = [event('alert.firing', T, { alert: 'HighErrorRatio', labels: { service: 'checkout', severity: 'page' } })];
    expect(currentPage(alertRows([], events), events)).toMatchObject({ name: 'HighErrorRatio', severity: 'page', summary: null });
    expect(currentPage([], [])).toBeNull();
  });
});

describe('the responder\'s timeline', () => {
  const alex: Actor = { role: 'responder', name: 'alex' };

  it('shows moves and alerts, and leaves redacted faults out', () => {
    const entries = timelineEntries([
      event('drill.created', T, { scenarioId: 'db-pool-exhaustion-traffic-spike', scenarioVersion: 1, speed: 20, responders: ['alex'] }, { role: 'facilitator', name: 'facilitator' }),
      event('fault.injected', T, {} as never, { role: 'system', name: 'engine' }),
      event('alert.firing', T + 1, { alert: 'DbPoolAcquireTimeouts', labels: { alertname: 'DbPoolAcquireTimeouts', service: 'payments', severity: 'page', instance: '127.0.0.1:1', job: 'payments', exported_service: 'payments' } }),
      event('page.acknowledged', T + 2, {}, alex),
      event('action.taken', T + 3, { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 25 }, ok: true, result: 'set pool.max = 25' }, alex),
      event('action.taken', T + 4, { action: 'rollback', service: 'payments', params: {}, ok: false, error: 'no release to roll back' }, alex),
      event('hint.requested', T + 5, { hintId: 'look-at-the-pool', cost: 10 }, alex),
    ]);
    expect(entries.map((entry) => entry.text)).toEqual([
      'Drill created',
      'DbPoolAcquireTimeouts firing (service=payments)',
      'Acknowledged the page',
      'Action set-config payments pool.max = 25: set pool.max = 25',
      'Action rollback payments failed: no release to roll back',
      'Took hint look-at-the-pool (−10 points)',
    ]);
    expect(entries[4]!.failed).toBe(true);
    const [pending] = timelineEntries([event('alert.pending', T, { alert: 'TargetDown', labels: {} })]);
    expect(pending).toMatchObject({ kind: 'alert', quiet: true });
    expect(JSON.stringify(entries)).not.toContain('db-pool-exhaustion');
  });
});
