import { FakeClock } from '@firedrill/clock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDataDir } from '../store/sqlite/testing/store-fixture.js';
import { gameDayInput, gameDayInstance, moveTo } from './testing/gameday-fixture.js';

/**
 * The scheduler's decisions on a fake wall clock and a real SQLite file: reminders, on-time
 * starts, `every`, DST, missed starts across a restart, and two instances on one file.
 */
describe('game-day runs', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  let clock: FakeClock;
  const instances: Array<ReturnType<typeof gameDayInstance>> = [];
  const instance = (prefix?: string) => {
    const created = gameDayInstance(data.dbPath, clock, prefix);
    instances.push(created);
    return created;
  };

  beforeEach(() => {
    data = temporaryDataDir();
    // Wednesday 2026-03-18, 10:00 in Berlin.
    clock = new FakeClock(Date.parse('2026-03-18T10:00:00+01:00'));
  });

  afterEach(() => {
    for (const created of instances.splice(0)) created.close();
    data.remove();
  });

  it('reminds 15 minutes before, starts on time with join links, once however often it ticks', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ speed: 20 }));
    expect(gameDay.nextRunAt).toBe('2026-03-20T14:00:00+01:00');

    await moveTo(clock, '2026-03-20T13:44:00+01:00');
    await api.runs.tick();
    expect(api.service.listRuns(gameDay.id)).toEqual([]);

    await moveTo(clock, '2026-03-20T13:45:02+01:00');
    await api.runs.tick();
    await api.runs.tick();
    const [reminded] = api.service.listRuns(gameDay.id);
    expect(reminded).toMatchObject({ state: 'notified', scheduledFor: '2026-03-20T14:00:00+01:00', startedAt: null });
    expect(api.notifier.sent.map((event) => event.event)).toEqual(['gameday.reminder']);

    await moveTo(clock, '2026-03-20T14:00:03+01:00');
    await api.runs.tick();
    await api.runs.tick();
    await api.runs.settled();
    const run = api.service.getRun(gameDay.id, reminded!.id);
    expect(run).toMatchObject({ state: 'running', startedAt: '2026-03-20T13:00:03.000Z' });
    expect(api.drills.created).toEqual([
      {
        id: 'drl-1',
        body: { scenario: 'pool', speed: 20, team: 'payments', responders: [{ name: 'alex', role: 'responder' }, { name: 'sam', role: 'observer' }] },
        provenance: { origin: 'gameday', gameDayRunId: run.id },
      },
    ]);
    expect(api.drills.started).toEqual(['drl-1']);
    expect(run.drills).toEqual([
      {
        drillId: 'drl-1',
        scenarioId: 'pool',
        state: 'running',
        startsAt: '2026-03-20T14:00:00+01:00',
        joinLinks: [
          { name: 'alex', role: 'responder', url: 'http://127.0.0.1:4400/#token=tok-drl-1-alex&drill=drl-1' },
          { name: 'sam', role: 'observer', url: 'http://127.0.0.1:4400/#token=tok-drl-1-sam&drill=drl-1' },
        ],
      },
    ]);
    const started = api.notifier.sent.find((event) => event.event === 'gameday.started')!;
    expect(started.drills[0]!.joinLinks.map((link) => link.url)).toEqual(run.drills[0]!.joinLinks!.map((link) => link.url));
    expect(run.notifications.map((notification) => [notification.kind, notification.ok])).toEqual([
      ['reminder', true],
      ['start', true],
    ]);
    expect(api.service.get(gameDay.id).nextRunAt).toBe('2026-03-27T14:00:00+01:00');

    // Every drill ended: the run is finished.
    await api.drills.abort('drl-1', 'done');
    expect(api.service.getRun(gameDay.id, run.id).state).toBe('finished');
  });

  it('every: 2 runs every other Friday from the creation; the Fridays in between leave no run', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin', every: 2 }, notify: { before: '0s', targets: [] } }));
    for (const friday of ['2026-03-20T14:00:30+01:00', '2026-03-27T14:00:30+01:00', '2026-04-03T14:00:30+02:00', '2026-04-10T14:00:30+02:00', '2026-04-17T14:00:30+02:00']) {
      await moveTo(clock, friday);
      await api.runs.tick();
      for (const drill of api.drills.started) if (api.drills.states.get(drill) === 'running') await api.drills.abort(drill, 'done');
    }
    expect(api.service.listRuns(gameDay.id).map((run) => `${run.scheduledFor} ${run.state}`)).toEqual([
      '2026-04-17T14:00:00+02:00 finished',
      '2026-04-03T14:00:00+02:00 finished',
      '2026-03-20T14:00:00+01:00 finished',
    ]);
  });

  it('DST in Berlin: 02:30 daily runs at 03:30 CEST on the spring-forward day, and once on the fall-back day', async () => {
    clock = new FakeClock(Date.parse('2026-03-28T12:00:00+01:00'));
    const api = instance();
    const input = gameDayInput({ schedule: { kind: 'cron', expression: '30 2 * * *', timeZone: 'Europe/Berlin' }, notify: { before: '0s', targets: [] } });
    const spring = await api.service.create(input);
    const tickAt = async (iso: string) => {
      await moveTo(clock, iso);
      await api.runs.tick();
      for (const [drill, state] of api.drills.states) if (state === 'running') await api.drills.abort(drill, 'done');
    };
    const starts = (id: string) => api.service.listRuns(id).map((run) => `${run.scheduledFor} ${run.state}`).reverse();
    await tickAt('2026-03-29T01:59:00+01:00'); // nothing before the change…
    await tickAt('2026-03-29T03:00:05+02:00'); // …nor right after it…
    await tickAt('2026-03-29T03:30:05+02:00'); // …02:30 runs an hour later on the wall clock
    await tickAt('2026-03-29T04:00:00+02:00');
    expect(starts(spring.id)).toEqual(['2026-03-29T03:30:00+02:00 finished']);
    await api.service.update(spring.id, { ...input, enabled: false });

    await moveTo(clock, '2026-10-24T12:00:00+02:00');
    const autumn = await api.service.create(input);
    await tickAt('2026-10-25T02:30:05+02:00'); // first pass of 02:30
    await tickAt('2026-10-25T02:30:05+01:00'); // second pass, an hour later
    await tickAt('2026-10-25T04:00:00+01:00');
    await tickAt('2026-10-26T02:30:05+01:00');
    expect(starts(autumn.id)).toEqual(['2026-10-25T02:30:00+02:00 finished', '2026-10-26T02:30:00+01:00 finished']);
  });

  it('a restart after downtime reports the starts it slept through as missed, never runs them late, then runs the next on time', async () => {
    const first = instance();
    const gameDay = await first.service.create(gameDayInput());
    await moveTo(clock, '2026-03-20T13:50:00+01:00');
    await first.runs.tick(); // the reminder for 20 March goes out…
    first.close(); // …and the API goes down before 14:00

    await moveTo(clock, '2026-03-30T09:00:00+02:00'); // down over two Fridays
    const second = instance('drl-b');
    await second.runs.tick();
    await second.runs.tick();
    await second.runs.settled();
    const runs = second.service.listRuns(gameDay.id);
    expect(runs.map((run) => `${run.scheduledFor} ${run.state}`)).toEqual(['2026-03-27T14:00:00+01:00 missed', '2026-03-20T14:00:00+01:00 missed']);
    expect(runs[0]!.reason).toMatch(/never run late/);
    expect(second.drills.created).toEqual([]);
    expect(second.notifier.sent.map((event) => `${event.event} ${event.run.scheduledFor}`)).toEqual([
      'gameday.missed 2026-03-20T14:00:00+01:00',
      'gameday.missed 2026-03-27T14:00:00+01:00',
    ]);
    expect(second.service.getRun(gameDay.id, runs[0]!.id).notifications).toEqual([{ kind: 'missed', target: 'webhook test', at: '2026-03-30T07:00:00.000Z', ok: true }]);

    await moveTo(clock, '2026-04-03T14:00:04+02:00');
    await second.runs.tick();
    expect(second.service.listRuns(gameDay.id)[0]).toMatchObject({ scheduledFor: '2026-04-03T14:00:00+02:00', state: 'running' });
    expect(second.drills.started).toEqual(['drl-b-1']);
  });

  it('a start found within the grace (2 min) still runs; one found later is missed', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ notify: { before: '0s', targets: [] } }));
    await moveTo(clock, '2026-03-20T14:01:59+01:00');
    await api.runs.tick();
    await moveTo(clock, '2026-03-27T14:02:01+01:00');
    await api.runs.tick();
    expect(api.service.listRuns(gameDay.id).map((run) => run.state)).toEqual(['missed', 'running']);
  });

  it('two instances on one database file ticking the same instant: one run, its drills created once', async () => {
    const a = instance('drl-a');
    const b = instance('drl-b');
    const gameDay = await a.service.create(gameDayInput({ plan: { kind: 'fixed', scenarios: ['pool', 'cache'] } }));
    await moveTo(clock, '2026-03-20T13:45:01+01:00');
    await Promise.all([a.runs.tick(), b.runs.tick()]);
    expect(a.notifier.sent.length + b.notifier.sent.length).toBe(1);
    await moveTo(clock, '2026-03-20T14:00:01+01:00');
    await Promise.all([a.runs.tick(), b.runs.tick(), a.runs.tick(), b.runs.tick()]);
    expect(a.service.listRuns(gameDay.id)).toHaveLength(1);
    expect([...a.drills.created, ...b.drills.created].map((drill) => drill.body.scenario)).toEqual(['pool', 'cache']);
    expect([...a.drills.started, ...b.drills.started]).toHaveLength(2);
    // Missed starts, too, are reported by one of them only.
    await moveTo(clock, '2026-03-27T15:00:00+01:00');
    await Promise.all([a.runs.tick(), b.runs.tick()]);
    const missed = [...a.notifier.sent, ...b.notifier.sent].filter((event) => event.event === 'gameday.missed');
    expect(missed).toHaveLength(1);
  });

  it('spacing: the second drill starts one spacing later, on a later tick', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ plan: { kind: 'fixed', scenarios: ['pool', 'cache'] }, spacing: '10m', notify: { before: '0s', targets: [] } }));
    await moveTo(clock, '2026-03-20T14:00:05+01:00');
    await api.runs.tick();
    expect(api.drills.started).toEqual(['drl-1']);
    const [run] = api.service.listRuns(gameDay.id);
    expect(api.service.getRun(gameDay.id, run!.id).drills.map((drill) => `${drill.drillId} ${drill.startsAt} ${drill.state}`)).toEqual([
      'drl-1 2026-03-20T14:00:00+01:00 running',
      'drl-2 2026-03-20T14:10:00+01:00 created',
    ]);
    await moveTo(clock, '2026-03-20T14:09:59+01:00');
    await api.runs.tick();
    expect(api.drills.started).toEqual(['drl-1']);
    await moveTo(clock, '2026-03-20T14:10:03+01:00');
    await api.runs.tick();
    expect(api.drills.started).toEqual(['drl-1', 'drl-2']);
  });

  it('a drill that cannot start fails the run with the reason and ends the run\'s other drills', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ plan: { kind: 'fixed', scenarios: ['pool', 'cache'] }, notify: { before: '0s', targets: [] } }));
    api.drills.failStart.add('cache');
    await moveTo(clock, '2026-03-20T14:00:05+01:00');
    await api.runs.tick();
    const [run] = api.service.listRuns(gameDay.id);
    expect(run).toMatchObject({ state: 'failed', reason: 'drill drl-2 (cache) could not start: the stack did not come up' });
    expect(api.drills.aborted.map((entry) => entry.id).sort()).toEqual(['drl-1', 'drl-2']);
  });

  it('failed webhook deliveries are recorded on the run and do not stop it', async () => {
    const api = instance();
    api.notifier.ok = false;
    const gameDay = await api.service.create(gameDayInput({ notify: { before: '0s', targets: [{ kind: 'slack', url: 'https://hooks.example/x' }] } }));
    await moveTo(clock, '2026-03-20T14:00:05+01:00');
    await api.runs.tick();
    await api.runs.settled();
    const [summary] = api.service.listRuns(gameDay.id);
    const run = api.service.getRun(gameDay.id, summary!.id);
    expect(run.state).toBe('running');
    expect(run.notifications).toEqual([{ kind: 'start', target: 'slack test', at: '2026-03-20T13:00:05.000Z', ok: false, error: 'HTTP 500' }]);
  });

  it('a disabled game day neither runs nor misses; enabling it again does not report the time it was off', async () => {
    const api = instance();
    const input = gameDayInput({ enabled: false });
    const gameDay = await api.service.create(input);
    expect(gameDay.nextRunAt).toBeNull();
    await moveTo(clock, '2026-03-28T10:00:00+01:00');
    await api.runs.tick();
    expect(api.service.listRuns(gameDay.id)).toEqual([]);
    const enabled = await api.service.update(gameDay.id, { ...input, enabled: true });
    expect(enabled.nextRunAt).toBe('2026-04-03T14:00:00+02:00');
    await api.runs.tick();
    expect(api.service.listRuns(gameDay.id)).toEqual([]);
  });

  it('the wheel draws from the catalogue and records what it drew', async () => {
    const api = instance();
    const gameDay = await api.service.create(gameDayInput({ plan: { kind: 'wheel', draws: 2 }, notify: { before: '0s', targets: [] } }));
    const run = await api.service.runNow(gameDay.id);
    expect(run.state).toBe('running');
    expect(run.drills).toHaveLength(2);
    expect(new Set(run.drills.map((drill) => drill.scenarioId)).size).toBe(2);
    await expect(api.service.runNow(gameDay.id)).rejects.toThrow(/already has a run in progress/);
  });
});
