import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/token.service.js';
import { assertDrillAccess, assertStackAccess } from '../auth/drill-access.js';
import { eventFor, seesEverything, timelineFor } from './drill-views.js';
import type { DrillEvent } from './timeline.js';

const facilitator: Principal = { role: 'facilitator', name: 'admin' };
const alice: Principal = { role: 'responder', name: 'alice', drillId: 'drl-a' };
const olga: Principal = { role: 'observer', name: 'olga', drillId: 'drl-a' };

const event = <T extends DrillEvent['type']>(type: T, data: DrillEvent<T>['data']): DrillEvent =>
  ({ drillId: 'drl-a', seq: 1, type, at: 1000, wallAt: 1000, actor: { role: 'system', name: 'engine' }, data }) as DrillEvent;

describe('what each role sees of a drill', () => {
  const injected = event('fault.injected', { stepId: 'runaway', faultId: 'f-1', kind: 'pool-exhaustion', target: { service: 'payments' }, release: 'v2' });
  const reverted = event('fault.reverted', { stepId: 'runaway', faultId: 'f-1', reason: 'rolled back' });
  const firing = event('alert.firing', { alert: 'DbPoolSaturated', labels: { service: 'payments' } });

  it('shows the facilitator every event as it is', () => {
    expect(timelineFor(facilitator, [injected, reverted, firing])).toEqual([injected, reverted, firing]);
  });

  it('keeps faults on a participant\'s timeline (T0 is public) but without kind, target, step or release', () => {
    for (const principal of [alice, olga]) {
      const [seenInjected, seenReverted, seenFiring] = timelineFor(principal, [injected, reverted, firing]);
      expect(seenInjected).toEqual({ ...injected, data: {} });
      expect(seenReverted).toEqual({ ...reverted, data: {} });
      expect(seenFiring).toBe(firing);
    }
  });

  it('tells participants whether the status checks are green, not which ones fail', () => {
    const checks = event('checks.changed', { green: false, failing: ['payments-pool-has-room'] });
    expect(eventFor(alice, checks).data).toEqual({ green: false });
    expect(eventFor(facilitator, checks)).toBe(checks);
  });

  it('does not give participants the scenario id (it names the incident) on the drill.created event', () => {
    const created = event('drill.created', { scenarioId: 'db-pool-exhaustion-traffic-spike', scenarioVersion: 1, speed: 20, responders: ['alice'] });
    expect(eventFor(alice, created).data).toEqual({ scenarioVersion: 1, speed: 20, responders: ['alice'] });
    expect(eventFor(facilitator, created)).toBe(created);
  });

  it('treats a participant credential with the facilitator role as a participant', () => {
    const drillFacilitator: Principal = { role: 'facilitator', name: 'fac', drillId: 'drl-a' };
    expect(seesEverything(drillFacilitator)).toBe(false);
    expect(eventFor(drillFacilitator, injected).data).toEqual({});
  });
});

describe('drill and stack access', () => {
  it('lets the facilitator into any drill and participants only into their own', () => {
    expect(() => assertDrillAccess(facilitator, 'drl-b')).not.toThrow();
    expect(() => assertDrillAccess(alice, 'drl-a')).not.toThrow();
    expect(() => assertDrillAccess(alice, 'drl-b')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertDrillAccess({ role: 'responder', name: 'stray' }, 'drl-a')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('lets participants read only their drill\'s stack, and none before it has one', () => {
    expect(() => assertStackAccess(facilitator, 'stk-1', undefined)).not.toThrow();
    expect(() => assertStackAccess(alice, 'stk-1', 'stk-1')).not.toThrow();
    expect(() => assertStackAccess(alice, 'stk-2', 'stk-1')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertStackAccess(alice, 'stk-1', undefined)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
