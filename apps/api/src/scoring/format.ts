import { parseDrillDuration } from '@firedrill/scenarios';

/**
 * How scores and postmortems print times and points, so every line a trainee reads uses the
 * same spelling: `2m10s`, `+45s`, `6.25`.
 */

/**
 * A scenario duration (`30s`, `5m`, `1h30m`) in seconds. The scenario loader has validated the
 * shape already; an unreadable value here is a programming error, so it throws.
 */
export function durationSeconds(text: string): number {
  return parseDrillDuration(text) / 1000;
}

/** `0s`, `45s`, `2m10s`, `1h5m`, `1h0m30s`; fractions of a second are rounded away. */
export function formatSeconds(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h}h${m}m${s > 0 ? `${s}s` : ''}`;
  if (m > 0) return `${sign}${m}m${s > 0 ? `${s}s` : ''}`;
  return `${sign}${s}s`;
}

/** An offset from a mark: `+2m10s`, `-30s`, `+0s`. */
export function formatOffset(ms: number): string {
  const text = formatSeconds(ms / 1000);
  return text.startsWith('-') ? text : `+${text}`;
}

/** Prints a time as an offset from a named timer mark: `T1+2m10s`, `T0-30s`. */
export type TimeAnchor = (at: number) => string;

/**
 * Score lines give times from detection (T1), which is what runbook bounds are measured from;
 * before anything was detected there is only the fault (T0), and before that the first event.
 */
export function anchorAt(timers: { t0: number | null; t1: number | null }, fallback: number): TimeAnchor {
  if (timers.t1 !== null) return (at) => `T1${formatOffset(at - timers.t1!)}`;
  if (timers.t0 !== null) return (at) => `T0${formatOffset(at - timers.t0!)}`;
  return (at) => `start${formatOffset(at - fallback)}`;
}

/** Points with at most two decimals: `15`, `6.25`, `-10`. */
export function roundPoints(points: number): number {
  const rounded = Math.round(points * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function formatPoints(points: number): string {
  return String(roundPoints(points));
}

/** `12%` or `12.5%` of a fraction. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** Lowercase, single spaces, trimmed: how free text is compared with accepted phrasings. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function quote(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}'`;
}
