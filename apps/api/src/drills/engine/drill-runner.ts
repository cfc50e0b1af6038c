import type { TimerHandle } from '@firedrill/clock';
import { parseDuration } from '@firedrill/promql';
import type { FaultStep, Scenario } from '@firedrill/scenarios';
import type { Actor, NewDrillEvent } from '../timeline.js';
import { budgetBurnedBetween, evaluateChecks, measureImpact } from './measurements.js';
import type { AlertTransitionFeedItem, DrillRunnerPorts, Unsubscribe } from './ports.js';

const ENGINE: Actor = { role: 'system', name: 'engine' };
const ALERTING: Actor = { role: 'system', name: 'alerting' };

interface ActiveFault {
  step: FaultStep;
  faultId: string;
  durationTimer?: TimerHandle;
}

/** A fault that a rollback of its service took back. */
export interface RolledBackFault {
  stepId: string;
  faultId: string;
  release: string;
}

/**
 * Plays one scenario on one stack: injects the fault timeline at its offsets, turns alert
 * transitions and status-check changes into timeline events, detects mitigation (T3) and
 * resolution (T4), watches the stop conditions, and hands over to `finish` or `abort`. It never
 * scores or cleans up the stack itself; it only decides and records. Every wait is a timer or a
 * listener that `stop()` removes.
 */
export class DrillRunner {
  private readonly timers = new Set<TimerHandle>();
  private readonly unsubscribers: Unsubscribe[] = [];
  private wallCapTimer: TimerHandle | undefined;
  private readonly active = new Map<string, ActiveFault>();
  private injectedSteps = 0;
  private stopped = false;
  private ending = false;
  private recording: Promise<void> = Promise.resolve();

  private t0: number | null = null;
  private lastChecks: string | undefined;
  private redSinceT0 = false;
  private greenSince: number | null = null;
  private mitigated = false;
  private readonly firedSinceT0 = new Set<string>();
  /** Firing alerts that hold resolution back: every severity but `ticket`. */
  private readonly firing = new Set<string>();

  private readonly stabilityMs: number;
  private readonly wallCapMs: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly ports: DrillRunnerPorts,
  ) {
    this.stabilityMs = parseDuration(scenario.spec.stabilityPeriod);
    this.wallCapMs = parseDuration(scenario.spec.stopConditions.wallClockCap);
  }

  /** Schedules the fault timeline from now (stack time) and starts listening. */
  start(): void {
    const { clock, wallClock } = this.ports;
    for (const step of this.scenario.spec.faults) {
      this.after(parseDuration(step.at), () => void this.inject(step));
    }
    this.unsubscribers.push(this.ports.onAlertTransition((transition) => this.onAlert(transition)));
    this.unsubscribers.push(this.ports.onScrapeCycle((tMs) => this.onCycle(tMs)));
    this.wallCapTimer = wallClock.setTimeout(
      () => void this.abortFor(`stop condition: the wall-clock cap of ${this.scenario.spec.stopConditions.wallClockCap} passed`),
      this.wallCapMs,
    );
    this.ports.log(`playing ${this.scenario.spec.faults.length} fault step(s) on stack time from ${new Date(clock.now()).toISOString()}`);
  }

  /** Clears every timer and listener; faults stay as they are (see `revertAll`). Idempotent. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) this.ports.clock.clearTimeout(timer);
    this.timers.clear();
    for (const fault of this.active.values()) this.ports.clock.clearTimeout(fault.durationTimer);
    this.ports.wallClock.clearTimeout(this.wallCapTimer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves once every event the runner decided on so far is on the timeline. */
  flush(): Promise<void> {
    return this.recording;
  }

  /** Reverts the faults of steps with a `release` on `service` (a responder's rollback). */
  async rollback(service: string): Promise<RolledBackFault[]> {
    const released = [...this.active.values()].filter((fault) => fault.step.release !== undefined && fault.step.target['service'] === service);
    await Promise.all(released.map((fault) => this.revertStep(fault.step.id, `rolled back ${service} (release ${fault.step.release})`)));
    return released.map((fault) => ({ stepId: fault.step.id, faultId: fault.faultId, release: fault.step.release! }));
  }

  /** Reverts every fault still in effect, recording each; used when the drill ends. */
  async revertAll(reason: string): Promise<void> {
    await Promise.all([...this.active.keys()].map((stepId) => this.revertStep(stepId, reason)));
    await this.flush();
  }

  private after(delayMs: number, callback: () => void): void {
    const timer = this.ports.clock.setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, delayMs);
    this.timers.add(timer);
  }

  private emit(event: NewDrillEvent): void {
    this.recording = this.recording
      .then(() => this.ports.record(event))
      .then(
        () => undefined,
        (error: unknown) => this.ports.log(`could not record ${event.type}: ${(error as Error).message}`),
      );
  }

  private async inject(step: FaultStep): Promise<void> {
    if (this.stopped) return;
    const durationMs = step.duration === undefined ? undefined : parseDuration(step.duration);
    let faultId: string;
    try {
      ({ faultId } = await this.ports.faults.inject(step, durationMs));
    } catch (error) {
      await this.abortFor(`fault step "${step.id}" could not be injected: ${(error as Error).message}`);
      return;
    }
    if (this.stopped) {
      // The drill ended while the fault was being applied: take it back at once.
      await this.ports.faults.revert(faultId, 'the drill ended').catch(() => undefined);
      return;
    }
    const now = this.ports.clock.now();
    const fault: ActiveFault = { step, faultId };
    this.active.set(step.id, fault);
    this.injectedSteps++;
    if (this.t0 === null) this.t0 = now;
    this.emit({
      type: 'fault.injected',
      at: now,
      actor: ENGINE,
      data: { stepId: step.id, faultId, kind: step.kind, target: step.target, ...(step.release === undefined ? {} : { release: step.release }) },
    });
    if (durationMs !== undefined) {
      fault.durationTimer = this.ports.clock.setTimeout(() => void this.revertStep(step.id, 'its duration elapsed'), durationMs);
    }
  }

  private async revertStep(stepId: string, reason: string): Promise<void> {
    const fault = this.active.get(stepId);
    if (!fault) return;
    this.active.delete(stepId);
    this.ports.clock.clearTimeout(fault.durationTimer);
    try {
      await this.ports.faults.revert(fault.faultId, reason);
    } catch (error) {
      // The fault's lease ends it anyway; the timeline says what the drill intended.
      this.ports.log(`reverting fault ${fault.faultId}: ${(error as Error).message}`);
    }
    this.emit({ type: 'fault.reverted', at: this.ports.clock.now(), actor: ENGINE, data: { stepId, faultId: fault.faultId, reason } });
  }

  /** Alerts before T0 are the stack's own noise, not the drill's. */
  private onAlert(transition: AlertTransitionFeedItem): void {
    if (this.stopped || this.t0 === null) return;
    const key = `${transition.alert}${JSON.stringify(Object.entries(transition.labels).sort(([a], [b]) => a.localeCompare(b)))}`;
    const at = Date.parse(transition.at);
    // A transition evaluated before the fault took effect (but delivered after) is not the drill's.
    if (at < this.t0) return;
    const data = { alert: transition.alert, labels: transition.labels };
    if (transition.to === 'pending') {
      this.emit({ type: 'alert.pending', at, actor: ALERTING, data });
    } else if (transition.to === 'firing') {
      this.firedSinceT0.add(key);
      // A slow-burn ticket (e.g. 3× over 1d and 2h) stays open for hours after users are fine, by
      // design: it is follow-up work, not an ongoing outage, so it does not hold T4 back.
      if (transition.labels.severity !== 'ticket') this.firing.add(key);
      this.emit({ type: 'alert.firing', at, actor: ALERTING, data });
    } else if (this.firedSinceT0.has(key) && transition.from === 'firing') {
      // Only the end of a page the drill saw counts: a pending alert that never fired was never
      // paged, and one that fired before T0 is not the drill's.
      this.firing.delete(key);
      this.emit({ type: 'alert.resolved', at, actor: ALERTING, data });
    }
  }

  /** After every scrape cycle: status checks, mitigation, stop conditions, resolution. */
  private onCycle(tMs: number): void {
    if (this.stopped || this.ending || this.t0 === null) return;
    const checks = evaluateChecks(this.scenario.spec.statusChecks, this.ports.query, tMs);
    const signature = checks.failing.join(',');
    if (signature !== this.lastChecks) {
      this.lastChecks = signature;
      this.emit({ type: 'checks.changed', at: tMs, actor: ENGINE, data: checks });
    }
    if (!checks.green) {
      this.redSinceT0 = true;
      this.greenSince = null;
    } else {
      this.greenSince ??= tMs;
      if (this.redSinceT0 && !this.mitigated) {
        this.mitigated = true;
        this.emit({ type: 'drill.mitigated', at: tMs, actor: ENGINE, data: {} });
      }
    }
    if (this.budgetExceeded(tMs)) return;
    if (this.isResolved(tMs)) void this.resolve(tMs);
  }

  private budgetExceeded(tMs: number): boolean {
    const limit = this.scenario.spec.stopConditions.maxErrorBudgetBurn;
    if (limit === undefined) return false;
    const burned = budgetBurnedBetween(this.ports.query, this.t0!, tMs);
    if (burned === null || burned <= limit) return false;
    void this.abortFor(`stop condition: ${(burned * 100).toFixed(1)}% of the error budget burned, more than the limit of ${(limit * 100).toFixed(1)}%`);
    return true;
  }

  /**
   * T4: every fault step has been played, something went wrong since T0 (a red check or a fired
   * alert), the checks have stayed green for the stability period, and no alert that fired since
   * T0 is still firing (slow-burn tickets aside).
   */
  private isResolved(tMs: number): boolean {
    if (this.injectedSteps < this.scenario.spec.faults.length) return false;
    if (!this.redSinceT0 && this.firedSinceT0.size === 0) return false;
    if (this.greenSince === null || tMs - this.greenSince < this.stabilityMs) return false;
    return this.firing.size === 0;
  }

  private async resolve(t4: number): Promise<void> {
    this.ending = true;
    const measurements = measureImpact(this.ports.query, this.t0!, t4);
    // The impact travels with the event, so rescoring and postmortems need nothing but the timeline.
    this.emit({ type: 'drill.resolved', at: t4, actor: ENGINE, data: measurements });
    this.stop();
    await this.flush();
    await this.ports.finish(measurements);
  }

  private async abortFor(reason: string): Promise<void> {
    if (this.stopped || this.ending) return;
    this.ending = true;
    this.stop();
    await this.flush();
    await this.ports.abort(reason);
  }
}
