import { parseDrillDuration, type RobotAction, type Scenario } from '@firedrill/scenarios';

/**
 * What the gate checks of one scenario, with its durations in ms of stack time. Built once from
 * the scenario (`spec.expectations`); the evaluation below never looks at the scenario again.
 */
export interface GatePlan {
  scenarioId: string;
  title: string;
  alerts: Array<{ name: string; within: string; withinMs: number }>;
  mustNotFire: string[];
  maxErrorBudgetBurn?: number;
  /** Only with a remediation: recovery is checked when the robot has something to play. */
  recovery?: { deadline: string; deadlineMs: number };
  remediation?: { trigger: string; delay: string; delayMs: number; actions: RobotAction[] };
}

export function planOf(scenario: Scenario): GatePlan {
  const { expectations } = scenario.spec;
  const plan: GatePlan = {
    scenarioId: scenario.metadata.id,
    title: scenario.metadata.title,
    alerts: expectations.alerts.map((alert) => ({ name: alert.name, within: alert.within, withinMs: parseDrillDuration(alert.within) })),
    mustNotFire: [...expectations.mustNotFire],
  };
  if (expectations.maxErrorBudgetBurn !== undefined) plan.maxErrorBudgetBurn = expectations.maxErrorBudgetBurn;
  const { remediation, recoveryDeadline } = expectations;
  // The loader refuses a remediation without a trigger when no alert is expected, and one without a deadline.
  if (remediation !== undefined && recoveryDeadline !== undefined) {
    plan.remediation = {
      trigger: remediation.trigger ?? expectations.alerts[0]!.name,
      delay: remediation.delay,
      delayMs: parseDrillDuration(remediation.delay),
      actions: remediation.actions,
    };
    plan.recovery = { deadline: recoveryDeadline, deadlineMs: parseDrillDuration(recoveryDeadline) };
  }
  return plan;
}

/** A timeline event as `GET /api/drills/:id/timeline` answers it (only what the gate reads). */
export interface GateEvent {
  type: string;
  /** Stack time, epoch ms. */
  at: number;
  data: Record<string, unknown>;
}

/** Timeline facts the gate decides on, read once per poll. */
export interface TimelineFacts {
  t0: number | null;
  /** First `alert.firing` at or after T0, by alert name. */
  firstFiring: Map<string, number>;
  t4: number | null;
  /** Set when the drill ended without resolving (aborted by someone or a stop condition, interrupted). */
  endedBecause: string | null;
  /** Alerts that fired since T0 and have not resolved, by name: what holds resolution (T4) back. */
  stillFiring: string[];
}

export function factsOf(events: readonly GateEvent[]): TimelineFacts {
  let t0: number | null = null;
  let t4: number | null = null;
  let endedBecause: string | null = null;
  const firstFiring = new Map<string, number>();
  const firing = new Map<string, string>();
  const seriesKey = (event: GateEvent) => `${String(event.data['alert'])}${JSON.stringify(event.data['labels'] ?? {})}`;
  for (const event of events) {
    if (event.type === 'fault.injected') t0 ??= event.at;
    else if (event.type === 'alert.firing' && t0 !== null && event.at >= t0) {
      const name = String(event.data['alert']);
      if (!firstFiring.has(name)) firstFiring.set(name, event.at);
      firing.set(seriesKey(event), name);
    } else if (event.type === 'alert.resolved') firing.delete(seriesKey(event));
    else if (event.type === 'drill.resolved') t4 ??= event.at;
    else if (event.type === 'drill.aborted' || event.type === 'drill.interrupted') endedBecause ??= String(event.data['reason'] ?? event.type);
  }
  return { t0, firstFiring, t4, endedBecause, stillFiring: [...new Set(firing.values())].sort() };
}

export type ExpectationKind = 'alert' | 'silence' | 'budget' | 'recovery';
export type Verdict = 'pending' | 'passed' | 'failed';

export interface ExpectationResult {
  /** Stable within a scenario: `alert:HighErrorRatio`, `silence:TargetDown`, `budget`, `recovery`. */
  id: string;
  kind: ExpectationKind;
  /** What is expected, as a test name: `HighErrorRatio fires within 4m`. */
  name: string;
  verdict: Verdict;
  /** Measured value: ms after T0 for alerts and recovery, the budget fraction for the budget; null when not (yet) measured. */
  measured: number | null;
  /** The limit it is held to: ms for alerts and recovery, a fraction for the budget. */
  required: number | null;
  /** Measured against required, in words; set once decided. */
  message?: string;
}

/** What the gate knows at one poll. */
export interface Observation {
  facts: TimelineFacts;
  /** The stack clock's now; null once the stack is gone. */
  now: number | null;
  /** Stack ms after a deadline before a missing event counts as missed (events are recorded a moment after they happen). */
  graceMs: number;
  /** True once the run is over: what is still open is decided with what was seen. */
  final: boolean;
  /** The measured budget burn over [T0, end]; only read when final. */
  budgetBurned?: number | null;
}

/**
 * Decides every expectation of `plan` from what was observed. Pure: the same observation always
 * gives the same verdicts, which is what makes two speeds comparable. Alerts and recovery are
 * decided as soon as they can be (fired in time, or their deadline passed); silences and the
 * budget only at the end of the run, since they can still change until then.
 */
export function evaluate(plan: GatePlan, observation: Observation): ExpectationResult[] {
  const { facts, now, graceMs, final } = observation;
  const { t0 } = facts;
  const ended = final || now === null || facts.t4 !== null || facts.endedBecause !== null;
  const past = (deadline: number): boolean => (now !== null && now > deadline + graceMs) || ended;
  const results: ExpectationResult[] = [];

  for (const alert of plan.alerts) {
    const result: ExpectationResult = { id: `alert:${alert.name}`, kind: 'alert', name: `${alert.name} fires within ${alert.within}`, verdict: 'pending', measured: null, required: alert.withinMs };
    const firedAt = facts.firstFiring.get(alert.name);
    if (t0 !== null && firedAt !== undefined) {
      result.measured = firedAt - t0;
      result.verdict = result.measured <= alert.withinMs ? 'passed' : 'failed';
      result.message = `${alert.name} fired ${formatMs(result.measured)} after T0; required within ${alert.within}`;
    } else if (t0 !== null && past(t0 + alert.withinMs)) {
      result.verdict = 'failed';
      const waited = now === null ? '' : ` (waited ${formatMs(Math.max(0, now - t0))})`;
      result.message = `${alert.name} did not fire${waited}; required within ${alert.within} of T0${facts.endedBecause ? `; the drill ended: ${facts.endedBecause}` : ''}`;
    } else if (t0 === null && ended) {
      result.verdict = 'failed';
      result.message = `${alert.name} could not fire: no fault was injected${facts.endedBecause ? ` (${facts.endedBecause})` : ''}`;
    }
    results.push(result);
  }

  for (const name of plan.mustNotFire) {
    const result: ExpectationResult = { id: `silence:${name}`, kind: 'silence', name: `${name} stays silent`, verdict: 'pending', measured: null, required: null };
    const firedAt = facts.firstFiring.get(name);
    if (t0 !== null && firedAt !== undefined) {
      result.verdict = 'failed';
      result.measured = firedAt - t0;
      result.message = `${name} fired ${formatMs(result.measured)} after T0; it must not fire`;
    } else if (final) {
      result.verdict = 'passed';
      result.message = `${name} did not fire`;
    }
    results.push(result);
  }

  if (plan.maxErrorBudgetBurn !== undefined) {
    const limit = plan.maxErrorBudgetBurn;
    const result: ExpectationResult = { id: 'budget', kind: 'budget', name: `error budget burn stays within ${formatPercent(limit)}`, verdict: 'pending', measured: null, required: limit };
    if (final) {
      const burned = observation.budgetBurned ?? null;
      result.measured = burned;
      if (burned === null) {
        result.verdict = 'failed';
        result.message = `the error budget burn could not be measured (no checkout traffic between T0 and the end); limit ${formatPercent(limit)}`;
      } else {
        result.verdict = burned <= limit ? 'passed' : 'failed';
        result.message = `${formatPercent(burned)} of the error budget burned; limit ${formatPercent(limit)}`;
      }
    }
    results.push(result);
  }

  if (plan.recovery) {
    const { deadline, deadlineMs } = plan.recovery;
    const result: ExpectationResult = { id: 'recovery', kind: 'recovery', name: `recovers within ${deadline} after the remediation`, verdict: 'pending', measured: null, required: deadlineMs };
    if (t0 !== null && facts.t4 !== null) {
      result.measured = facts.t4 - t0;
      result.verdict = result.measured <= deadlineMs ? 'passed' : 'failed';
      result.message = `recovered (T4) ${formatMs(result.measured)} after T0; required within ${deadline}`;
    } else if ((t0 !== null && past(t0 + deadlineMs)) || (t0 === null && ended)) {
      result.verdict = 'failed';
      const holding = facts.stillFiring.length > 0 ? ` (still firing: ${facts.stillFiring.join(', ')})` : '';
      result.message = `did not recover within ${deadline} of T0${holding}${facts.endedBecause ? `; the drill ended: ${facts.endedBecause}` : ''}`;
    }
    results.push(result);
  }
  return results;
}

/**
 * The run can stop once nothing that drives it is open: every expected alert fired or missed its
 * deadline, recovery was reached or missed, and the detection window (T0 to the latest alert
 * deadline) is over. Silences and the budget are watched over that whole window, so what they
 * see does not depend on how fast the alerts happened to fire, nor on the speed.
 */
export function runIsDecided(plan: GatePlan, results: readonly ExpectationResult[], facts: TimelineFacts, now: number | null): boolean {
  if (facts.t4 !== null || facts.endedBecause !== null || now === null) return true;
  if (facts.t0 === null) return false;
  if (now < facts.t0 + detectionWindowMs(plan)) return false;
  return results.every((result) => result.verdict !== 'pending' || result.kind === 'silence' || result.kind === 'budget');
}

/** Stack ms after T0 that silences and the budget are watched at least: the latest alert deadline. */
export function detectionWindowMs(plan: GatePlan): number {
  return Math.max(0, ...plan.alerts.map((alert) => alert.withinMs));
}

/** When the robot should act (stack ms), once its trigger has fired; null until then. */
export function remediationDueAt(plan: GatePlan, facts: TimelineFacts): number | null {
  if (!plan.remediation) return null;
  const fired = facts.firstFiring.get(plan.remediation.trigger);
  return fired === undefined ? null : fired + plan.remediation.delayMs;
}

/** `1m05s`, `42s`, `1h2m`, `850ms`: how long, at a glance. */
export function formatMs(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  rest = Math.round(rest / 1000);
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  if (h > 0) return `${sign}${h}h${m}m${s > 0 ? `${String(s).padStart(2, '0')}s` : ''}`;
  if (m > 0) return `${sign}${m}m${String(s).padStart(2, '0')}s`;
  return `${sign}${s}s`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
