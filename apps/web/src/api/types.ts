/**
 * The API's shapes as the UI receives them (JSON: times are ISO strings unless said otherwise).
 * They mirror apps/api (drills/timeline.ts, drills/drill-summary.ts, docs/drill-api.md); the web app
 * has its own copies because it is built separately from the API.
 */

// ---- stacks ---------------------------------------------------------------------------------

export interface ReplicaView {
  id: string;
  port: number;
  pid: number | null;
  restarts: number;
  state: string;
  healthy: boolean;
}

export interface FaultView {
  id: string;
  kind: string;
  target: { service: string; dependency?: string };
  state: string;
  createdAt: string;
  endsAt: string | null;
}

export interface StackView {
  id: string;
  createdAt: string;
  gatewayUrl: string;
  services: Array<{ name: string; replicas: ReplicaView[] }>;
  faults: FaultView[];
  load: { targetRps: number; sent: number; ok: number; serverErrors: number; networkErrors: number; latencyMs: { p50: number | null; p95: number | null } };
}

// ---- drills ---------------------------------------------------------------------------------

export type Role = 'facilitator' | 'responder' | 'observer';

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

/** States after which nothing more happens on the stack. */
export const FINISHED_STATES: readonly DrillState[] = ['resolved', 'scored', 'closed', 'aborted', 'interrupted'];

/** Timer marks t0…t5 are ISO 8601 drill (stack) time; durations are seconds; null until known. */
export interface DrillTimers {
  t0: string | null;
  t1: string | null;
  t2: string | null;
  t3: string | null;
  t4: string | null;
  t5: string | null;
  mttd: number | null;
  mtta: number | null;
  mttr: number | null;
  timeToMitigate: number | null;
  timeToRecover: number | null;
  detectedBy: 'alert' | 'human' | null;
}

/** One category of a score (apps/api/src/scoring/types.ts). */
export interface ScoreItem {
  id: string;
  title: string;
  points: number;
  max: number;
  details: string[];
  followUps: string[];
}

export interface DrillScoreSummary {
  rubricVersion: string;
  total: number;
  breakdown: ScoreItem[];
  computedAt: string;
}

/** `GET /api/drills/:id/score`. */
export interface ScoreView extends DrillScoreSummary {
  history: Array<{ rubricVersion: string; total: number; computedAt: string }>;
}

export interface Participant {
  name: string;
  role: Role;
}

export interface HintSummary {
  id: string;
  cost: number;
}

/** What participants see of a scenario (the brief). */
export interface ScenarioBrief {
  id?: string;
  title: string;
  summary: string;
  severity: string;
  difficulty: string;
  tags: string[];
  hints: HintSummary[];
}

/** Facilitator-only part of a drill view; the scenario's spec pieces, kept loose on purpose. */
export interface FacilitatorDetails {
  answerKey: unknown;
  faults: unknown[];
  remediations: unknown[];
  redHerrings: unknown[];
  statusChecks: unknown[];
  expectations: unknown;
}

/** `GET /api/drills/:id` (and each entry of `GET /api/drills`, which has no brief). */
export interface DrillView {
  id: string;
  /** `id` is absent for participants: catalogue ids describe the incident. */
  scenario: { id?: string; version: number; title: string; severity: string };
  state: DrillState;
  speed: number;
  stackId: string | null;
  /** The team the drill counts for on the scoreboard (game days set it). */
  team?: string | null;
  /** Who started it: a facilitator by hand, a game day, or the CI gate. */
  origin?: 'manual' | 'gameday' | 'gate';
  gameDayRunId?: string | null;
  createdAt: string;
  timers: DrillTimers;
  score?: DrillScoreSummary;
  participants: Participant[];
  brief?: ScenarioBrief;
  facilitator?: FacilitatorDetails;
}

export interface DrillEventData {
  'drill.created': { scenarioId: string; scenarioVersion: number; speed: number; responders: string[] };
  'drill.started': { stackId: string };
  /** Participants receive `{}` (redacted). */
  'fault.injected': { stepId?: string; faultId?: string; kind?: string; target?: Record<string, unknown>; release?: string };
  'fault.reverted': { stepId?: string; faultId?: string; reason?: string };
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
  /** Participants receive only `green`. */
  'checks.changed': { green: boolean; failing?: string[] };
  'drill.mitigated': Record<string, never>;
  'drill.resolved': { errorBudgetBurned?: number; requestsFailed?: number };
  'drill.scored': { rubricVersion: string; total: number };
  'postmortem.submitted': { markdown: string };
  'drill.aborted': { reason: string };
  'drill.interrupted': { reason: string };
}

export type DrillEventType = keyof DrillEventData;

export interface Actor {
  role: Role | 'system';
  name: string;
}

/** One timeline event; `at` is drill time and `wallAt` real time, both epoch ms. */
export interface DrillEvent<T extends DrillEventType = DrillEventType> {
  drillId: string;
  seq: number;
  type: T;
  at: number;
  wallAt: number;
  actor: Actor;
  data: DrillEventData[T];
}

export interface JoinLink {
  name: string;
  role: Role;
  token: string;
  url: string;
}

export interface CreateDrillRequest {
  scenario: string;
  speed?: number;
  responders?: Array<string | { name: string; role: 'responder' | 'observer' }>;
}

export interface CreatedDrill {
  id: string;
  joinLinks: JoinLink[];
}

export interface PostmortemView {
  markdown: string;
  submitted: boolean;
  submittedBy?: string;
  submittedAt?: string;
  updatedAt?: string;
}

// ---- scenarios ------------------------------------------------------------------------------

/** `GET /api/scenarios` entries; the facilitator's also carry the whole `scenario`. */
export interface ScenarioSummary extends ScenarioBrief {
  id: string;
  version: number;
  scenario?: unknown;
}

export interface RunbookStep {
  id: string;
  title: string;
  within?: string;
}

/** `GET /api/scenarios/:id`: the summary plus the runbook (participants: without scoring evidence). */
export interface ScenarioDetail extends ScenarioSummary {
  runbook?: { path?: string; title: string; markdown: string; steps: RunbookStep[] };
}

// ---- alerts ---------------------------------------------------------------------------------

/** `GET /api/stacks/:id/alerts` entries. */
export interface AlertView {
  name: string;
  state: 'pending' | 'firing';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  activeAt: string;
  firedAt: string | null;
  source: 'rules' | 'alertmanager';
}

export interface AlertsResponse {
  alerts: AlertView[];
  lastEvaluationAt: string | null;
}

/** An alert state change (`GET /api/stacks/:id/alerts/history`, websocket topic `alerts`). */
export interface AlertTransitionView {
  group: string;
  alert: string;
  labels: Record<string, string>;
  from: string;
  to: string;
  at: string;
  value: number | null;
  annotations: Record<string, string>;
}

// ---- websocket ------------------------------------------------------------------------------

/** Payload of a `drill` topic frame. */
export interface DrillFeedPayload {
  event: DrillEvent;
  state: DrillState;
  timers: DrillTimers;
}

export type ServerMessage =
  | { type: 'hello'; role: Role }
  | { type: 'subscribed'; stackId: string; topics: string[] }
  | { type: 'unsubscribed'; stackId: string }
  | { type: 'pong' }
  | { type: 'error'; message: string }
  | { type: 'event'; stackId: string; topic: 'drill'; payload: DrillFeedPayload }
  | { type: 'event'; stackId: string; topic: 'alerts'; payload: AlertTransitionView };
