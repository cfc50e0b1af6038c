/**
 * The game-day form as plain data: what the inputs hold (strings, as typed), the request body
 * it becomes, and which server problem belongs next to which field. The server validates
 * everything again; the checks here only catch what would otherwise be a confusing message
 * (a number field left empty, a one-off without a date).
 */
import type { Problem } from '../../api/client.js';
import type { Difficulty, GameDayInput, GameDayParticipant, GameDaySchedule, GameDayView, NotificationTarget } from '../../api/gameday-types.js';
import { isKnownTimeZone, isoToLocal, localToIso } from './zone-time.js';

export interface GameDayForm {
  name: string;
  team: string;
  participants: GameDayParticipant[];
  planKind: 'fixed' | 'wheel';
  /** The fixed plan's scenario ids, in the order they run. */
  scenarios: string[];
  draws: string;
  /** The wheel's pool; empty means the whole catalogue. */
  pool: string[];
  weights: Record<Difficulty, string>;
  scheduleKind: 'once' | 'cron';
  /** datetime-local value, read in `onceZone`. */
  onceAt: string;
  onceZone: string;
  expression: string;
  cronZone: string;
  every: string;
  speed: string;
  spacing: string;
  notifyBefore: string;
  targets: NotificationTarget[];
  enabled: boolean;
}

export const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];

export function emptyForm(zone: string): GameDayForm {
  return {
    name: '',
    team: '',
    participants: [{ name: '', role: 'responder' }],
    planKind: 'fixed',
    scenarios: [],
    draws: '1',
    pool: [],
    weights: { beginner: '1', intermediate: '2', advanced: '3' },
    scheduleKind: 'cron',
    onceAt: '',
    onceZone: zone,
    expression: '0 14 * * 5',
    cronZone: zone,
    every: '1',
    speed: '1',
    spacing: '0s',
    notifyBefore: '15m',
    targets: [],
    enabled: true,
  };
}

/** The form for editing a stored game day; a one-off is shown in `zone` (the API keeps only the instant). */
export function formFromGameDay(view: GameDayView, zone: string): GameDayForm {
  const base = emptyForm(zone);
  const plan = view.plan;
  const schedule = view.schedule;
  return {
    ...base,
    name: view.name,
    team: view.team,
    participants: view.participants.map((participant) => ({ ...participant })),
    planKind: plan.kind,
    scenarios: plan.kind === 'fixed' ? [...plan.scenarios] : [],
    draws: plan.kind === 'wheel' ? String(plan.draws) : base.draws,
    pool: plan.kind === 'wheel' ? [...(plan.pool ?? [])] : [],
    weights:
      plan.kind === 'wheel'
        ? { beginner: String(plan.difficultyWeights.beginner), intermediate: String(plan.difficultyWeights.intermediate), advanced: String(plan.difficultyWeights.advanced) }
        : base.weights,
    scheduleKind: schedule.kind,
    onceAt: schedule.kind === 'once' ? isoToLocal(schedule.at, zone) : '',
    expression: schedule.kind === 'cron' ? schedule.expression : base.expression,
    cronZone: schedule.kind === 'cron' ? schedule.timeZone : zone,
    every: schedule.kind === 'cron' ? String(schedule.every) : base.every,
    speed: String(view.speed),
    spacing: view.spacing,
    notifyBefore: view.notify.before,
    targets: view.notify.targets.map((target) => ({ ...target })),
    enabled: view.enabled,
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** The schedule alone (for the live preview while the rest of the form is still empty). */
export type ScheduleForm = Pick<GameDayForm, 'scheduleKind' | 'onceAt' | 'onceZone' | 'expression' | 'cronZone' | 'every'>;

export function scheduleFromForm(form: ScheduleForm): Parsed<GameDaySchedule> {
  if (form.scheduleKind === 'once') {
    if (!form.onceAt) return { ok: false, problems: [{ field: 'schedule.at', message: 'choose a date and time' }] };
    if (!isKnownTimeZone(form.onceZone.trim())) return { ok: false, problems: [{ field: 'schedule.at', message: 'choose a time zone for it' }] };
    const at = localToIso(form.onceAt, form.onceZone.trim());
    if (!at) return { ok: false, problems: [{ field: 'schedule.at', message: 'a date and time, e.g. 2026-12-04 14:00' }] };
    return { ok: true, value: { kind: 'once', at } };
  }
  const problems: Problem[] = [];
  const expression = form.expression.trim().replace(/\s+/g, ' ');
  // Five fields (six with seconds) before asking the server: a half-typed expression is not an error yet.
  const fields = expression ? expression.split(' ').length : 0;
  if (fields !== 5 && fields !== 6) problems.push({ field: 'schedule.expression', message: 'five fields: minute hour day-of-month month day-of-week, e.g. 0 14 * * 5' });
  if (!form.cronZone.trim()) problems.push({ field: 'schedule.timeZone', message: 'choose a time zone' });
  else if (!isKnownTimeZone(form.cronZone.trim())) problems.push({ field: 'schedule.timeZone', message: `"${form.cronZone.trim()}" is not a time zone this browser knows` });
  const every = wholeNumber(form.every, 1, 52);
  if (every === null) problems.push({ field: 'schedule.every', message: 'a whole number from 1 to 52 (2: every other)' });
  if (problems.length > 0 || every === null) return { ok: false, problems };
  return { ok: true, value: { kind: 'cron', expression, timeZone: form.cronZone.trim(), every } };
}

/** The `POST/PUT /api/gamedays` body, or the problems to show before sending anything. */
export function requestFromForm(form: GameDayForm): Parsed<GameDayInput> {
  const problems: Problem[] = [];
  const schedule = scheduleFromForm(form);
  if (!schedule.ok) problems.push(...schedule.problems);

  // Blank rows are the form's spare rows, not participants.
  const participants = form.participants.map((p) => ({ name: p.name.trim(), role: p.role })).filter((p) => p.name !== '');
  if (participants.length === 0) problems.push({ field: 'participants', message: 'name at least one participant' });

  let plan: GameDayInput['plan'] | null = null;
  if (form.planKind === 'fixed') {
    if (form.scenarios.length === 0) problems.push({ field: 'plan.scenarios', message: 'pick at least one scenario' });
    plan = { kind: 'fixed', scenarios: [...form.scenarios] };
  } else {
    const draws = wholeNumber(form.draws, 1, 8);
    if (draws === null) problems.push({ field: 'plan.draws', message: 'a whole number from 1 to 8' });
    const weights = {} as Record<Difficulty, number>;
    for (const difficulty of DIFFICULTIES) {
      const weight = decimal(form.weights[difficulty], 0, 100);
      if (weight === null) problems.push({ field: `plan.difficultyWeights.${difficulty}`, message: 'a number from 0 to 100' });
      weights[difficulty] = weight ?? 0;
    }
    plan = { kind: 'wheel', draws: draws ?? 1, ...(form.pool.length > 0 ? { pool: [...form.pool] } : {}), difficultyWeights: weights };
  }

  const speed = decimal(form.speed, 0.1, 1000);
  if (speed === null) problems.push({ field: 'speed', message: 'a number from 0.1 to 1000 (1 is real time)' });

  const targets = form.targets.map((t) => ({ kind: t.kind, url: t.url.trim() })).filter((t) => t.url !== '');

  if (problems.length > 0 || !schedule.ok || speed === null || plan === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: form.name.trim(),
      team: form.team.trim(),
      participants,
      plan,
      schedule: schedule.value,
      speed,
      spacing: form.spacing.trim() || '0s',
      notify: { before: form.notifyBefore.trim() || '15m', targets },
      enabled: form.enabled,
    },
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

function decimal(text: string, min: number, max: number): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** A server field without the request-part prefix some handlers add (`body.name` → `name`). */
export function normaliseField(field: string): string {
  return field.replace(/^body\./, '');
}

/** The problems about `field` or anything inside it (`participants` also gets `participants.0.name`). */
export function problemsAt(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((problem) => {
    const name = normaliseField(problem.field);
    return name === field || name.startsWith(`${field}.`);
  });
}

/** The problems about exactly `field` (a list's own message, not its items'). */
export function problemsExactlyAt(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((problem) => normaliseField(problem.field) === field);
}

/** Problems no field of the form shows (so they are listed at the top instead of lost). */
export function unplacedProblems(problems: readonly Problem[], placed: readonly string[]): Problem[] {
  return problems.filter((problem) => !placed.some((field) => problemsAt([problem], field).length > 0));
}
