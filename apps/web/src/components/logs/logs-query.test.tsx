import { describe, expect, it } from 'vitest';
import { appendOlder, cleanFilter, fieldPairs, filterProblems, logClock, logsSearch, mayHaveMore, olderPageEnd, type LogEntryView } from './logs-query.js';

const entry = (time: string, msg: string, extra: Partial<LogEntryView> = {}): LogEntryView => ({
  time,
  service: 'checkout',
  replica: 'checkout-0',
  level: 'info',
  msg,
  traceId: null,
  spanId: null,
  fields: {},
  ...extra,
});

describe('logsSearch', () => {
  it('sends only the filters that are set, with the API names', () => {
    expect(logsSearch({ service: ' payments ', level: 'warn', text: 'timed out', traceId: 'ABCDEF0123456789abcdef0123456789' }, {})).toBe(
      '?service=payments&level=warn&q=timed+out&traceId=abcdef0123456789abcdef0123456789&limit=100',
    );
  });
  it('adds the drill-time window in epoch ms', () => {
    expect(logsSearch({}, { from: 1000.7, to: 2000.2 }, 50)).toBe('?from=1000&to=2001&limit=50');
  });
  it('drops blank fields', () => {
    expect(cleanFilter({ service: '  ', text: '', traceId: undefined })).toEqual({});
  });
});

describe('filterProblems', () => {
  it('refuses a trace id that is not 32 hex digits before asking the API', () => {
    expect(filterProblems({ traceId: 'abc' })).toHaveLength(1);
    expect(filterProblems({ traceId: '34cfc23768bf79feadaba153f5e09544' })).toEqual([]);
    expect(filterProblems({})).toEqual([]);
  });
});

describe('paging back in time', () => {
  const page1 = [entry('2026-01-01T00:00:03.000Z', 'c'), entry('2026-01-01T00:00:02.000Z', 'b')];
  it('ends the next page at the oldest entry shown', () => {
    expect(olderPageEnd(page1)).toBe(Date.parse('2026-01-01T00:00:02.000Z'));
    expect(olderPageEnd([])).toBeUndefined();
  });
  it('appends the older page without the boundary entries it repeats', () => {
    const page2 = [entry('2026-01-01T00:00:02.000Z', 'b'), entry('2026-01-01T00:00:02.000Z', 'b2'), entry('2026-01-01T00:00:01.000Z', 'a')];
    expect(appendOlder(page1, page2).map((item) => item.msg)).toEqual(['c', 'b', 'b2', 'a']);
  });
  it('expects more while pages come back full', () => {
    expect(mayHaveMore(100)).toBe(true);
    expect(mayHaveMore(99)).toBe(false);
  });
});

describe('showing an entry', () => {
  it('lists fields sorted, non-strings as JSON', () => {
    expect(fieldPairs({ status: 502, error: 'payment failed', route: '/checkout' })).toEqual([
      ['error', 'payment failed'],
      ['route', '/checkout'],
      ['status', '502'],
    ]);
  });
  it('shows the UTC clock with milliseconds', () => {
    expect(logClock('2026-01-01T09:05:07.045Z')).toBe('09:05:07.045');
    expect(logClock('not a time')).toBe('not a time');
  });
});
