import { describe, expect, it } from 'vitest';
import type { LabelMatcher } from '../ast.js';
import { compileLabelRegex, matcherMatches, regexError } from './matchers.js';
import { re2ToJs } from './re2.js';

const m = (op: LabelMatcher['op'], value: string): LabelMatcher => ({ op, name: 'l', value });

describe('matcherMatches', () => {
  it('compares equality, with an absent label as ""', () => {
    expect(matcherMatches(m('=', 'a'), 'a')).toBe(true);
    expect(matcherMatches(m('=', 'a'), 'ab')).toBe(false);
    expect(matcherMatches(m('=', ''), '')).toBe(true);
    expect(matcherMatches(m('!=', ''), '')).toBe(false);
    expect(matcherMatches(m('!=', 'a'), 'b')).toBe(true);
  });

  it('anchors regexes at both ends', () => {
    expect(matcherMatches(m('=~', 'a|b'), 'a')).toBe(true);
    expect(matcherMatches(m('=~', 'a|b'), 'ab')).toBe(false);
    expect(matcherMatches(m('=~', 'foo'), 'xfoo')).toBe(false);
    expect(matcherMatches(m('!~', 'foo.*'), 'foobar')).toBe(false);
    expect(matcherMatches(m('!~', 'foo.*'), 'bar')).toBe(true);
    expect(matcherMatches(m('=~', '.*'), '')).toBe(true);
    expect(matcherMatches(m('=~', '.+'), '')).toBe(false);
  });

  it('lets . match a newline, as Prometheus compiles (?s:...)', () => {
    expect(matcherMatches(m('=~', 'a.b'), 'a\nb')).toBe(true);
  });

  it('caches compiled regexes', () => {
    expect(compileLabelRegex('x+')).toBe(compileLabelRegex('x+'));
  });
});

describe('RE2 translation', () => {
  it.each([
    ['(?i)prod', 'PROD', true],
    ['(?i:pro).*', 'PROduction', true],
    ['.*(?i:duc).*', 'proDUCtion', true],
    ['((?i)pro)d', 'PROd', true],
    ['((?i)pro)d', 'PROD', false],
    ['(?i)[a-c]x', 'BX', true],
    ['[[:digit:]]+', '123', true],
    ['[[:alpha:]_]+', 'ab_C', true],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['(?P<x>ab)c', 'abc', true],
    ['ab\\z', 'ab', true],
  ])('%s on %s → %s', (regex, value, expected) => {
    expect(matcherMatches(m('=~', regex), value)).toBe(expected);
  });

  it('reports invalid regexes', () => {
    expect(regexError('(a')).toMatch(/^error parsing regexp: invalid regular expression "\(a"/);
    expect(regexError('a{1}')).toBeNull();
    expect(re2ToJs('abc')).toBe('abc');
  });
});
