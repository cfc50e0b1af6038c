import { setTimeout as sleep } from 'node:timers/promises';
import { evaluate, factsOf, formatMs, formatPercent, remediationDueAt, runIsDecided, type ExpectationResult, type GateEvent, type GatePlan, type TimelineFacts } from './expectations.js';
import { ApiError, type DrillImpactView, type GateClient } from './gate-client.js';
import { scenarioVerdict, type RobotActionReport, type ScenarioReport } from './gate-report.js';
import type { GateProgress, ProgressStatus } from './progress.js';

/** The robot responder's participant name: its actions are on the timeline under it. */
export const ROBOT = 'robot';

export interface ScenarioRunOptions {
  client: GateClient;
  plan: GatePlan;
  file: string | null;
  speed: number;
  progress: GateProgress;
  index: number;
  total: number;
  /** Ctrl-C: the drill is aborted and the run ends at once. */
  signal: AbortSignal;
  /** Wall ms between two looks at the drill. */
  pollMs?: number;
  wallNow?: () => number;
}

const ENDED_STATES = new Set(['resolved', 'scored', 'closed', 'aborted', 'interrupted']);

/**
 * One scenario, unattended: create the drill (origin gate, one robot responder), start it, follow
 * its timeline until every expectation that drives the run is decided, play the robot's
 * remediation when its trigger fires, measure the budget, then end the drill so its stack is
 * removed. Verdicts come from `evaluate` over stack times only, never from when the gate looked.
 */
export async function runScenario(options: ScenarioRunOptions): Promise<ScenarioReport> {
  const { client, plan, speed, progress, signal } = options;
  const wallNow = options.wallNow ?? Date.now;
  const pollMs = options.pollMs ?? 200;
  const wallStart = wallNow();
  const say = (text: string) => progress.event(plan.scenarioId, text);
  const report: ScenarioReport = {
    scenarioId: plan.scenarioId,
    title: plan.title,
    file: options.file,
    drillId: null,
    verdict: 'error',
    expectations: [],
    robot: [],
    wallMs: 0,
    stackMsAfterT0: null,
    errorBudgetBurned: null,
    requestsFailed: null,
  };
  // A missing event counts as missed one wall second (at least two stack seconds) after its deadline:
  // the engine records an event a moment after it happens.
  const graceMs = Math.max(2000, speed * 1000);
  // The deadlines in wall time, twice over, plus start-up: a stuck stack cannot hold CI forever.
  const longestMs = Math.max(0, ...plan.alerts.map((alert) => alert.withinMs), plan.recovery?.deadlineMs ?? 0);
  const wallCapMs = ((longestMs + 10 * 60_000) / speed) * 2 + 60_000;

  let status: ProgressStatus = { index: options.index, total: options.total, scenarioId: plan.scenarioId, phase: 'starting', stackMs: 0, wallMs: 0, met: 0, failed: 0, expectations: 0 };
  const show = (update: Partial<ProgressStatus>) => {
    status = { ...status, ...update, wallMs: wallNow() - wallStart };
    progress.status(status);
  };
  show({});

  let drillId: string | null = null;
  try {
    const created = await client.createDrill(plan.scenarioId, speed, ROBOT);
    drillId = created.id;
    report.drillId = drillId;
    const robotToken = created.joinLinks.find((link) => link.name === ROBOT)?.token;
    say(`drill ${drillId} created (speed ${speed}×); starting its stack`);
    await client.startDrill(drillId);

    const seen = new Announcer(say);
    let facts: TimelineFacts = factsOf([]);
    let events: GateEvent[] = [];
    let impact: DrillImpactView | null = null;
    let startedAt: number | null = null;
    let results: ExpectationResult[] = [];
    let acted = !plan.remediation;
    while (!signal.aborted) {
      impact = await client.impact(drillId);
      events = await client.timeline(drillId);
      facts = factsOf(events);
      startedAt ??= events.find((event) => event.type === 'drill.started')?.at ?? null;
      seen.events(events, facts);
      results = evaluate(plan, { facts, now: impact.now, graceMs, final: false });
      seen.decisions(results);
      if (!acted && impact.now !== null) {
        const due = remediationDueAt(plan, facts);
        if (due !== null && impact.now >= due) {
          acted = true;
          show({ phase: 'remediating' });
          report.robot = await playRemediation(client, drillId, robotToken, plan, facts, say);
        }
      }
      show({
        phase: facts.t0 === null ? 'waiting for T0' : plan.remediation && acted && facts.t4 === null ? 'remediating' : 'running',
        stackMs: impact.now !== null && startedAt !== null ? impact.now - startedAt : status.stackMs,
        met: results.filter((result) => result.verdict === 'passed').length,
        failed: results.filter((result) => result.verdict === 'failed').length,
        expectations: results.length,
      });
      if (runIsDecided(plan, results, facts, impact.now)) break;
      if (wallNow() - wallStart > wallCapMs) {
        say(`gave up waiting after ${formatMs(wallNow() - wallStart)} wall: what is still open fails`);
        break;
      }
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
    }
    if (signal.aborted) throw new Error('interrupted (Ctrl-C): the drill was aborted');

    show({ phase: 'measuring' });
    const end = await client.impact(drillId);
    events = await client.timeline(drillId);
    facts = factsOf(events);
    seen.events(events, facts);
    report.errorBudgetBurned = end.errorBudgetBurned;
    report.requestsFailed = end.requestsFailed;
    const endAt = end.measuredTo ?? end.now ?? facts.t4;
    report.stackMsAfterT0 = facts.t0 !== null && endAt !== null ? endAt - facts.t0 : null;
    report.expectations = evaluate(plan, { facts, now: end.now, graceMs, final: true, budgetBurned: end.errorBudgetBurned });
    seen.decisions(report.expectations);
    report.verdict = scenarioVerdict(report.expectations);
    if (end.errorBudgetBurned !== null) say(`${formatPercent(end.errorBudgetBurned)} of the error budget burned, ${end.requestsFailed ?? 0} request(s) failed between T0 and the end`);
  } catch (error) {
    report.verdict = 'error';
    report.error = (error as Error).message;
    say(`run failed: ${report.error}`);
  } finally {
    if (drillId !== null) {
      show({ phase: 'cleaning up' });
      await endDrill(client, drillId, signal.aborted ? 'the gate was interrupted (Ctrl-C)' : 'the gate decided every expectation', say);
    }
    report.wallMs = wallNow() - wallStart;
  }
  say(`${report.verdict.toUpperCase()} in ${formatMs(report.wallMs)} wall${report.stackMsAfterT0 === null ? '' : ` (${formatMs(report.stackMsAfterT0)} stack after T0)`}`);
  return report;
}

/** Plays the remediation's actions once, in order, as the robot responder. */
async function playRemediation(
  client: GateClient,
  drillId: string,
  token: string | undefined,
  plan: GatePlan,
  facts: TimelineFacts,
  say: (text: string) => void,
): Promise<RobotActionReport[]> {
  const remediation = plan.remediation!;
  say(`${remediation.trigger} fired: the robot plays the remediation (${remediation.actions.length} action(s), delay ${remediation.delay})`);
  const played: RobotActionReport[] = [];
  for (const action of remediation.actions) {
    const entry: RobotActionReport = { action: action.action, ...(action.service === undefined ? {} : { service: action.service }), params: action.params, ok: false, detail: '', afterT0Ms: null };
    try {
      if (token === undefined) throw new Error('the drill gave no join link for the robot');
      const answer = await client.act(drillId, token, { action: action.action, ...(action.service === undefined ? {} : { service: action.service }), params: action.params });
      entry.ok = true;
      entry.detail = answer.result ?? 'done';
    } catch (error) {
      entry.detail = (error as Error).message;
    }
    const impact = await client.impact(drillId).catch(() => null);
    entry.afterT0Ms = impact?.now != null && facts.t0 !== null ? impact.now - facts.t0 : null;
    say(`robot ${action.action}${action.service ? ` ${action.service}` : ''}: ${entry.ok ? 'ok' : 'FAILED'}: ${entry.detail}`);
    played.push(entry);
  }
  return played;
}

/** Aborts the drill unless it ended by itself, then waits (bounded) until its stack is gone. */
async function endDrill(client: GateClient, drillId: string, reason: string, say: (text: string) => void): Promise<void> {
  try {
    const view = await client.drill(drillId);
    if (!ENDED_STATES.has(view.state)) {
      await client.abort(drillId, reason).catch((error: unknown) => {
        // 409: it ended (resolved, or a stop condition) between the look and the abort.
        if (!(error instanceof ApiError && error.status === 409)) throw error;
      });
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { stackId } = await client.drill(drillId);
      if (stackId === null) return;
      if (Date.now() > deadline) {
        say(`the stack ${stackId} of drill ${drillId} was not removed within 30s`);
        return;
      }
      await sleep(200);
    }
  } catch (error) {
    say(`could not end drill ${drillId}: ${(error as Error).message}`);
  }
}

/** Tells each timeline event and verdict once, as it first shows up. */
class Announcer {
  private seq = 0;
  private readonly firing = new Set<string>();
  private readonly decided = new Set<string>();

  constructor(private readonly say: (text: string) => void) {}

  events(events: readonly GateEvent[], facts: TimelineFacts): void {
    const after = (at: number) => (facts.t0 === null ? '' : ` at T0+${formatMs(at - facts.t0)}`);
    for (const event of events.slice(this.seq)) {
      const data = event.data;
      switch (event.type) {
        case 'fault.injected':
          this.say(`fault ${String(data['stepId'])} injected (${String(data['kind'])}${typeof (data['target'] as { service?: unknown })?.service === 'string' ? ` on ${String((data['target'] as { service: string }).service)}` : ''})${event.at === facts.t0 ? ': T0' : after(event.at)}`);
          break;
        case 'alert.firing': {
          const name = String(data['alert']);
          if (!this.firing.has(name)) this.say(`alert ${name} firing${after(event.at)}`);
          this.firing.add(name);
          break;
        }
        case 'alert.resolved': {
          const name = String(data['alert']);
          // Once no series of it is firing any more: what T4 waits for.
          if (this.firing.has(name) && !factsOf(events.slice(0, events.indexOf(event) + 1)).stillFiring.includes(name)) this.say(`alert ${name} resolved${after(event.at)}`);
          break;
        }
        case 'fault.reverted':
          this.say(`fault ${String(data['stepId'])} reverted${after(event.at)}: ${String(data['reason'])}`);
          break;
        case 'drill.mitigated':
          this.say(`mitigated (T3)${after(event.at)}`);
          break;
        case 'drill.resolved':
          this.say(`resolved (T4)${after(event.at)}`);
          break;
        case 'drill.aborted':
        case 'drill.interrupted':
          this.say(`drill ended: ${String(data['reason'])}`);
          break;
        default:
          break;
      }
    }
    this.seq = events.length;
  }

  decisions(results: readonly ExpectationResult[]): void {
    for (const result of results) {
      if (result.verdict === 'pending' || this.decided.has(result.id)) continue;
      this.decided.add(result.id);
      this.say(`${result.verdict === 'passed' ? 'pass' : 'FAIL'}: ${result.name}: ${result.message ?? ''}`);
    }
  }
}
