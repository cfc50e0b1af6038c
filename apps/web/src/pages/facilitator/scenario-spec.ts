/**
 * The pieces of a scenario's spec the facilitator pages read (libs/scenarios schema.ts and
 * runbook.ts). The API sends them as plain JSON; these types only name what we look at.
 */
export type ParamConstraint = string | number | boolean | { gte?: number; lte?: number; gt?: number; lt?: number; in?: Array<string | number> };

export interface ActionMatcher {
  action: string;
  service?: string;
  params?: Record<string, ParamConstraint>;
}

export type Evidence =
  | { ack: true }
  | { declare: true }
  | { query: { metrics: string[] } }
  | { logSearch: { service?: string; text?: string; level?: string } }
  | { traceView: { service?: string } }
  | { action: ActionMatcher }
  | { diagnosis: true }
  | { statusUpdate: true };

/** A runbook step as the facilitator receives it: with the evidence scoring matches. */
export interface CheckableStep {
  id: string;
  title: string;
  within?: string;
  evidence?: Evidence;
}

export interface FaultStep {
  id: string;
  at: string;
  duration?: string;
  kind: string;
  target: Record<string, unknown>;
  params?: Record<string, unknown>;
  release?: string;
  incident?: string;
}

export interface StatusCheck {
  id: string;
  description: string;
  query: string;
}

export interface Expectations {
  alerts?: Array<{ name: string; within: string }>;
  mustNotFire?: string[];
  maxErrorBudgetBurn?: number;
  recoveryDeadline?: string;
}

export interface Remediations {
  fixes: ActionMatcher[];
  mitigations?: ActionMatcher[];
  harmful?: Array<ActionMatcher & { reason: string }>;
}

export interface AnswerKey {
  rootCause: { id: string; summary: string; accepted: string[] };
}

/** The drill view's `facilitator` block, typed. */
export interface FacilitatorBlock {
  answerKey: AnswerKey;
  faults: FaultStep[];
  remediations: Remediations;
  redHerrings: string[];
  statusChecks: StatusCheck[];
  expectations: Expectations;
}

export interface Targets {
  mttd: string;
  mtta: string;
  mttr: string;
}

/** The whole scenario (facilitator's `GET /api/scenarios/:id`): only what we read of it. */
export interface FullScenario {
  metadata: { id: string; title: string };
  spec: { targets: Targets; hints: Array<{ id: string; text: string; cost: number }>; stabilityPeriod?: string };
}
