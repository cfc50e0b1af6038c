import type { Clock } from '@firedrill/clock';
import type { FaultStep } from '@firedrill/scenarios';
import type { NewDrillEvent } from '../timeline.js';

/**
 * What a drill runner needs from the world, as small interfaces: the service wires them to the
 * drill's stack (its clock, faults, alerting and telemetry), unit tests to fakes and a FakeClock.
 */
export type Unsubscribe = () => void;

/** An alert state change as the alerting module publishes it (`transitionView`). */
export interface AlertTransitionFeedItem {
  alert: string;
  labels: Record<string, string>;
  from: string;
  to: string;
  /** Stack time, ISO 8601. */
  at: string;
}

export interface FaultInjector {
  /** Applies one step of the fault timeline; resolves once the fault is in effect. */
  inject(step: FaultStep, durationMs: number | undefined): Promise<{ faultId: string }>;
  /** Idempotent: reverting a fault that already ended is not an error. */
  revert(faultId: string, reason: string): Promise<void>;
}

/** The values of an instant query's result; empty when the query returned nothing. */
export type PromqlEvaluator = (promql: string, atMs: number) => number[];

/**
 * What the drill measured between T0 and T4 (the shape scoring takes); a field is absent when
 * its series did not exist.
 */
export interface DrillMeasurements {
  /** Fraction of the checkout availability error budget burned between T0 and T4 (≥ 0). */
  errorBudgetBurned?: number;
  /** Gateway 5xx responses between T0 and T4. */
  requestsFailed?: number;
}

export interface DrillRunnerPorts {
  /** The stack's clock: the fault timeline, stability period and event times run on it. */
  clock: Clock;
  /** Real time, for the wall-clock cap (a fast stack must not stretch it). */
  wallClock: Clock;
  /** Appends to the timeline (durable before it resolves). */
  record(event: NewDrillEvent): Promise<unknown>;
  faults: FaultInjector;
  onAlertTransition(listener: (transition: AlertTransitionFeedItem) => void): Unsubscribe;
  /** Completed scrape cycles, with their stack time. */
  onScrapeCycle(listener: (tMs: number) => void): Unsubscribe;
  query: PromqlEvaluator;
  /** Called once after T4 with the measurements: score, clean up. */
  finish(measurements: DrillMeasurements): Promise<void>;
  /** Called once when a stop condition or a failed injection ends the drill. */
  abort(reason: string): Promise<void>;
  log(message: string): void;
}
