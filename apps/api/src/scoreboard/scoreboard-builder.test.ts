import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../store/sqlite/database.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import { temporaryDataDir } from '../store/sqlite/testing/store-fixture.js';
import { buildScoreboard, SCOREBOARD_STATES } from './scoreboard-builder.js';
import { seedFinishedDrill } from './testing/seed-drills.js';
import { TIMER_EVENT_TYPES } from '../scoring/timers.js';

const DAY = 86_400_000;
const JAN = Date.UTC(2025, 0, 1);

describe('scoreboard from the store', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  let database: Database;
  let repository: DrillRepository;
  const outcomes = (extra: Partial<Parameters<DrillRepository['drillOutcomes']>[0]> = {}) =>
    repository.drillOutcomes({ states: SCOREBOARD_STATES, includeGate: false, eventTypes: TIMER_EVENT_TYPES, titles: true, ...extra });

  beforeEach(() => {
    data = temporaryDataDir();
    database = Database.open(data.dbPath);
    repository = new DrillRepository(database);
    seedFinishedDrill(repository, { id: 'a', team: 'payments', responders: ['ana', 'bo'], state: 'closed', score: 80, createdAt: JAN, marks: { detect: 60, acknowledge: 90, mitigate: 200, resolve: 300, close: 900 } });
    seedFinishedDrill(repository, { id: 'b', team: 'payments', responders: ['ana'], state: 'scored', score: 60, createdAt: JAN + DAY, marks: { detect: 120, detectedBy: 'human', acknowledge: 130, resolve: 720 } });
    seedFinishedDrill(repository, { id: 'c', scenarioId: 'disk-full', team: null, responders: ['cy'], state: 'aborted', createdAt: JAN + 2 * DAY, marks: { detect: 30 } });
    seedFinishedDrill(repository, { id: 'g', origin: 'gate', team: 'payments', responders: ['robot'], state: 'scored', score: 100, createdAt: JAN + 3 * DAY, marks: { detect: 10, acknowledge: 11, resolve: 50 } });
    // Still running: not on the scoreboard.
    repository.createDrill({ id: 'r', scenarioId: 'pool-exhaustion', scenarioVersion: 1, scenario: {} as never, runbook: null, speed: 1, state: 'running', createdAt: JAN });
  });
  afterEach(() => {
    database.close();
    data.remove();
  });

  it('reads finished drills newest first with responders, latest score and only the timer events', () => {
    const records = outcomes();
    expect(records.map((record) => record.id)).toEqual(['c', 'b', 'a']);
    expect(records[2]).toMatchObject({ scenarioTitle: 'Title of pool-exhaustion', team: 'payments', responders: ['ana', 'bo'], score: 80 });
    expect(records[2]!.events.map((event) => event.type)).toEqual(['fault.injected', 'alert.firing', 'page.acknowledged', 'drill.mitigated', 'drill.resolved', 'postmortem.submitted']);
    expect(records[0]!.score).toBeNull();
    expect(outcomes({ titles: false })[0]!.scenarioTitle).toBeNull();
  });

  it('filters in the store: gate, team, scenario, responder and a half-open time range', () => {
    expect(outcomes({ includeGate: true }).map((r) => r.id)).toEqual(['g', 'c', 'b', 'a']);
    expect(outcomes({ team: 'payments' }).map((r) => r.id)).toEqual(['b', 'a']);
    expect(outcomes({ scenarioId: 'disk-full' }).map((r) => r.id)).toEqual(['c']);
    expect(outcomes({ responder: 'bo' }).map((r) => r.id)).toEqual(['a']);
    expect(outcomes({ responder: 'observer' })).toEqual([]);
    expect(outcomes({ fromMs: JAN + DAY, toMs: JAN + 2 * DAY }).map((r) => r.id)).toEqual(['b']);
  });

  it('takes the latest score when a drill was rescored', () => {
    repository.saveScore({ drillId: 'a', rubricVersion: 'v2', total: 85, breakdown: {}, computedAt: JAN + 5 * DAY });
    expect(outcomes().find((r) => r.id === 'a')!.score).toBe(85);
  });

  it('derives the timers and groups by responder, team and scenario', () => {
    const board = buildScoreboard(outcomes(), { includeGate: false });
    expect(board.rows.find((row) => row.drillId === 'a')).toMatchObject({ mttd: 60, mtta: 30, mttr: 240, timeToMitigate: 200, timeToRecover: 300, detectedBy: 'alert', state: 'closed' });
    expect(board.rows.find((row) => row.drillId === 'b')).toMatchObject({ mttd: 120, mtta: 10, mttr: 600, detectedBy: 'human', timeToMitigate: null });
    expect(board.overall).toMatchObject({ key: 'overall', drills: 3, score: { count: 2, mean: 70, median: 70, p90: 78 }, mttd: { count: 3, median: 60 }, mttr: { count: 2, mean: 420 } });
    expect(board.byResponder.map((g) => [g.key, g.drills])).toEqual([['ana', 2], ['bo', 1], ['cy', 1]]);
    expect(board.byTeam.map((g) => [g.key, g.drills])).toEqual([['payments', 2]]);
    expect(board.byScenario.map((g) => [g.key, g.drills])).toEqual([['disk-full', 1], ['pool-exhaustion', 2]]);
    expect(board.byScenario[0]!.mtta).toEqual({ count: 0, mean: null, median: null, p90: null });
  });

  it('keeps only the asked-for responder among the responder groups', () => {
    const board = buildScoreboard(outcomes({ responder: 'bo' }), { responder: 'bo', includeGate: false });
    expect(board.rows.map((row) => row.responders)).toEqual([['ana', 'bo']]);
    expect(board.byResponder.map((g) => g.key)).toEqual(['bo']);
  });
});
