import { describe, expect, it } from 'vitest';
import { AppError, parseWith } from '../common/errors.js';
import { LogsQuerySchema, TracesQuerySchema } from './telemetry-queries.js';

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    return (error as AppError).problems.map((problem) => problem.field);
  }
  throw new Error('expected a 400');
};

describe('telemetry query parameters', () => {
  it('reads times as RFC 3339 or epoch ms, limits as numbers, error as a boolean', () => {
    expect(parseWith(LogsQuerySchema, { from: '2026-01-01T00:00:01Z', to: '1767225602000', level: 'warn', q: 'timeout' })).toEqual({
      from: Date.UTC(2026, 0, 1, 0, 0, 1),
      to: 1767225602000,
      level: 'warn',
      q: 'timeout',
      limit: 100,
    });
    expect(parseWith(TracesQuerySchema, { error: 'true', minDurationMs: '250.5', limit: '5' })).toEqual({ error: true, minDurationMs: 250.5, limit: 5 });
    expect(parseWith(TracesQuerySchema, { error: 'false' }).error).toBe(false);
  });

  it('names every offending parameter', () => {
    const bad = { level: 'loud', limit: '0', traceId: 'xyz', from: 'last tuesday', to: '12:00', extra: '1', service: ['a', 'b'] };
    expect(problemsOf(() => parseWith(LogsQuerySchema, bad, ['query'])).sort()).toEqual(
      ['query.extra', 'query.from', 'query.level', 'query.limit', 'query.service', 'query.to', 'query.traceId'].sort(),
    );
    expect(problemsOf(() => parseWith(TracesQuerySchema, { error: 'yes', minDurationMs: '-1', limit: '501' }, ['query'])).sort()).toEqual([
      'query.error',
      'query.limit',
      'query.minDurationMs',
    ]);
  });
});
