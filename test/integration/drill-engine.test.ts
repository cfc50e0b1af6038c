import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSchema } from '@firedrill/scenarios';
import { DrillsService } from '../../apps/api/src/drills/drills.service.js';
import { ScenarioCatalogue } from '../../apps/api/src/drills/scenario-catalogue.js';
import type { DrillEvent } from '../../apps/api/src/drills/timeline.js';
import { EventsHub, type StackEvent } from '../../apps/api/src/realtime/events-hub.js';
import { StackRegistry } from '../../apps/api/src/stacks/stack-registry.js';
import { FaultLedger } from '../../apps/api/src/store/fault-ledger.js';
import { join } from 'node:path';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * The drill engine through its service on a live stack: the catalogue's pool-exhaustion scenario
 * at speed 20 (its fault at 45 s of drill time lands after ~2 wall seconds), up to detection by an
 * expected alert, then an abort that must leave no stack and no fault behind.
 */
const SCENARIO = 'db-pool-exhaustion-traffic-spike';
const SPEED = 20;
const FACILITATOR = { role: 'facilitator', name: 'facilitator' } as const;

describe('drill engine on a live stack', () => {
  let api: ApiHarness;
  let drills: DrillsService;
  const published: StackEvent[] = [];

  beforeAll(async () => {
    api = await startApi();
    drills = api.app.get(DrillsService);
    api.app.get(EventsHub).subscribe((event) => {
      if (event.topic === 'drill') published.push(event);
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses bad input naming the field, and unknown scenarios with 404', async () => {
    await expect(drills.create({ scenario: SCENARIO, speed: 5000 })).rejects.toMatchObject({ code: 'invalid_request', problems: [{ field: 'speed' }] });
    await expect(drills.create({ scenario: 'no-such-scenario' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('plays the scenario to T1 on its own stack, then an abort leaves the stack clean', async () => {
    const { id, joinLinks } = await drills.create({ scenario: SCENARIO, speed: SPEED, responders: ['alice'] });
    expect(joinLinks.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'alice', role: 'responder' },
      { name: 'observer', role: 'observer' },
    ]);
    expect(joinLinks[0]!.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(drills.view(id)).toMatchObject({ state: 'created', speed: SPEED, stackId: null, scenario: { id: SCENARIO, severity: 'SEV2' } });

    const started = await drills.start(id);
    expect(started.state).toBe('running');
    const stackId = drills.stackIdOf(id);
    expect(api.app.get(StackRegistry).all().map((stack) => stack.id)).toEqual([stackId]);
    await expect(drills.start(id)).rejects.toMatchObject({ code: 'conflict' });

    const t0 = await eventually(() => {
      const { timers } = drills.view(id);
      expect(timers.t0).not.toBeNull();
      return timers.t0!;
    });
    const injected = drills.timeline(id).find((event) => event.type === 'fault.injected') as DrillEvent<'fault.injected'>;
    expect(injected.data).toMatchObject({ stepId: 'runaway-report-queries', kind: 'pool-exhaustion', target: { service: 'payments' } });
    // The step's `at: 45s` is stack time from the start.
    expect(Date.parse(t0) - drills.timeline(id).find((event) => event.type === 'drill.started')!.at).toBeGreaterThanOrEqual(45_000);

    const expected = drills.scenarioOf(id).spec.expectations.alerts.map((alert) => alert.name);
    const view = await eventually(
      () => {
        const current = drills.view(id);
        expect(current.timers.t1).not.toBeNull();
        return current;
      },
      { timeoutMs: 40_000, intervalMs: 200 },
    );
    expect(view.state).toBe('detected');
    expect(view.timers.detectedBy).toBe('alert');
    expect(view.timers.mttd).toBeGreaterThan(0);
    const firing = drills.timeline(id).find((event) => event.type === 'alert.firing') as DrillEvent<'alert.firing'>;
    expect(expected).toContain(firing.data.alert);
    expect(firing.at).toBe(Date.parse(view.timers.t1!));

    // Every event was published after it was stored, with the state and timers it led to.
    const seqs = published.filter((event) => event.stackId === stackId).map((event) => (event.payload as { event: DrillEvent }).event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(published.at(-1)!.payload).toMatchObject({ state: 'detected', timers: { t1: view.timers.t1 } });

    const aborted = await drills.abort(id, 'test over', FACILITATOR);
    expect(aborted).toMatchObject({ state: 'aborted', stackId: null });
    expect(api.app.get(StackRegistry).all()).toEqual([]);
    expect((await api.call('GET', '/api/stacks')).body).toEqual([]);
    // Every fault the drill applied is closed in the ledger: nothing for a restart to revert.
    expect(new FaultLedger(join(api.dataDir, 'fault-ledger.jsonl')).openFaults()).toEqual([]);
    const timeline = drills.timeline(id);
    expect(timeline.filter((event) => event.type === 'fault.reverted').map((event) => event.data)).toEqual([
      { stepId: 'runaway-report-queries', faultId: injected.data.faultId, reason: 'the drill was aborted' },
    ]);
    expect(timeline.find((event) => event.type === 'drill.aborted')).toMatchObject({ actor: FACILITATOR, data: { reason: 'test over' } });
    await expect(drills.abort(id, 'again', FACILITATOR)).rejects.toMatchObject({ code: 'conflict' });
    expect(() => drills.stackIdOf(id)).toThrow(/has ended/);
  });

  it('an incident that ends by itself resolves (T3, T4), is scored and leaves no stack', async () => {
    api.app.get(ScenarioCatalogue).add({ scenario: SELF_HEALING, runbook: EMPTY_RUNBOOK, file: '(inline)', runbookFile: '(inline)' });
    const { id } = await drills.create({ scenario: SELF_HEALING.metadata.id, speed: 30 });
    await drills.start(id);
    const scored = await eventually(
      () => {
        const current = drills.view(id);
        expect(current.state).toBe('scored');
        return current;
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );
    const types = drills.timeline(id).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['fault.injected', 'fault.reverted', 'alert.firing', 'checks.changed', 'drill.mitigated', 'drill.resolved', 'drill.scored']));
    expect(types.indexOf('drill.resolved')).toBeLessThan(types.indexOf('drill.scored'));
    const { t0, t1, t3, t4 } = scored.timers;
    expect([t0, t1, t3, t4].every((mark) => mark !== null)).toBe(true);
    expect(Date.parse(t4!) - Date.parse(t3!)).toBeGreaterThanOrEqual(30_000); // the stability period
    expect(scored.score).toMatchObject({ rubricVersion: 'v1' });
    const resolved = drills.timeline(id).find((event) => event.type === 'drill.resolved') as DrillEvent<'drill.resolved'>;
    expect(resolved.data.requestsFailed).toBeGreaterThan(0);
    await eventually(async () => expect(drills.view(id).stackId).toBeNull());
    expect(api.app.get(StackRegistry).all()).toEqual([]);
    await expect(drills.abort(id, 'too late', FACILITATOR)).rejects.toMatchObject({ code: 'conflict' });

    // Rescoring needs only the timeline (the impact is on drill.resolved): same rubric, same total.
    const rescored = await drills.rescore(id);
    expect(rescored.score).toMatchObject({ rubricVersion: 'v1', total: scored.score!.total });
    expect(drills.timeline(id).filter((event) => event.type === 'drill.scored')).toHaveLength(2);
  });
});

describe('a scenario with its own alert rules', () => {
  it('evaluates them on the drill stack beside the defaults', async () => {
    const api = await startApi();
    try {
      const drills = api.app.get(DrillsService);
      const { id } = await drills.create({ scenario: 'memory-leak-after-deploy', speed: 10 });
      await drills.start(id);
      const rules = await api.call('GET', `/api/stacks/${drills.stackIdOf(id)}/prometheus/api/v1/rules?type=alert`);
      const names = rules.body.data.groups.flatMap((group: { rules: Array<{ name: string }> }) => group.rules.map((rule) => rule.name));
      expect(names).toEqual(expect.arrayContaining(['ProcessMemoryHigh', 'HighErrorRatio']));
      await drills.abort(id, 'test over', FACILITATOR);
    } finally {
      await api.close();
    }
  });
});

/** Half of the gateway's answers fail for 40 s of drill time; nobody has to do anything. */
const SELF_HEALING = ScenarioSchema.parse({
  apiVersion: 'firedrill/v1',
  kind: 'Scenario',
  metadata: { id: 'inline-gateway-errors', version: 1, title: 'Gateway errors', summary: 'Shoppers see errors', severity: 'SEV3', difficulty: 'beginner' },
  spec: {
    stack: { loadRps: 40 },
    faults: [{ id: 'gateway-errors', at: '10s', duration: '40s', kind: 'error', target: { service: 'gateway' }, params: { percent: 50 } }],
    statusChecks: [
      {
        id: 'gateway-ok',
        description: 'Fewer than 5% of gateway requests fail',
        query:
          '(sum(rate(http_requests_total{service="gateway",status=~"5.."}[20s])) or vector(0)) / sum(rate(http_requests_total{service="gateway"}[20s])) < 0.05',
      },
    ],
    stabilityPeriod: '30s',
    runbook: '(inline)',
    answerKey: { rootCause: { id: 'gateway-errors', summary: 'injected errors', accepted: ['errors'] } },
    remediations: { fixes: [{ action: 'restart', service: 'gateway' }] },
    targets: { mttd: '2m', mtta: '2m', mttr: '10m' },
    stopConditions: { wallClockCap: '5m' },
  },
});

const EMPTY_RUNBOOK = { path: '(inline)', title: 'Nothing to do', markdown: '# Nothing to do\n', steps: [] };

