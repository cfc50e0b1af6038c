import { describe, expect, it } from 'vitest';
import { errorFromResponse, filenameFromDisposition, queryString, UNAUTHORISED } from './client.js';
import { applyFeedPayload, applySnapshot, EMPTY_FEED, mergeEvents } from './drill-feed.js';
import { credentialsFromHash, landingHash } from './session.js';
import type { DrillEvent, DrillTimers, DrillView } from './types.js';
import { frameMatches, reconnectDelay } from './ws.js';

const event = (seq: number, type: DrillEvent['type'] = 'query.run'): DrillEvent =>
  ({ drillId: 'd1', seq, type, at: seq * 1000, wallAt: seq * 1000, actor: { role: 'responder', name: 'ana' }, data: {} }) as DrillEvent;
const timers = (mttd: number | null): DrillTimers => ({ t0: null, t1: null, t2: null, t3: null, t4: null, t5: null, mttd, mtta: null, mttr: null, timeToMitigate: null, timeToRecover: null, detectedBy: null });
const view = (state: DrillView['state'], mttd: number | null = null): DrillView => ({
  id: 'd1',
  scenario: { version: 1, title: 't', severity: 'high' },
  state,
  speed: 10,
  stackId: null,
  createdAt: '2026-01-01T00:00:00Z',
  timers: timers(mttd),
  participants: [],
});

describe('errorFromResponse', () => {
  it('uses the API message, Prometheus error, problems, or the status', () => {
    expect(errorFromResponse(400, { message: 'invalid request: speed: too big', problems: [{ field: 'speed', message: 'too big' }] }, 'POST /x')).toMatchObject({ message: 'invalid request: speed: too big', status: 400, problems: [{ field: 'speed' }] });
    expect(errorFromResponse(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }, 'q').message).toBe('parse error at char 3');
    expect(errorFromResponse(400, { problems: [{ field: 'a', message: 'b' }] }, 'q').message).toBe('a: b');
    expect(errorFromResponse(502, '', 'GET /api/x').message).toBe('GET /api/x failed (HTTP 502)');
  });

  it('says the link is wrong on 401', () => {
    expect(errorFromResponse(401, { message: 'missing credentials' }, 'x').message).toBe(UNAUTHORISED);
  });
});

describe('queryString', () => {
  it('skips empty values', () => {
    expect(queryString({ limit: 5, state: undefined, q: '' })).toBe('?limit=5');
    expect(queryString({})).toBe('');
  });
});

describe('session links', () => {
  it('reads the token and drill from a join link hash', () => {
    expect(credentialsFromHash('#token=abc%20d&drill=d-1')).toEqual({ token: 'abc d', drillId: 'd-1' });
    expect(credentialsFromHash('#token=abc')).toEqual({ token: 'abc', drillId: null });
    expect(credentialsFromHash('#/scoreboard')).toBeNull();
    expect(landingHash({ token: 'x', drillId: 'd 1' })).toBe('#/drills/d%201');
  });
});

describe('drill feed', () => {
  it('merges events by seq without duplicates', () => {
    expect(mergeEvents([event(1), event(3)], [event(2), event(3)]).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('takes state and timers from the newest frame only', () => {
    let feed = applySnapshot(EMPTY_FEED, view('running'), [event(1), event(2)]);
    feed = applyFeedPayload(feed, { event: event(4), state: 'detected', timers: timers(30) });
    feed = applyFeedPayload(feed, { event: event(3), state: 'running', timers: timers(null) });
    expect(feed.state).toBe('detected');
    expect(feed.timers?.mttd).toBe(30);
    expect(feed.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps newer live state when an older snapshot lands (resync race)', () => {
    let feed = applyFeedPayload(EMPTY_FEED, { event: event(5), state: 'acknowledged', timers: timers(12) });
    feed = applySnapshot(feed, view('detected', 12), [event(1), event(4)]);
    expect(feed.state).toBe('acknowledged');
    expect(feed.view?.state).toBe('acknowledged');
    expect(feed.events.map((e) => e.seq)).toEqual([1, 4, 5]);
    feed = applySnapshot(feed, view('resolved', 12), [event(1), event(4), event(5), event(6)]);
    expect(feed.state).toBe('resolved');
  });
});

describe('websocket helpers', () => {
  it('backs off exponentially up to 10 s', () => {
    expect(reconnectDelay(0, () => 0.5)).toBe(500);
    expect(reconnectDelay(3, () => 0.5)).toBe(4000);
    expect(reconnectDelay(20, () => 0.5)).toBe(10_000);
  });

  it('matches drill frames by drill id even when they name the stack', () => {
    const subscription = { key: 'd1', topics: ['drill' as const] };
    expect(frameMatches(subscription, { stackId: 'stk-9', topic: 'drill', payload: { event: event(1) } })).toBe(true);
    expect(frameMatches(subscription, { stackId: 'stk-9', topic: 'alerts', payload: {} })).toBe(false);
    expect(frameMatches({ key: 'stk-9', topics: ['alerts'] }, { stackId: 'stk-9', topic: 'alerts', payload: {} })).toBe(true);
  });
});

describe('filenameFromDisposition', () => {
  it('reads the plain and the extended form, and keeps only a base name', () => {
    expect(filenameFromDisposition('attachment; filename="firedrill-scoreboard.csv"')).toBe('firedrill-scoreboard.csv');
    expect(filenameFromDisposition('attachment; filename=board.json')).toBe('board.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''score%20board.csv")).toBe('score board.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
