import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDrillEvent } from '../../drills/timeline.js';
import { Database } from './database.js';
import { DrillRepository } from './drill-repository.js';
import { DuplicateDrillError, DuplicateParticipantError, UnknownDrillError } from './errors.js';
import { drillFixture, temporaryDataDir } from './testing/store-fixture.js';
import { hashToken } from './token-hash.js';

const query = (n: number): NewDrillEvent<'query.run'> => ({
  type: 'query.run',
  at: 10_000 + n,
  actor: { role: 'responder', name: 'ana' },
  data: { promql: `up{n="${n}"}`, range: false, metrics: ['up'], ok: true },
});

describe('DrillRepository', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  let database: Database;
  let drills: DrillRepository;
  const reopen = () => {
    database.close();
    database = Database.open(data.dbPath);
    drills = new DrillRepository(database);
  };

  beforeEach(() => {
    data = temporaryDataDir();
    database = Database.open(data.dbPath);
    drills = new DrillRepository(database);
  });
  afterEach(() => {
    database.close();
    data.remove();
  });

  it('creates, reads, lists and updates drills with their scenario snapshot', () => {
    const created = drills.createDrill(drillFixture('d1', 1_000));
    drills.createDrill({ ...drillFixture('d2', 2_000), state: 'running', stackId: 's2' });
    expect(created).toMatchObject({ state: 'created', stackId: null, createdAt: 1_000, updatedAt: 1_000 });
    expect(drills.getDrill('d1')).toEqual(created);
    expect(drills.getDrill('d1')!.scenario).toEqual(drillFixture('d1').scenario);
    expect(drills.getDrill('nope')).toBeUndefined();
    expect(() => drills.createDrill(drillFixture('d1'))).toThrow(DuplicateDrillError);

    expect(drills.listDrills({ limit: 10 }).map((drill) => drill.id)).toEqual(['d2', 'd1']);
    expect(drills.listDrills({ limit: 1 }).map((drill) => drill.id)).toEqual(['d2']);
    expect(drills.listDrills({ state: 'created', limit: 10 }).map((drill) => drill.id)).toEqual(['d1']);
    expect(drills.listDrills({ state: ['created', 'running'], limit: 10 })).toHaveLength(2);

    expect(drills.updateDrill('d1', { state: 'running', stackId: 's1' }, 3_000)).toMatchObject({ state: 'running', stackId: 's1', updatedAt: 3_000 });
    expect(drills.updateDrill('d1', { state: 'detected' }, 4_000)).toMatchObject({ state: 'detected', stackId: 's1' });
    expect(drills.updateDrill('d1', { stackId: null }, 5_000)).toMatchObject({ state: 'detected', stackId: null });
    expect(() => drills.updateDrill('nope', { state: 'running' })).toThrow(UnknownDrillError);
  });

  it('numbers events 1, 2, 3… per drill and reads them back in order', () => {
    drills.createDrill(drillFixture('d1'));
    const appended = [1, 2, 3].map((n) => drills.appendEvent('d1', query(n), 50_000 + n));
    expect(appended.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(appended[0]).toEqual({ drillId: 'd1', seq: 1, wallAt: 50_001, ...query(1) });
    expect(drills.events('d1')).toEqual(appended);
    expect(drills.events('d1', 1).map((event) => event.seq)).toEqual([2, 3]);
    expect(drills.lastSeq('d1')).toBe(3);
    expect(drills.getDrill('d1')!.updatedAt).toBe(50_003);
    expect(() => drills.appendEvent('nope', query(1))).toThrow(UnknownDrillError);
  });

  it('keeps every committed event across close and reopen', () => {
    drills.createDrill(drillFixture('d1'));
    for (let n = 1; n <= 20; n++) drills.appendEvent('d1', query(n));
    const before = drills.events('d1');
    reopen();
    expect(drills.events('d1')).toEqual(before);
    expect(drills.appendEvent('d1', query(21)).seq).toBe(21);
  });

  it('keeps each drill gapless when two connections append to two drills interleaved', async () => {
    drills.createDrill(drillFixture('a'));
    drills.createDrill(drillFixture('b'));
    const other = Database.open(data.dbPath);
    const otherDrills = new DrillRepository(other);
    const writer = async (repository: DrillRepository, label: string) => {
      for (let n = 0; n < 25; n++) {
        repository.appendEvent(n % 2 === 0 ? 'a' : 'b', { ...query(n), actor: { role: 'responder', name: label } });
        await Promise.resolve();
      }
    };
    await Promise.all([writer(drills, 'first'), writer(otherDrills, 'second')]);
    other.close();
    for (const drillId of ['a', 'b']) {
      const events = drills.events(drillId);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(new Set(events.map((event) => event.actor.name))).toEqual(new Set(['first', 'second']));
    }
    expect(drills.events('a').length + drills.events('b').length).toBe(50);
  });

  it('finds participants by token through its hash and never stores the token', () => {
    drills.createDrill(drillFixture('d1'));
    const token = 'tok_c29tZS1yYW5kb20tcGFydGljaXBhbnQtdG9rZW4';
    expect(drills.addParticipant('d1', 'ana', 'responder', token, 7_000)).toEqual({ drillId: 'd1', name: 'ana', role: 'responder', createdAt: 7_000 });
    drills.addParticipant('d1', 'obi', 'observer', 'another-token', 8_000);
    expect(drills.findParticipantByToken(token)).toEqual({ drillId: 'd1', name: 'ana', role: 'responder' });
    expect(drills.findParticipantByToken('wrong')).toBeUndefined();
    expect(drills.participants('d1').map((participant) => participant.name)).toEqual(['ana', 'obi']);
    expect(() => drills.addParticipant('d1', 'ana', 'responder', 'third')).toThrow(DuplicateParticipantError);
    expect(() => drills.addParticipant('nope', 'ana', 'responder', 'fourth')).toThrow(UnknownDrillError);

    const fileBytes = () =>
      Buffer.concat([data.dbPath, `${data.dbPath}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));
    expect(fileBytes().includes(hashToken(token))).toBe(true);
    expect(fileBytes().includes(token)).toBe(false);
    database.close(); // checkpoints the WAL into the main file
    expect(readFileSync(data.dbPath).includes(hashToken(token))).toBe(true);
    expect(readFileSync(data.dbPath).includes(token)).toBe(false);
  });

  it('saves scores per rubric version (a recompute replaces) and postmortems (an edit keeps the author)', () => {
    drills.createDrill(drillFixture('d1'));
    drills.saveScore({ drillId: 'd1', rubricVersion: 'v1', total: 70, breakdown: { detection: 30 }, computedAt: 1 });
    drills.saveScore({ drillId: 'd1', rubricVersion: 'v1', total: 75, breakdown: { detection: 35 }, computedAt: 2 });
    drills.saveScore({ drillId: 'd1', rubricVersion: 'v2', total: 60, breakdown: [], computedAt: 3 });
    expect(drills.scores<{ detection: number }>('d1')).toEqual([
      { drillId: 'd1', rubricVersion: 'v1', total: 75, breakdown: { detection: 35 }, computedAt: 2 },
      { drillId: 'd1', rubricVersion: 'v2', total: 60, breakdown: [], computedAt: 3 },
    ]);
    expect(() => drills.saveScore({ drillId: 'nope', rubricVersion: 'v1', total: 1, breakdown: {}, computedAt: 1 })).toThrow(UnknownDrillError);

    expect(drills.postmortem('d1')).toBeUndefined();
    drills.savePostmortem({ drillId: 'd1', markdown: '# First', submittedBy: 'ana', at: 10 });
    const edited = drills.savePostmortem({ drillId: 'd1', markdown: '# Second', submittedBy: 'obi', at: 20 });
    expect(edited).toEqual({ drillId: 'd1', markdown: '# Second', submittedBy: 'ana', submittedAt: 10, updatedAt: 20 });
    expect(() => drills.savePostmortem({ drillId: 'nope', markdown: 'x', submittedBy: 'ana' })).toThrow(UnknownDrillError);
  });

  it('interrupts every unfinished drill once, with an event at its last drill time', () => {
    const states = ['created', 'running', 'resolved', 'scored', 'closed', 'aborted'] as const;
    states.forEach((state, index) => drills.createDrill({ ...drillFixture(state, index), state, stackId: `stack-${state}` }));
    drills.appendEvent('running', query(5));

    const interrupted = drills.interruptRunning('api restarted', 99_000);
    expect(interrupted.map((drill) => [drill.drillId, drill.stackId, drill.previousState])).toEqual([
      ['created', 'stack-created', 'created'],
      ['running', 'stack-running', 'running'],
      ['resolved', 'stack-resolved', 'resolved'],
    ]);
    const running = interrupted[1]!.event;
    expect(running).toEqual({
      drillId: 'running',
      seq: 2,
      type: 'drill.interrupted',
      at: query(5).at,
      wallAt: 99_000,
      actor: { role: 'system', name: 'engine' },
      data: { reason: 'api restarted' },
    });
    expect(interrupted[0]!.event.at).toBe(99_000);
    expect(drills.events('running').at(-1)).toEqual(running);
    expect(drills.listDrills({ state: 'interrupted', limit: 10 })).toHaveLength(3);
    expect(drills.getDrill('scored')!.state).toBe('scored');
    expect(drills.events('scored')).toEqual([]);
    expect(drills.interruptRunning('again')).toEqual([]);
  });
});
