/**
 * A drill's timeline: everything a drill does is one of these events, appended in order and made
 * durable before anyone is told. Timers, scores, postmortems and the UI are derived from the
 * events, never stored beside them. `at` is drill (stack) time in epoch ms; `wallAt` is when it
 * was recorded in real time.
 */
export type Role = 'facilitator' | 'responder' | 'observer';

export interface Actor {
  role: Role | 'system';
  /** A responder's name, `facilitator`, or the system component (`engine`, `alerting`). */
  name: string;
}

export interface DrillEventData {
  'drill.created': { scenarioId: string; scenarioVersion: number; speed: number; responders: string[] };
  'drill.started': { stackId: string };
  'fault.injected': { stepId: string; faultId: string; kind: string; target: Record<string, unknown>; release?: string };
  'fault.reverted': { stepId: string; faultId: string; reason: string };
  'alert.pending': { alert: string; labels: Record<string, string> };
  'alert.firing': { alert: string; labels: Record<string, string> };
  'alert.resolved': { alert: string; labels: Record<string, string> };
  'incident.declared': { summary: string };
  'page.acknowledged': { alert?: string };
  'query.run': { promql: string; range: boolean; metrics: string[]; ok: boolean; error?: string };
  'logs.searched': { service?: string; level?: string; text?: string; traceId?: string; results: number };
  'trace.viewed': { traceId: string; services: string[] };
  'action.taken': { action: string; service?: string; params: Record<string, unknown>; ok: boolean; result?: string; error?: string };
  'diagnosis.submitted': { text: string; rootCauseId?: string };
  'status.posted': { text: string };
  'hint.requested': { hintId: string; cost: number };
  'checks.changed': { green: boolean; failing: string[] };
  'drill.mitigated': Record<string, never>;
  /** With what the drill cost users between T0 and T4 (absent when the series did not exist). */
  'drill.resolved': { errorBudgetBurned?: number; requestsFailed?: number };
  'drill.scored': { rubricVersion: string; total: number };
  'postmortem.submitted': { markdown: string };
  'drill.aborted': { reason: string };
  'drill.interrupted': { reason: string };
}

export type DrillEventType = keyof DrillEventData;

export interface DrillEvent<T extends DrillEventType = DrillEventType> {
  drillId: string;
  /** 1, 2, 3… per drill, assigned by the store. */
  seq: number;
  type: T;
  at: number;
  wallAt: number;
  actor: Actor;
  data: DrillEventData[T];
}

/** The event before the store gives it its number. */
export type NewDrillEvent<T extends DrillEventType = DrillEventType> = Omit<DrillEvent<T>, 'seq' | 'drillId' | 'wallAt'>;

export type DrillState =
  | 'created'
  | 'running'
  | 'detected'
  | 'acknowledged'
  | 'diagnosed'
  | 'mitigated'
  | 'resolved'
  | 'scored'
  | 'closed'
  | 'aborted'
  | 'interrupted';

/** The timer marks of DESIGN.md, in drill time (ms); null until known. */
export interface DrillTimers {
  t0: number | null;
  t1: number | null;
  t2: number | null;
  t3: number | null;
  t4: number | null;
  t5: number | null;
  /** Seconds; null until both ends are known. */
  mttd: number | null;
  mtta: number | null;
  mttr: number | null;
  timeToMitigate: number | null;
  timeToRecover: number | null;
  detectedBy: 'alert' | 'human' | null;
}
