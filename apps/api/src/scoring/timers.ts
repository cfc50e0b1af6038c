/**
 * The timer marks and the drill state, derived from the timeline alone (DESIGN.md "The timers").
 * Pure: no clock, no store; the same events always give the same answer, so the engine, the
 * scorer, the postmortem and the UI can never disagree about what T1 was.
 */
import type { DrillEvent, DrillEventType, DrillState, DrillTimers } from '../drills/timeline.js';

/** Seconds between two marks, or null while either is unknown. */
export function secondsBetween(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return (to - from) / 1000;
}

/**
 * The events `deriveTimers` reads, so a caller can load only these: the rest of a timeline
 * (queries, logs, actions) does not move a mark. Kept beside the function so both change together.
 */
export const TIMER_EVENT_TYPES: readonly DrillEventType[] = [
  'fault.injected',
  'alert.firing',
  'incident.declared',
  'page.acknowledged',
  'drill.mitigated',
  'drill.resolved',
  'postmortem.submitted',
];

/**
 * The event that detected the incident: the first `alert.firing` or `incident.declared` after the
 * first fault. An alert or declaration before any fault is in effect is noise, not detection;
 * a declaration ahead of every alert means a human noticed first.
 */
export function findDetection(events: readonly DrillEvent[]): DrillEvent | null {
  let t0: number | null = null;
  for (const event of events) {
    if (event.type === 'fault.injected') t0 ??= event.at;
    // An alert evaluated before the fault was in effect (recorded after it) is noise, not detection.
    else if (t0 !== null && event.at >= t0 && (event.type === 'alert.firing' || event.type === 'incident.declared')) return event;
  }
  return null;
}

function firstAt(events: readonly DrillEvent[], type: DrillEvent['type']): number | null {
  return events.find((event) => event.type === type)?.at ?? null;
}

export function deriveTimers(events: readonly DrillEvent[]): DrillTimers {
  const detection = findDetection(events);
  const t0 = firstAt(events, 'fault.injected');
  const t1 = detection?.at ?? null;
  const t2 = firstAt(events, 'page.acknowledged');
  const t3 = firstAt(events, 'drill.mitigated');
  const t4 = firstAt(events, 'drill.resolved');
  const t5 = firstAt(events, 'postmortem.submitted');
  return {
    t0,
    t1,
    t2,
    t3,
    t4,
    t5,
    mttd: secondsBetween(t0, t1),
    mtta: secondsBetween(t1, t2),
    mttr: secondsBetween(t1, t4),
    timeToMitigate: secondsBetween(t0, t3),
    timeToRecover: secondsBetween(t0, t4),
    detectedBy: detection === null ? null : detection.type === 'alert.firing' ? 'alert' : 'human',
  };
}

/** The forward path of a drill; a state only ever moves right along it. */
const PROGRESSION: readonly DrillState[] = [
  'created',
  'running',
  'detected',
  'acknowledged',
  'diagnosed',
  'mitigated',
  'resolved',
  'scored',
  'closed',
];

const REACHES: Partial<Record<DrillEvent['type'], DrillState>> = {
  'drill.created': 'created',
  'drill.started': 'running',
  'page.acknowledged': 'acknowledged',
  'diagnosis.submitted': 'diagnosed',
  'drill.mitigated': 'mitigated',
  'drill.resolved': 'resolved',
  'drill.scored': 'scored',
  'postmortem.submitted': 'closed',
};

export function isFinalState(state: DrillState): boolean {
  return state === 'closed' || state === 'aborted' || state === 'interrupted';
}

/**
 * The state after the given events. Steps can be skipped (an acknowledgement before a diagnosis is
 * not required) but never undone: a late alert does not move an acknowledged drill back to
 * `detected`. `aborted` and `interrupted` are final, whatever is recorded after them.
 */
export function deriveState(events: readonly DrillEvent[]): DrillState {
  let state: DrillState = 'created';
  const detection = findDetection(events);
  for (const event of events) {
    if (event.type === 'drill.aborted') return 'aborted';
    if (event.type === 'drill.interrupted') return 'interrupted';
    const reached = event === detection ? 'detected' : REACHES[event.type];
    if (reached !== undefined && PROGRESSION.indexOf(reached) > PROGRESSION.indexOf(state)) state = reached;
  }
  return state;
}
