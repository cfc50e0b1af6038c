import { describe, expect, it } from 'vitest';
import { evaluate, factsOf, formatMs, planOf, remediationDueAt, runIsDecided, type GateEvent, type GatePlan } from './expectations.js';

const T0 = 1_700_000_000_000;
const s = (seconds: number) => T0 + seconds * 1000;

const plan: GatePlan = {
  scenarioId: 'demo',
  title: 'Demo',
  alerts: [
    { name: 'HighErrorRatio', within: '4m', withinMs: 240_000 },
    { name: 'BudgetBurn', within: '2m', withinMs: 120_000 },
  ],
  mustNotFire: ['TargetDown'],
  maxErrorBudgetBurn: 0.5,
  recovery: { deadline: '20m', deadlineMs: 1_200_000 },
  remediation: { trigger: 'BudgetBurn', delay: '30s', delayMs: 30_000, actions: [{ action: 'rollback', service: 'checkout', params: {} }] },
};

const event = (type: string, at: number, data: Record<string, unknown> = {}): GateEvent => ({ type, at, data });
const firing = (alert: string, at: number, labels: Record<string, string> = {}) => event('alert.firing', at, { alert, labels });

describe('factsOf', () => {
  it('reads T0, the first firing of each alert since T0, T4 and what is still firing', () => {
    const facts = factsOf([
      event('drill.started', s(-45)),
      firing('TargetDown', s(-10)),
      event('fault.injected', T0),
      firing('BudgetBurn', s(20), { severity: 'page' }),
      firing('BudgetBurn', s(50), { severity: 'page', replica: '2' }),
      event('alert.resolved', s(90), { alert: 'BudgetBurn', labels: { severity: 'page' } }),
      event('fault.injected', s(100)),
    ]);
    expect(facts.t0).toBe(T0);
    // An alert before T0 is the stack's own noise.
    expect([...facts.firstFiring]).toEqual([['BudgetBurn', s(20)]]);
    expect(facts.stillFiring).toEqual(['BudgetBurn']);
    expect(facts.t4).toBeNull();
    expect(facts.endedBecause).toBeNull();
  });
});

describe('evaluate', () => {
  const observe = (events: GateEvent[], now: number | null, final = false, budgetBurned?: number | null) =>
    evaluate(plan, { facts: factsOf(events), now, graceMs: 2000, final, ...(budgetBurned === undefined ? {} : { budgetBurned }) });
  const byId = (results: ReturnType<typeof observe>) => Object.fromEntries(results.map((result) => [result.id, result]));

  it('passes an alert that fired in time and says when', () => {
    const results = byId(observe([event('fault.injected', T0), firing('HighErrorRatio', s(95))], s(100)));
    expect(results['alert:HighErrorRatio']).toMatchObject({ verdict: 'passed', measured: 95_000, required: 240_000, message: 'HighErrorRatio fired 1m35s after T0; required within 4m' });
    expect(results['alert:BudgetBurn']!.verdict).toBe('pending');
  });

  it('fails an alert that fired late, or not at all once its deadline and the grace passed', () => {
    const late = byId(observe([event('fault.injected', T0), firing('BudgetBurn', s(130))], s(131)));
    expect(late['alert:BudgetBurn']).toMatchObject({ verdict: 'failed', measured: 130_000, message: 'BudgetBurn fired 2m10s after T0; required within 2m' });
    expect(byId(observe([event('fault.injected', T0)], s(121)))['alert:BudgetBurn']!.verdict).toBe('pending');
    const missed = byId(observe([event('fault.injected', T0)], s(123)))['alert:BudgetBurn']!;
    expect(missed).toMatchObject({ verdict: 'failed', measured: null });
    expect(missed.message).toBe('BudgetBurn did not fire (waited 2m03s); required within 2m of T0');
  });

  it('fails a silence as soon as the alert fires, passes it only at the end', () => {
    expect(byId(observe([event('fault.injected', T0)], s(60)))['silence:TargetDown']!.verdict).toBe('pending');
    expect(byId(observe([event('fault.injected', T0)], s(60), true, 0.1))['silence:TargetDown']!.verdict).toBe('passed');
    expect(byId(observe([event('fault.injected', T0), firing('TargetDown', s(36))], s(60)))['silence:TargetDown']).toMatchObject({
      verdict: 'failed',
      message: 'TargetDown fired 36s after T0; it must not fire',
    });
  });

  it('holds the budget to its limit at the end, and fails one that could not be measured', () => {
    const events = [event('fault.injected', T0)];
    expect(byId(observe(events, s(60)))['budget']!.verdict).toBe('pending');
    expect(byId(observe(events, s(60), true, 0.2))['budget']).toMatchObject({ verdict: 'passed', measured: 0.2, message: '20.0% of the error budget burned; limit 50.0%' });
    expect(byId(observe(events, s(60), true, 0.75))['budget']!.verdict).toBe('failed');
    expect(byId(observe(events, s(60), true, null))['budget']!.message).toMatch(/could not be measured/);
  });

  it('decides recovery from T4, or fails it past the deadline naming what still fires', () => {
    const recovered = byId(observe([event('fault.injected', T0), event('drill.resolved', s(700))], null));
    expect(recovered['recovery']).toMatchObject({ verdict: 'passed', measured: 700_000, message: 'recovered (T4) 11m40s after T0; required within 20m' });
    const stuck = byId(observe([event('fault.injected', T0), firing('BudgetBurn', s(20))], s(1203)));
    expect(stuck['recovery']).toMatchObject({ verdict: 'failed', message: 'did not recover within 20m of T0 (still firing: BudgetBurn)' });
  });

  it('fails what is open when the drill ended without it, with the reason', () => {
    const results = byId(observe([event('fault.injected', T0), event('drill.aborted', s(30), { reason: 'stop condition: budget' })], null));
    expect(results['alert:HighErrorRatio']!.message).toMatch(/did not fire.*the drill ended: stop condition: budget/);
    expect(results['recovery']!.verdict).toBe('failed');
  });

  it('gives the same verdicts for the same stack times, however late they are looked at', () => {
    const events = [event('fault.injected', T0), firing('BudgetBurn', s(40)), firing('HighErrorRatio', s(100)), event('drill.resolved', s(600))];
    const early = observe(events, s(601), true, 0.1).map((result) => [result.id, result.verdict, result.measured]);
    const late = observe(events, null, true, 0.1).map((result) => [result.id, result.verdict, result.measured]);
    expect(late).toEqual(early);
  });
});

describe('runIsDecided and remediationDueAt', () => {
  it('waits for every expected alert, recovery and the detection window, not for silences or the budget', () => {
    const noRobot: GatePlan = { ...plan, recovery: undefined, remediation: undefined };
    const fired = factsOf([event('fault.injected', T0), firing('BudgetBurn', s(40)), firing('HighErrorRatio', s(100))]);
    const decide = (p: GatePlan, facts: ReturnType<typeof factsOf>, now: number | null) => runIsDecided(p, evaluate(p, { facts, now, graceMs: 2000, final: false }), facts, now);
    // Both alerts fired, but the window runs to the latest deadline (4m).
    expect(decide(noRobot, fired, s(200))).toBe(false);
    expect(decide(noRobot, fired, s(240))).toBe(true);
    // With a remediation, recovery is still open.
    expect(decide(plan, fired, s(240))).toBe(false);
    const resolved = factsOf([event('fault.injected', T0), firing('BudgetBurn', s(40)), firing('HighErrorRatio', s(100)), event('drill.resolved', s(500))]);
    expect(decide(plan, resolved, null)).toBe(true);
    expect(decide(plan, factsOf([]), s(10))).toBe(false);
  });

  it('acts the delay after the trigger first fired', () => {
    expect(remediationDueAt(plan, factsOf([event('fault.injected', T0)]))).toBeNull();
    expect(remediationDueAt(plan, factsOf([event('fault.injected', T0), firing('BudgetBurn', s(40))]))).toBe(s(70));
    expect(remediationDueAt({ ...plan, remediation: undefined }, factsOf([event('fault.injected', T0), firing('BudgetBurn', s(40))]))).toBeNull();
  });
});

describe('planOf', () => {
  it('takes the first expected alert as the trigger and checks recovery only with a remediation', () => {
    const scenario = {
      metadata: { id: 'x', title: 'X' },
      spec: {
        expectations: {
          alerts: [{ name: 'A', within: '2m' }],
          mustNotFire: ['B'],
          recoveryDeadline: '10m',
          remediation: { delay: '0s', actions: [{ action: 'rollback', service: 'checkout', params: {} }] },
        },
      },
    } as unknown as Parameters<typeof planOf>[0];
    expect(planOf(scenario)).toMatchObject({ alerts: [{ name: 'A', withinMs: 120_000 }], recovery: { deadlineMs: 600_000 }, remediation: { trigger: 'A', delayMs: 0 } });
    const withoutRobot = { ...scenario, spec: { expectations: { ...scenario.spec.expectations, remediation: undefined } } } as unknown as Parameters<typeof planOf>[0];
    expect(planOf(withoutRobot).recovery).toBeUndefined();
  });
});

describe('formatMs', () => {
  it('reads at a glance', () => {
    expect([formatMs(850), formatMs(42_000), formatMs(65_000), formatMs(3_720_000), formatMs(-5000)]).toEqual(['850ms', '42s', '1m05s', '1h2m', '-5s']);
  });
});
