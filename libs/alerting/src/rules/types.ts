/**
 * Rule groups as in a Prometheus rule file, after validation. Durations are ms. These types are
 * shared by the rule-file loader, the rules manager, the SLO generator and the exporter.
 */
export interface RecordingRule {
  kind: 'record';
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  kind: 'alert';
  alert: string;
  expr: string;
  /** `for`: how long the condition must hold before pending becomes firing. */
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  /** Evaluation interval in ms; defaults to the manager's global interval when absent. */
  intervalMs?: number;
  /** `limit`: at most this many alerts or series per rule (0 = no limit). */
  limit?: number;
  /** `query_offset`: rules query this far in the past (ms), for late-arriving data. */
  queryOffsetMs?: number;
  /** Group `labels` (Prometheus 3): added to every rule's labels; a rule's own labels win. */
  labels?: Record<string, string>;
  rules: Rule[];
}

export type AlertState = 'inactive' | 'pending' | 'firing';

/** One alert instance of an alerting rule, keyed by its label set. */
export interface ActiveAlert {
  rule: string;
  state: Exclude<AlertState, 'inactive'>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  /** When the condition first became true (ms). */
  activeAt: number;
  /** When it became firing (ms), if it has. */
  firedAt?: number;
  /** When it stopped being active, while `keep_firing_for` keeps it firing (ms). */
  keepFiringSince?: number;
  /** Set on the last evaluation where it was still present, before it is dropped as resolved. */
  resolvedAt?: number;
}

export type RuleHealth = 'unknown' | 'ok' | 'err';

/** Emitted by the manager after each evaluation in which an alert changed state. */
export interface AlertTransition {
  group: string;
  rule: string;
  labels: Record<string, string>;
  from: AlertState;
  to: AlertState;
  at: number;
  alert: ActiveAlert;
}
