/**
 * Time ranges of the explorers. Everything is in drill time: the drill's stack runs its own
 * clock (a drill at speed 20 lives 20× faster than the wall), and its samples, logs and spans are
 * stamped with that clock, so "the last 15 minutes" means 15 minutes of drill time.
 */

export interface RangeChoice {
  id: string;
  label: string;
  seconds: number;
}

export const RANGE_CHOICES: readonly RangeChoice[] = [
  { id: '5m', label: 'Last 5 minutes', seconds: 5 * 60 },
  { id: '15m', label: 'Last 15 minutes', seconds: 15 * 60 },
  { id: '30m', label: 'Last 30 minutes', seconds: 30 * 60 },
  { id: '1h', label: 'Last hour', seconds: 3600 },
  { id: '3h', label: 'Last 3 hours', seconds: 3 * 3600 },
];

export const DEFAULT_RANGE_ID = '15m';

export function rangeChoice(id: string | undefined): RangeChoice {
  return RANGE_CHOICES.find((choice) => choice.id === id) ?? RANGE_CHOICES.find((choice) => choice.id === DEFAULT_RANGE_ID)!;
}

/** Steps a graph may use, in seconds: round numbers people recognise on an axis. */
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** About this many points per series: enough for a smooth line, few enough to be quick. */
export const TARGET_POINTS = 250;

/** The smallest nice step that keeps a range at or under TARGET_POINTS points. */
export function stepFor(seconds: number): number {
  const wanted = seconds / TARGET_POINTS;
  return NICE_STEPS.find((step) => step >= wanted) ?? Math.ceil(wanted);
}

export interface QueryRange {
  /** Unix seconds, as Prometheus takes them. */
  start: number;
  end: number;
  step: number;
}

/** The range query window ending at drill time `nowMs`, aligned to the step so reruns line up. */
export function queryRangeEnding(nowMs: number, seconds: number): QueryRange {
  const step = stepFor(seconds);
  const end = Math.floor(nowMs / 1000 / step) * step;
  return { start: end - seconds, end, step };
}
