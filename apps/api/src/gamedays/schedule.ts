import { CronTime } from 'cron';
import { DateTime, IANAZone } from 'luxon';
import type { GameDaySchedule } from './gameday-schema.js';

/**
 * When a game day starts: pure functions of a schedule, a cursor and instants (epoch ms), so the
 * scheduler, the views and the preview agree and tests need no clock at all.
 *
 * Cron expressions are read in the game day's IANA zone as wall-clock times, and each local wall
 * time runs at most once:
 * - spring forward: a local time that does not exist that day (02:30 in Europe/Berlin on the last
 *   Sunday of March) runs at the same instant it would have under the offset before the change,
 *   i.e. one hour later on the wall clock (03:30). If that coincides with a regular occurrence
 *   (an hourly job's 03:00) it runs once.
 * - fall back: a local time that happens twice (02:30 on the last Sunday of October) runs at its
 *   first pass only.
 * `every: n` keeps every n-th occurrence, counted from the anchor (the game day's creation): the
 * first occurrence after the anchor runs, then every n-th after it.
 */

export class ScheduleError extends Error {
  constructor(
    /** The offending field of the game day, e.g. `schedule.expression`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

/** Where a walk over a schedule stands: `count` occurrences of the expression lie in (anchor, afterMs]. */
export interface ScheduleCursor {
  afterMs: number;
  count: number;
}

/** A start that `every` keeps; `index` is its position among all occurrences after the anchor (0-based). */
export interface Occurrence {
  at: number;
  index: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A walk stops after this many raw occurrences; callers continue from the cursor it returns. */
export const MAX_WALK = 20_000;

export function startCursor(anchorMs: number): ScheduleCursor {
  return { afterMs: anchorMs, count: 0 };
}

/** Throws a ScheduleError naming the field when the expression or the zone is unusable. */
export function validateSchedule(schedule: GameDaySchedule): void {
  if (schedule.kind === 'once') return;
  if (!IANAZone.isValidZone(schedule.timeZone)) {
    throw new ScheduleError('schedule.timeZone', `"${schedule.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
  }
  const fields = schedule.expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new ScheduleError('schedule.expression', `expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got ${fields.length}`);
  }
  const checked = CronTime.validateCronExpression(fields.join(' '));
  if (!checked.valid) throw new ScheduleError('schedule.expression', `"${schedule.expression}" is not a cron expression: ${checked.error?.message ?? 'invalid'}`);
  if (nextNaive(cronOf(schedule.expression), 0) === undefined) {
    throw new ScheduleError('schedule.expression', `"${schedule.expression}" never occurs`);
  }
}

/**
 * The kept occurrences in (cursor.afterMs, untilMs], oldest first, and the cursor moved to untilMs.
 * When the walk hits MAX_WALK first, `cursor` stops at the last occurrence seen and `complete` is false.
 */
export function occurrencesBetween(schedule: GameDaySchedule, cursor: ScheduleCursor, untilMs: number): { occurrences: Occurrence[]; cursor: ScheduleCursor; complete: boolean } {
  const occurrences: Occurrence[] = [];
  if (untilMs <= cursor.afterMs) return { occurrences, cursor, complete: true };
  const every = schedule.kind === 'cron' ? schedule.every : 1;
  let count = cursor.count;
  let steps = 0;
  for (const at of instantsAfter(schedule, cursor.afterMs)) {
    if (at > untilMs) return { occurrences, cursor: { afterMs: untilMs, count }, complete: true };
    if (count % every === 0) occurrences.push({ at, index: count });
    count++;
    if (++steps >= MAX_WALK) return { occurrences, cursor: { afterMs: at, count }, complete: false };
  }
  return { occurrences, cursor: { afterMs: untilMs, count }, complete: true };
}

/** The next `limit` kept occurrences after the cursor. */
export function nextOccurrences(schedule: GameDaySchedule, cursor: ScheduleCursor, limit: number): Occurrence[] {
  const every = schedule.kind === 'cron' ? schedule.every : 1;
  const found: Occurrence[] = [];
  let count = cursor.count;
  let steps = 0;
  for (const at of instantsAfter(schedule, cursor.afterMs)) {
    if (found.length >= limit || ++steps > MAX_WALK * every) break;
    if (count % every === 0) found.push({ at, index: count });
    count++;
  }
  return found;
}

/** ISO 8601 with the offset the game day is read in: its zone for cron, the given offset for a one-off. */
export function formatInScheduleZone(ms: number, schedule: GameDaySchedule): string {
  const zone = schedule.kind === 'cron' ? schedule.timeZone : DateTime.fromISO(schedule.at, { setZone: true }).zone;
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** Every start of the schedule after `afterMs`, increasing, each instant once. */
export function* instantsAfter(schedule: GameDaySchedule, afterMs: number): Generator<number> {
  if (schedule.kind === 'once') {
    const at = Date.parse(schedule.at);
    if (at > afterMs) yield at;
    return;
  }
  const zone = IANAZone.create(schedule.timeZone);
  const cron = cronOf(schedule.expression);
  // Local times in a spring-forward gap map past later local times (02:30 → 03:30 comes after
  // 03:00), so they wait in `shifted` until a regular instant passes them; nothing else reorders.
  const shifted: number[] = [];
  let last = afterMs;
  // Start early enough that a shifted gap time landing after `afterMs` is not skipped.
  let naive = toNaive(afterMs, zone) - 3 * HOUR;
  for (;;) {
    const next = nextNaive(cron, naive);
    if (next === undefined) break;
    naive = next;
    const local = localToInstant(naive, zone);
    if (local.shifted) {
      if (local.at > last && !shifted.includes(local.at)) shifted.push(local.at);
      continue;
    }
    shifted.sort((a, b) => a - b);
    while (shifted.length > 0 && shifted[0]! <= local.at) {
      const early = shifted.shift()!;
      if (early < local.at && early > last) yield (last = early);
    }
    if (local.at > last) yield (last = local.at);
  }
  for (const at of shifted.sort((a, b) => a - b)) if (at > last) yield (last = at);
}

function cronOf(expression: string): CronTime {
  // Local wall times are walked in UTC, where no day has a gap or an overlap, then mapped onto the zone.
  return new CronTime(expression.trim().split(/\s+/).join(' '), 'UTC');
}

/** The next local wall time (as if it were UTC) strictly after `naiveMs`; undefined when there is none. */
function nextNaive(cron: CronTime, naiveMs: number): number | undefined {
  try {
    return cron.getNextDateFrom(DateTime.fromMillis(naiveMs, { zone: 'UTC' }), 'UTC').toMillis();
  } catch {
    // cron gives up when nothing matches in eight years (e.g. 30 February).
    return undefined;
  }
}

/** The wall time in `zone` at `ms`, written as if it were UTC. */
function toNaive(ms: number, zone: IANAZone): number {
  return ms + zone.offset(ms) * 60_000;
}

/** The instant of a local wall time: its first pass when it happens twice, shifted by the gap when it does not exist. */
function localToInstant(naiveMs: number, zone: IANAZone): { at: number; shifted: boolean } {
  const before = zone.offset(naiveMs - DAY) * 60_000;
  const after = zone.offset(naiveMs + DAY) * 60_000;
  const candidates = [...new Set([before, after])].map((offset) => naiveMs - offset).filter((at) => toNaive(at, zone) === naiveMs);
  if (candidates.length > 0) return { at: Math.min(...candidates), shifted: false };
  return { at: naiveMs - before, shifted: true };
}
