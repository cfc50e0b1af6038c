import { describe, expect, it } from 'vitest';
import type { GameDayView } from '../../api/gameday-types.js';
import { emptyForm, formFromGameDay, problemsAt, problemsExactlyAt, requestFromForm, scheduleFromForm, unplacedProblems, type GameDayForm } from './gameday-form.js';

const filled = (changes: Partial<GameDayForm> = {}): GameDayForm => ({
  ...emptyForm('Europe/Berlin'),
  name: ' Friday game day ',
  team: 'payments',
  participants: [
    { name: 'alex', role: 'responder' },
    { name: '  ', role: 'responder' },
    { name: 'kim', role: 'observer' },
  ],
  scenarios: ['db-pool-exhaustion-traffic-spike', 'cert-expiry'],
  every: '2',
  speed: '30',
  spacing: '5m',
  targets: [
    { kind: 'slack', url: ' https://hooks.example/1 ' },
    { kind: 'webhook', url: '' },
  ],
  ...changes,
});

describe('game-day form → request body', () => {
  it('builds the body the API takes: trimmed, blank rows dropped, numbers parsed', () => {
    const parsed = requestFromForm(filled());
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'Friday game day',
        team: 'payments',
        participants: [
          { name: 'alex', role: 'responder' },
          { name: 'kim', role: 'observer' },
        ],
        plan: { kind: 'fixed', scenarios: ['db-pool-exhaustion-traffic-spike', 'cert-expiry'] },
        schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin', every: 2 },
        speed: 30,
        spacing: '5m',
        notify: { before: '15m', targets: [{ kind: 'slack', url: 'https://hooks.example/1' }] },
        enabled: true,
      },
    });
  });

  it('a wheel leaves the pool out when none is picked (the whole catalogue)', () => {
    const parsed = requestFromForm(filled({ planKind: 'wheel', draws: '2', weights: { beginner: '0', intermediate: '1.5', advanced: '3' } }));
    expect(parsed.ok && parsed.value.plan).toEqual({ kind: 'wheel', draws: 2, difficultyWeights: { beginner: 0, intermediate: 1.5, advanced: 3 } });
    const pooled = requestFromForm(filled({ planKind: 'wheel', pool: ['cert-expiry'] }));
    expect(pooled.ok && pooled.value.plan).toMatchObject({ pool: ['cert-expiry'] });
  });

  it('a one-off is sent as an instant with the offset of its zone', () => {
    const parsed = scheduleFromForm(filled({ scheduleKind: 'once', onceAt: '2026-12-04T14:00', onceZone: 'Europe/Berlin' }));
    expect(parsed).toEqual({ ok: true, value: { kind: 'once', at: '2026-12-04T14:00:00+01:00' } });
  });

  it('names the fields it cannot send', () => {
    const parsed = requestFromForm(
      filled({ participants: [{ name: '', role: 'responder' }], scenarios: [], speed: '', every: '0', scheduleKind: 'cron' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.field).sort()).toEqual(['participants', 'plan.scenarios', 'schedule.every', 'speed']);
    const wheel = requestFromForm(filled({ planKind: 'wheel', draws: '9', weights: { beginner: 'x', intermediate: '1', advanced: '101' } }));
    expect(!wheel.ok && wheel.problems.map((p) => p.field)).toEqual(['plan.draws', 'plan.difficultyWeights.beginner', 'plan.difficultyWeights.advanced']);
    expect(scheduleFromForm(filled({ scheduleKind: 'once', onceAt: '' }))).toMatchObject({ ok: false, problems: [{ field: 'schedule.at' }] });
    expect(scheduleFromForm(filled({ expression: '0 14 * *' }))).toMatchObject({ ok: false, problems: [{ field: 'schedule.expression' }] });
    expect(scheduleFromForm(filled({ expression: '0 0 14 * * 5' })).ok).toBe(true);
    expect(scheduleFromForm(filled({ cronZone: 'Mars/Olympus' }))).toMatchObject({ ok: false, problems: [{ field: 'schedule.timeZone' }] });
  });

  it('round-trips a stored game day', () => {
    const first = requestFromForm(filled());
    if (!first.ok) throw new Error('expected a body');
    const view: GameDayView = { ...first.value, id: 'gd1', createdAt: '', updatedAt: '', nextRunAt: null, lastRun: null };
    expect(requestFromForm(formFromGameDay(view, 'UTC'))).toEqual(first);
    const once: GameDayView = { ...view, schedule: { kind: 'once', at: '2026-12-04T14:00:00+01:00' } };
    const form = formFromGameDay(once, 'Europe/Berlin');
    expect(form.onceAt).toBe('2026-12-04T14:00');
    expect(requestFromForm(form).ok && (requestFromForm(form) as { value: { schedule: unknown } }).value.schedule).toEqual(once.schedule);
  });
});

describe('server problems next to their fields', () => {
  const problems = [
    { field: 'participants.1.name', message: 'letters, digits' },
    { field: 'participants', message: 'names must be unique' },
    { field: 'body.schedule.expression', message: 'not a cron expression' },
    { field: 'plan.scenarios.0', message: 'unknown scenario' },
    { field: '(body)', message: 'something else' },
  ];

  it('finds a field and what is inside it, with or without the body prefix', () => {
    expect(problemsAt(problems, 'participants').map((p) => p.message)).toEqual(['letters, digits', 'names must be unique']);
    expect(problemsAt(problems, 'participants.1').map((p) => p.message)).toEqual(['letters, digits']);
    expect(problemsExactlyAt(problems, 'participants').map((p) => p.message)).toEqual(['names must be unique']);
    expect(problemsAt(problems, 'schedule.expression')).toHaveLength(1);
    expect(problemsAt(problems, 'participant')).toHaveLength(0);
  });

  it('lists what no field shows', () => {
    expect(unplacedProblems(problems, ['participants', 'schedule', 'plan'])).toEqual([{ field: '(body)', message: 'something else' }]);
  });
});
