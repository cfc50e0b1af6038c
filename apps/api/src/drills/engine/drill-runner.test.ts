import { FakeClock } from '@firedrill/clock';
import { ScenarioSchema, type Scenario } from '@firedrill/scenarios';
import { describe, expect, it } from 'vitest';
import type { NewDrillEvent } from '../timeline.js';
import { DrillRunner } from './drill-runner.js';
import type { AlertTransitionFeedItem, DrillMeasurements, DrillRunnerPorts } from './ports.js';

const START = Date.UTC(2030, 0, 1);
const CYCLE_MS = 10_000;

function scenarioWith(spec: Record<string, unknown> = {}): Scenario {
  return ScenarioSchema.parse({
    apiVersion: 'firedrill/v1',
    kind: 'Scenario',
    metadata: { id: 'pool', version: 1, title: 'Pool', summary: 'Checkout is slow', severity: 'SEV2', difficulty: 'beginner' },
    spec: {
      faults: [
        { id: 'slow-queries', at: '30s', duration: '10m', kind: 'pool-exhaustion', target: { service: 'payments' } },
        { id: 'bad-release', at: '1m', kind: 'latency', target: { service: 'payments' }, params: { delayMs: 200 }, release: 'payments@2.1' },
      ],
      statusChecks: [{ id: 'checkout-ok', description: 'checkout answers', query: 'checkout_ok' }],
      stabilityPeriod: '1m',
      runbook: 'pool.md',
      answerKey: { rootCause: { id: 'pool', summary: 'pool', accepted: ['pool'] } },
      remediations: { fixes: [{ action: 'rollback', service: 'payments' }] },
      targets: { mttd: '5m', mtta: '5m', mttr: '30m' },
      stopConditions: { wallClockCap: '30m', maxErrorBudgetBurn: 0.5 },
      ...spec,
    },
  });
}

/** Fake ports: a FakeClock for the stack and one for wall time, recorded calls, stepped feeds. */
function harness(scenario = scenarioWith()) {
  const clock = new FakeClock(START);
  const wallClock = new FakeClock(START);
  const events: NewDrillEvent[] = [];
  const reverted: Array<{ faultId: string; reason: string }> = [];
  const alertListeners = new Set<(t: AlertTransitionFeedItem) => void>();
  const cycleListeners = new Set<(t: number) => void>();
  // Checkout serves 1 req/s; each 12 960 failed checkout requests burn 100 % of the 30-day 99.5 % budget.
  const world = { checkGreen: true, checkoutFailed: 0, failed: 12 };
  const outcome: { finished?: DrillMeasurements; aborted?: string } = {};
  let nextFault = 1;
  const ports: DrillRunnerPorts = {
    clock,
    wallClock,
    record: async (event) => void events.push(event),
    faults: {
      inject: async () => ({ faultId: `flt-${nextFault++}` }),
      revert: async (faultId, reason) => void reverted.push({ faultId, reason }),
    },
    onAlertTransition: (listener) => (alertListeners.add(listener), () => alertListeners.delete(listener)),
    onScrapeCycle: (listener) => (cycleListeners.add(listener), () => cycleListeners.delete(listener)),
    query: (promql) => {
      if (promql === 'checkout_ok') return world.checkGreen ? [1] : [];
      const seconds = Number(/\[(\d+)s\]/.exec(promql)?.[1] ?? 0);
      if (promql.includes('service="checkout",status=~"5.."')) return [world.checkoutFailed];
      if (promql.includes('service="checkout"}')) return [seconds];
      if (promql.includes('http_requests_total')) return [world.failed];
      throw new Error(`unexpected query ${promql}`);
    },
    finish: async (measurements) => void (outcome.finished = measurements),
    abort: async (reason) => void (outcome.aborted = reason),
    log: () => undefined,
  };
  const runner = new DrillRunner(scenario, ports);
  return {
    runner,
    clock,
    wallClock,
    events,
    reverted,
    world,
    outcome,
    listeners: () => alertListeners.size + cycleListeners.size,
    types: () => events.map((event) => event.type),
    /** Steps stack time in scrape cycles, emitting each cycle as the scraper would. */
    async run(ms: number) {
      for (let elapsed = 0; elapsed < ms; elapsed += CYCLE_MS) {
        await clock.advance(CYCLE_MS);
        for (const listener of cycleListeners) listener(clock.now());
        await runner.flush();
      }
    },
    alert(alert: string, from: string, to: string) {
      for (const listener of alertListeners) listener({ alert, labels: { service: 'payments' }, from, to, at: new Date(clock.now()).toISOString() });
    },
  };
}

describe('DrillRunner', () => {
  it('injects the fault timeline at its stack-time offsets; the first injection is T0', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.clock.advance(29_999);
    expect(drill.events).toEqual([]);
    await drill.clock.advance(1);
    await drill.runner.flush();
    expect(drill.events).toEqual([
      {
        type: 'fault.injected',
        at: START + 30_000,
        actor: { role: 'system', name: 'engine' },
        data: { stepId: 'slow-queries', faultId: 'flt-1', kind: 'pool-exhaustion', target: { service: 'payments' } },
      },
    ]);
    await drill.clock.advance(30_000);
    await drill.runner.flush();
    expect(drill.events[1]).toMatchObject({ type: 'fault.injected', at: START + 60_000, data: { stepId: 'bad-release', release: 'payments@2.1' } });
    drill.runner.stop();
  });

  it('reverts a step when its duration ends', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.clock.advance(30_000 + 10 * 60_000);
    await drill.runner.flush();
    expect(drill.reverted).toEqual([{ faultId: 'flt-1', reason: 'its duration elapsed' }]);
    expect(drill.events.at(-1)).toMatchObject({ type: 'fault.reverted', at: START + 630_000, data: { stepId: 'slow-queries', faultId: 'flt-1' } });
    drill.runner.stop();
  });

  it('records alerts only after T0; the first firing after T0 is the detection', async () => {
    const drill = harness();
    drill.runner.start();
    drill.alert('HighLatencyP95', 'inactive', 'pending');
    await drill.run(30_000);
    drill.alert('DbPoolSaturated', 'inactive', 'pending');
    await drill.run(60_000);
    drill.alert('DbPoolSaturated', 'pending', 'firing');
    drill.alert('HighLatencyP95', 'pending', 'inactive');
    await drill.runner.flush();
    const alerts = drill.events.filter((event) => event.type.startsWith('alert.'));
    expect(alerts.map((event) => [event.type, (event.data as { alert: string }).alert, event.at - START])).toEqual([
      ['alert.pending', 'DbPoolSaturated', 30_000],
      ['alert.firing', 'DbPoolSaturated', 90_000],
    ]);
    expect(alerts[0]!.actor).toEqual({ role: 'system', name: 'alerting' });
    drill.runner.stop();
  });

  it('marks mitigation when the checks turn green after being red, and resolution after the stability period', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.run(60_000); // both steps injected at 30 s and 60 s
    drill.world.checkGreen = false;
    drill.alert('DbPoolSaturated', 'pending', 'firing');
    await drill.run(60_000);
    drill.world.checkGreen = true;
    drill.world.checkoutFailed = 0.2 * 12_960;
    await drill.run(10_000); // green at 130 s: T3
    expect(drill.types()).toContain('drill.mitigated');
    expect(drill.events.find((event) => event.type === 'drill.mitigated')!.at).toBe(START + 130_000);
    await drill.run(120_000);
    expect(drill.types()).not.toContain('drill.resolved'); // the alert still fires
    drill.alert('DbPoolSaturated', 'firing', 'inactive');
    await drill.run(10_000);
    expect(drill.events.find((event) => event.type === 'drill.resolved')!.at).toBe(START + 260_000);
    expect(drill.outcome.finished).toEqual({ errorBudgetBurned: expect.closeTo(0.2, 10), requestsFailed: 12 });
    expect(drill.types().filter((type) => type === 'checks.changed')).toHaveLength(3);
    expect(drill.listeners()).toBe(0);
  });

  it('restarts the stability period when a check flaps red', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.run(60_000);
    drill.world.checkGreen = false;
    await drill.run(20_000);
    drill.world.checkGreen = true;
    await drill.run(40_000); // green since 90 s
    drill.world.checkGreen = false;
    await drill.run(10_000); // red at 130 s
    drill.world.checkGreen = true;
    await drill.run(60_000); // green again since 140 s; 190 s is only 50 s later
    expect(drill.types()).not.toContain('drill.resolved');
    await drill.run(10_000); // 200 s: a full minute green
    const resolved = drill.events.find((event) => event.type === 'drill.resolved');
    expect(resolved?.at).toBe(START + 200_000);
    expect(drill.events.filter((event) => event.type === 'drill.mitigated')).toHaveLength(1);
  });

  it('does not resolve before every fault step has been played', async () => {
    const drill = harness(
      scenarioWith({
        faults: [
          { id: 'first', at: '0s', duration: '30s', kind: 'error', target: { service: 'payments' } },
          { id: 'second', at: '5m', kind: 'error', target: { service: 'catalog' } },
        ],
      }),
    );
    drill.runner.start();
    await drill.clock.advance(0);
    drill.world.checkGreen = false;
    await drill.run(30_000);
    drill.world.checkGreen = true;
    await drill.run(200_000);
    expect(drill.types()).toContain('drill.mitigated');
    expect(drill.types()).not.toContain('drill.resolved');
    drill.runner.stop();
  });

  it('aborts when the error budget burned passes the stop condition', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.run(60_000);
    drill.world.checkoutFailed = 0.4 * 12_960;
    await drill.run(10_000);
    expect(drill.outcome.aborted).toBeUndefined();
    drill.world.checkoutFailed = 0.6 * 12_960;
    await drill.run(10_000);
    expect(drill.outcome.aborted).toMatch(/60\.0% of the error budget burned, more than the limit of 50\.0%/);
    expect(drill.listeners()).toBe(0);
  });

  it('aborts on the wall-clock cap, measured on the wall clock rather than the stack clock', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.clock.advance(2 * 3600_000); // a fast stack: hours of stack time
    expect(drill.outcome.aborted).toBeUndefined();
    await drill.wallClock.advance(30 * 60_000);
    await drill.runner.flush();
    expect(drill.outcome.aborted).toMatch(/wall-clock cap of 30m/);
  });

  it('rolls back only the faults whose step names a release of that service', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.run(60_000);
    expect(await drill.runner.rollback('catalog')).toEqual([]);
    expect(await drill.runner.rollback('payments')).toEqual([{ stepId: 'bad-release', faultId: 'flt-2', release: 'payments@2.1' }]);
    await drill.runner.flush();
    expect(drill.events.at(-1)).toMatchObject({ type: 'fault.reverted', data: { stepId: 'bad-release', reason: 'rolled back payments (release payments@2.1)' } });
    expect(await drill.runner.rollback('payments')).toEqual([]);
    drill.runner.stop();
  });

  it('stop() leaves no timer and no listener behind', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.clock.advance(30_000); // one fault active with a duration timer, one step pending
    expect(drill.clock.pendingTimers).toBeGreaterThan(0);
    drill.runner.stop();
    expect(drill.clock.pendingTimers).toBe(0);
    expect(drill.wallClock.pendingTimers).toBe(0);
    expect(drill.listeners()).toBe(0);
    await drill.run(60_000);
    expect(drill.types()).toEqual(['fault.injected']);
  });

  it('revertAll reverts and records every fault still in effect', async () => {
    const drill = harness();
    drill.runner.start();
    await drill.run(60_000);
    drill.runner.stop();
    await drill.runner.revertAll('the drill was aborted');
    expect(drill.reverted.map((r) => r.faultId).sort()).toEqual(['flt-1', 'flt-2']);
    expect(drill.types().filter((type) => type === 'fault.reverted')).toHaveLength(2);
  });
});
