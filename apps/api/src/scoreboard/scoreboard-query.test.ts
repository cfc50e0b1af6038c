import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { parseScoreboardRequest, parseTimeParam } from './scoreboard-query.js';

function problemFields(query: unknown): string[] {
  try {
    parseScoreboardRequest(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).problems.map((problem) => problem.field);
  }
  throw new Error('expected a 400');
}

describe('scoreboard query', () => {
  it('reads ISO 8601 and Unix seconds', () => {
    expect(parseTimeParam('2025-03-01T09:00:00Z')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(parseTimeParam('2025-03-01T10:00:00+01:00')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(parseTimeParam('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(parseTimeParam('1740819600')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(parseTimeParam('1740819600.5')).toBe(Date.UTC(2025, 2, 1, 9) + 500);
    for (const bad of ['yesterday', '2025-13-01', '1 March 2025', '-5', '', 'NaN']) expect(parseTimeParam(bad)).toBeUndefined();
  });

  it('normalizes the filters and echoes them with ISO times', () => {
    const parsed = parseScoreboardRequest({ team: 'sre', from: '1740819600', to: '2025-04-01', includeGate: 'true', format: 'csv' });
    expect(parsed.filter).toEqual({ team: 'sre', fromMs: Date.UTC(2025, 2, 1, 9), toMs: Date.UTC(2025, 3, 1), includeGate: true });
    expect(parsed.format).toBe('csv');
    expect(parsed.query).toEqual({ team: 'sre', from: '2025-03-01T09:00:00.000Z', to: '2025-04-01T00:00:00.000Z', includeGate: true });
    expect(parseScoreboardRequest({}).filter).toEqual({ includeGate: false });
    expect(parseScoreboardRequest(undefined).format).toBe('json');
  });

  it('answers 400 naming each bad parameter', () => {
    expect(problemFields({ from: 'last week' })).toEqual(['query.from']);
    expect(problemFields({ to: 'soon', format: 'xml' })).toEqual(['query.to', 'query.format']);
    expect(problemFields({ includeGate: 'yes' })).toEqual(['query.includeGate']);
    expect(problemFields({ from: '2025-03-02', to: '2025-03-01' })).toEqual(['query.to']);
    expect(problemFields({ team: ['a', 'b'] })).toEqual(['query.team']);
    expect(problemFields({ colour: 'red' })).toEqual(['query.colour']);
  });
});
