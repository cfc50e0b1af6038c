import { describe, expect, it } from 'vitest';
import { normalizeLevel, toLogEntry } from './log-entry.js';
import { LogStore } from './log-store.js';

const CATALOG = { service: 'catalog', replica: 'catalog-0' };
const GATEWAY = { service: 'gateway', replica: 'gateway-1' };
const json = (fields: Record<string, unknown>): string => JSON.stringify({ time: '2026-01-01T00:00:00.000Z', level: 'info', msg: 'm', ...fields });

function store(capacity = 100): LogStore {
  let now = Date.UTC(2026, 0, 1, 12);
  return new LogStore({ capacity, now: () => now++ });
}

describe('toLogEntry', () => {
  it('reads the demo services\' JSON: time, level, message, trace and span ids, other fields', () => {
    const entry = toLogEntry(
      json({ level: 'warn', service: 'liar', replica: '0', msg: 'slow query', trace_id: 'ABC123', span_id: 'def', durationMs: 812 }),
      CATALOG,
      7,
      0,
    );
    expect(entry).toEqual({
      seq: 7,
      time: Date.UTC(2026, 0, 1),
      level: 'warn',
      service: 'catalog',
      replica: 'catalog-0',
      msg: 'slow query',
      traceId: 'abc123',
      spanId: 'def',
      fields: { durationMs: 812 },
      line: expect.stringContaining('slow query'),
    });
  });

  it('keeps a line that is not a JSON object whole, at level info, at the arrival time', () => {
    for (const line of ['plain text panic: oh no', '{not json', '[1,2]', '42']) {
      expect(toLogEntry(line, CATALOG, 0, 1234)).toMatchObject({ time: 1234, level: 'info', msg: line, traceId: null, fields: {} });
    }
  });

  it('reads epoch-ms and epoch-second timestamps, and falls back when there is none', () => {
    expect(toLogEntry('{"time":1767225600123}', CATALOG, 0, 1).time).toBe(1767225600123);
    expect(toLogEntry('{"ts":1767225600.5}', CATALOG, 0, 1).time).toBe(1767225600500);
    expect(toLogEntry('{"time":"yesterday"}', CATALOG, 0, 99).time).toBe(99);
  });

  it('normalizes levels of common loggers', () => {
    expect(['TRACE', 'Warning', 'fatal', 'nonsense', 30, 40, 60, null].map(normalizeLevel)).toEqual(['debug', 'warn', 'error', 'info', 'info', 'warn', 'error', 'info']);
  });
});

describe('LogStore', () => {
  it('searches newest first by service, minimum level, text and trace id', () => {
    const logs = store();
    logs.ingest(json({ msg: 'request done', trace_id: 't1' }), GATEWAY);
    logs.ingest(json({ level: 'error', msg: 'Pool acquire TIMEOUT', trace_id: 't1' }), CATALOG);
    logs.ingest(json({ level: 'warn', msg: 'cache miss storm' }), CATALOG);
    logs.ingest(json({ level: 'debug', msg: 'noise' }), CATALOG);
    logs.ingest('', CATALOG); // blank lines are not kept
    expect(logs.size).toBe(4);
    const msgs = (query: Parameters<LogStore['search']>[0]) => logs.search(query).map((entry) => entry.msg);
    expect(msgs({})).toEqual(['noise', 'cache miss storm', 'Pool acquire TIMEOUT', 'request done']);
    expect(msgs({ service: 'catalog' })).toEqual(['noise', 'cache miss storm', 'Pool acquire TIMEOUT']);
    expect(msgs({ level: 'warn' })).toEqual(['cache miss storm', 'Pool acquire TIMEOUT']);
    expect(msgs({ service: 'catalog', level: 'error' })).toEqual(['Pool acquire TIMEOUT']);
    expect(msgs({ text: 'timeout' })).toEqual(['Pool acquire TIMEOUT']);
    expect(msgs({ traceId: 'T1' })).toEqual(['Pool acquire TIMEOUT', 'request done']);
    expect(msgs({ traceId: 't1', service: 'gateway' })).toEqual(['request done']);
    expect(msgs({ service: 'payments' })).toEqual([]);
    expect(msgs({ limit: 2 })).toEqual(['noise', 'cache miss storm']);
  });

  it('filters on the entry time, inclusive at both ends', () => {
    const logs = store();
    for (const second of [1, 2, 3, 4]) logs.ingest(json({ time: new Date(second * 1000).toISOString(), msg: `s${second}` }), CATALOG);
    expect(logs.search({ from: 2000, to: 3000 }).map((e) => e.msg)).toEqual(['s3', 's2']);
    expect(logs.search({ from: 3500 }).map((e) => e.msg)).toEqual(['s4']);
  });

  it('keeps at most capacity lines, forgetting the oldest and their index entries', () => {
    const logs = store(3);
    for (let i = 0; i < 7; i++) logs.ingest(json({ msg: `m${i}`, level: i % 2 ? 'error' : 'info', trace_id: `t${i % 2}` }), i < 5 ? CATALOG : GATEWAY);
    expect(logs.size).toBe(3);
    expect(logs.search({}).map((e) => e.msg)).toEqual(['m6', 'm5', 'm4']);
    expect(logs.search({ service: 'catalog' }).map((e) => e.msg)).toEqual(['m4']);
    expect(logs.search({ level: 'error' }).map((e) => e.msg)).toEqual(['m5']);
    expect(logs.search({ traceId: 't0' }).map((e) => e.msg)).toEqual(['m6', 'm4']);
  });

  it('caps the limit at 1000 and stays correct across many evictions', () => {
    const logs = store(5000);
    for (let i = 0; i < 12_000; i++) logs.ingest(json({ msg: `m${i}`, level: i % 10 === 0 ? 'warn' : 'info' }), i % 3 ? CATALOG : GATEWAY);
    expect(logs.search({ limit: 5000 })).toHaveLength(1000);
    const warnings = logs.search({ level: 'warn', limit: 1000 });
    expect(warnings).toHaveLength(500);
    expect(warnings[0]!.msg).toBe('m11990');
    expect(warnings.at(-1)!.msg).toBe('m7000');
    expect(logs.search({ service: 'gateway', limit: 1000 }).at(-1)!.seq).toBeGreaterThanOrEqual(7000);
  });
});

describe('LogStore on a fast stack', () => {
  it('maps a line\'s own wall timestamp onto the stack clock, so logs share the metrics\' timeline', () => {
    const origin = 1_800_000_000_000;
    const store = new LogStore({ capacity: 10, now: () => 0, fromWallMs: (wallMs) => origin + (wallMs - origin) * 60 });
    store.ingest(JSON.stringify({ time: new Date(origin + 1_000).toISOString(), level: 'info', msg: 'hello' }), { service: 'gateway', replica: 'gateway-0' });
    const [entry] = store.search({});
    expect(entry!.time).toBe(origin + 60_000);
  });
});
