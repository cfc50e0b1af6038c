/** The drill's timers beside the scenario's targets (targets only when the viewer may see them). */
import type { DrillTimers } from '../../api/types.js';
import { durationToSeconds, formatOffset, formatSeconds } from './durations.js';

export type TimerVerdict = 'met' | 'missed' | 'running' | 'not reached' | 'no target';

export interface TimerRow {
  id: 'mttd' | 'mtta' | 'mttr' | 'timeToMitigate' | 'timeToRecover';
  label: string;
  /** What it measures: `T1 − T0`. */
  span: string;
  seconds: number | null;
  value: string;
  target: string | null;
  verdict: TimerVerdict;
}

export interface Targets {
  mttd: string;
  mtta: string;
  mttr: string;
}

const ROWS: Array<Pick<TimerRow, 'id' | 'label' | 'span'>> = [
  { id: 'mttd', label: 'Time to detect (MTTD)', span: 'T1 − T0' },
  { id: 'mtta', label: 'Time to acknowledge (MTTA)', span: 'T2 − T1' },
  { id: 'mttr', label: 'Time to resolve (MTTR)', span: 'T4 − T1' },
  { id: 'timeToMitigate', label: 'Time to mitigate', span: 'T3 − T0' },
  { id: 'timeToRecover', label: 'Time to recover', span: 'T4 − T0' },
];

/**
 * One row per timer. `finished`: the drill is over, so a timer still unknown was never reached
 * (rather than still running).
 */
export function timersAgainstTargets(timers: DrillTimers, targets: Targets | null, finished: boolean): TimerRow[] {
  return ROWS.map((row) => {
    const seconds = timers[row.id];
    const targetText = targets !== null && (row.id === 'mttd' || row.id === 'mtta' || row.id === 'mttr') ? targets[row.id] : null;
    const targetSeconds = targetText === null ? null : durationToSeconds(targetText);
    let verdict: TimerVerdict;
    if (seconds === null) verdict = finished ? 'not reached' : 'running';
    else if (targetSeconds === null) verdict = 'no target';
    else verdict = seconds <= targetSeconds ? 'met' : 'missed';
    return { ...row, seconds, value: seconds === null ? '—' : formatSeconds(seconds), target: targetText, verdict };
  });
}

export interface TimerMark {
  id: 't0' | 't1' | 't2' | 't3' | 't4' | 't5';
  label: string;
  /** `T0+1m30s`, or null until reached. */
  offset: string | null;
}

const MARKS: Array<Pick<TimerMark, 'id' | 'label'>> = [
  { id: 't0', label: 'T0 fault in effect' },
  { id: 't1', label: 'T1 detected' },
  { id: 't2', label: 'T2 acknowledged' },
  { id: 't3', label: 'T3 mitigated' },
  { id: 't4', label: 'T4 resolved' },
  { id: 't5', label: 'T5 postmortem' },
];

/** The marks as offsets from T0 (drill time). */
export function timerMarks(timers: DrillTimers): TimerMark[] {
  const t0 = timers.t0 === null ? null : Date.parse(timers.t0);
  return MARKS.map((mark) => {
    const at = timers[mark.id];
    return { ...mark, offset: at === null || t0 === null ? null : `T0${formatOffset(Date.parse(at) - t0)}` };
  });
}

/** "detected by an alert" / "detected by a human" for the timers panel. */
export function detectedByText(timers: DrillTimers): string | null {
  if (timers.detectedBy === 'human') return 'detected by a person declaring an incident before any alert fired';
  if (timers.detectedBy === 'alert') return 'detected by an alert';
  return null;
}
