/**
 * A game day's schedule in words ("every other Friday 14:00 Europe/Berlin"), so the list reads
 * like a calendar rather than cron. Common shapes are spelled out; anything else shows the
 * expression itself, which is still exact.
 */
import type { GameDaySchedule } from '../../api/gameday-types.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTHS = MONTHS.map((month) => month.slice(0, 3));

/** 1 → "every", 2 → "every other", 3 → "every 3rd". */
export function everyNth(n: number): string {
  if (n <= 1) return 'every';
  if (n === 2) return 'every other';
  return `every ${ordinal(n)}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** "Monday", "Monday and Friday", "Monday to Friday", "Monday, Wednesday and Friday"; null if not days. */
export function daysInWords(field: string): string | null {
  const parts = field.toUpperCase().split(',');
  const phrases: string[] = [];
  for (const part of parts) {
    const range = /^(\w+)-(\w+)$/.exec(part);
    if (range) {
      const from = dayNumber(range[1]!);
      const to = dayNumber(range[2]!);
      if (from === null || to === null) return null;
      phrases.push(`${DAYS[from]} to ${DAYS[to]}`);
      continue;
    }
    const day = dayNumber(part);
    if (day === null) return null;
    phrases.push(DAYS[day]!);
  }
  return listInWords(phrases);
}

function dayNumber(text: string): number | null {
  if (text in DAY_NAMES) return DAY_NAMES[text]!;
  if (!/^\d$/.test(text)) return null;
  const n = Number(text);
  return n <= 7 ? n % 7 : null;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const NUMBER = /^\d{1,2}$/;
const pad = (value: string) => value.padStart(2, '0');

/**
 * The cron part in words, without the zone: "every other Friday 14:00". Handles the shapes a
 * game day uses (a time of day on days of the week, of the month or of the year, every n
 * minutes/hours); otherwise `cron "…"` with the every-n-th rule after it.
 */
export function cronInWords(expression: string, every = 1): string {
  let fields = expression.trim().split(/\s+/);
  const fallback = () => `cron "${expression.trim()}"${every > 1 ? `, ${everyNth(every)} time` : ''}`;
  if (fields.length === 6) {
    if (fields[0] !== '0') return fallback();
    fields = fields.slice(1);
  }
  if (fields.length !== 5) return fallback();
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];

  const everyMinutes = /^\*\/(\d+)$/.exec(minute);
  if (everyMinutes && hour === '*' && dayOfMonth === '*' && month === '*' && dayOfWeek === '*') {
    const step = Number(everyMinutes[1]) * every;
    return step === 1 ? 'every minute' : `every ${step} minutes`;
  }
  if (!NUMBER.test(minute)) return fallback();
  if (hour === '*' && dayOfMonth === '*' && month === '*' && dayOfWeek === '*') return `${everyNth(every)} hour at :${pad(minute)}`;
  if (!NUMBER.test(hour)) return fallback();
  const time = `${pad(hour)}:${pad(minute)}`;

  if (dayOfMonth === '*' && month === '*') {
    if (dayOfWeek === '*') return `${everyNth(every)} day ${time}`;
    const days = daysInWords(dayOfWeek);
    if (!days) return fallback();
    // "every other Friday" reads naturally; "every other Monday to Friday" does not.
    const single = !/,| to | and /.test(days);
    if (single) return `${everyNth(every)} ${days} ${time}`;
    if (every === 1) return `every ${days} ${time}`;
    return `${days} ${time}, ${everyNth(every)} time`;
  }
  if (NUMBER.test(dayOfMonth) && dayOfWeek === '*') {
    if (month === '*') return `on the ${ordinal(Number(dayOfMonth))} of ${everyNth(every)} month ${time}`;
    if (NUMBER.test(month) && Number(month) >= 1 && Number(month) <= 12) {
      return `${everyNth(every)} year on ${Number(dayOfMonth)} ${MONTHS[Number(month) - 1]} ${time}`;
    }
  }
  return fallback();
}

/**
 * The wall time written in an RFC 3339 string, as it reads there: `2026-12-04T14:00:00+01:00`
 * → "Fri 4 Dec 2026 14:00". Uses the string's own fields (its offset is the game day's zone), so
 * the result does not depend on the browser's zone.
 */
export function wallTimeInWords(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, mo, d, h, mi] = match;
  const weekday = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay();
  return `${SHORT_DAYS[weekday]} ${Number(d)} ${SHORT_MONTHS[Number(mo) - 1]} ${y} ${h}:${mi}`;
}

/** `+01:00` → "UTC+01:00", `Z` → "UTC". */
export function offsetInWords(iso: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match || match[1] === 'Z' || match[1] === '+00:00') return 'UTC';
  return `UTC${match[1]}`;
}

/** The whole schedule in words, zone included. */
export function scheduleInWords(schedule: GameDaySchedule): string {
  if (schedule.kind === 'once') return `once, ${wallTimeInWords(schedule.at)} ${offsetInWords(schedule.at)}`;
  return `${cronInWords(schedule.expression, schedule.every)} ${schedule.timeZone}`;
}
