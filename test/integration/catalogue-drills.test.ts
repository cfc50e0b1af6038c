import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenarioVocabulary } from '../../apps/api/src/scenarios/vocabulary.js';
import { CATALOGUE_DIR, loadCatalogue } from '@firedrill/scenarios/loader';
import { parseDrillDuration } from '@firedrill/scenarios';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * Every scenario of the catalogue validates, and played on a live stack (speed 30) its faults
 * really make every alert it expects fire within the time it promises (T1 is reached); then the
 * drill is aborted and leaves no stack behind.
 */
const SPEED = 30;
const catalogue = await loadCatalogue(CATALOGUE_DIR, buildScenarioVocabulary());

describe('the scenario catalogue on live stacks', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => api?.close());

  it('holds at least ten valid scenarios', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(10);
  });

  for (const { scenario } of catalogue) {
    const expected = scenario.spec.expectations.alerts;
    it(`${scenario.metadata.id}: ${expected.map((a) => a.name).join(', ')} fire in time`, { timeout: 120_000 }, async () => {
      const created = await api.call('POST', '/api/drills', { scenario: scenario.metadata.id, speed: SPEED });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      expect((await api.call('POST', `/api/drills/${id}/start`)).status).toBe(200);
      const latestWithin = Math.max(...expected.map((alert) => parseDrillDuration(alert.within)));
      const firstFaultAt = Math.min(...scenario.spec.faults.map((fault) => parseDrillDuration(fault.at)));
      try {
        const fired = await eventually(
          async () => {
            const events: Array<{ type: string; at: number; data: { alert?: string } }> = (await api.call('GET', `/api/drills/${id}/timeline`)).body.events;
            const t0 = events.find((event) => event.type === 'fault.injected')?.at;
            expect(t0, 'T0').toBeDefined();
            const firstFiring = new Map<string, number>();
            for (const event of events) {
              if (event.type === 'alert.firing' && !firstFiring.has(event.data.alert!)) firstFiring.set(event.data.alert!, event.at);
            }
            expect([...firstFiring.keys()]).toEqual(expect.arrayContaining(expected.map((alert) => alert.name)));
            return { t0: t0!, firstFiring };
          },
          { timeoutMs: ((firstFaultAt + latestWithin) / SPEED) * 1.5 + 15_000, intervalMs: 500 },
        );
        for (const alert of expected) {
          const after = fired.firstFiring.get(alert.name)! - fired.t0;
          expect(after, `${alert.name} fired ${after / 1000}s after T0, promised within ${alert.within}`).toBeLessThanOrEqual(parseDrillDuration(alert.within));
        }
        const view = (await api.call('GET', `/api/drills/${id}`)).body;
        expect(view.timers.t1).not.toBeNull();
      } finally {
        // A scenario whose faults end by themselves may resolve (and be scored) before this abort.
        const aborted = await api.call('POST', `/api/drills/${id}/abort`, { reason: 'catalogue check done' });
        if (aborted.status !== 200) expect(aborted.body.message, JSON.stringify(aborted.body)).toMatch(/has already ended/);
      }
      // Either way the drill's stack goes away (after scoring, when the drill resolved by itself).
      await eventually(async () => {
        const stacks = (await api.call('GET', '/api/stacks')).body;
        expect(stacks.stacks ?? stacks).toEqual([]);
      }, { timeoutMs: 20_000, intervalMs: 250 });
    });
  }
});
