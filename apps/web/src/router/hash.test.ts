import { describe, expect, it } from 'vitest';
import { buildHash, matchPath, parseHash } from './hash.js';

describe('hash router', () => {
  it('parses path and query', () => {
    expect(parseHash('#/scoreboard?scenario=a&from=2026-01-01')).toEqual({ path: '/scoreboard', query: { scenario: 'a', from: '2026-01-01' } });
    expect(parseHash('')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/drills/d1/')).toEqual({ path: '/drills/d1', query: {} });
  });

  it('builds hashes without empty params', () => {
    expect(buildHash('/catalogue', { tag: 'db', severity: undefined, q: '' })).toBe('#/catalogue?tag=db');
    expect(buildHash('scoreboard')).toBe('#/scoreboard');
  });

  it('matches patterns with params', () => {
    expect(matchPath('/drills/:id', '/drills/d%201')).toEqual({ id: 'd 1' });
    expect(matchPath('/drills/:id', '/drills/d1/report')).toBeNull();
    expect(matchPath('/facilitator', '/facilitator')).toEqual({});
  });
});
