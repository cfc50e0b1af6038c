import { describe, expect, it } from 'vitest';
import type { Expr } from '../ast.js';
import type { QueryResult } from '../engine/engine.js';
import { PromqlError } from '../errors.js';
import type { MemoryStorage } from '../storage/memory-storage.js';
import type { Sample, Series } from '../values.js';
import { runPromqlTestText, type QueryEngine } from './runner.js';

/**
 * A stand-in engine that knows bare metric names, number and string literals, so the runner's
 * loading, comparison and bookkeeping are tested apart from the real engine.
 */
function stubEngine(storage: MemoryStorage): QueryEngine {
  const instant = (query: string, t: number): Sample[] =>
    storage.select([{ op: '=', name: '__name__', value: query }], t - 300_000, t).flatMap((series) => {
      const last = series.t.length - 1;
      return last >= 0 && !series.stale?.[last] ? [{ labels: series.labels, t, v: series.v[last]! }] : [];
    });
  const run = (query: string | Expr, t: number): QueryResult => {
    const text = query as string;
    if (text === 'broken') throw new PromqlError('vector cannot contain metrics with the same labelset');
    if (/^-?[\d.]+$/.test(text)) return { value: { type: 'scalar', t, v: Number(text) }, warnings: [], infos: [] };
    if (text.startsWith('"')) return { value: { type: 'string', t, v: text.slice(1, -1) }, warnings: [], infos: [] };
    const warnings = text === 'noisy' ? ['PromQL warning: noisy (1:1)'] : [];
    return { value: { type: 'vector', samples: instant(text === 'noisy' ? 'm' : text, t) }, warnings, infos: [] };
  };
  return {
    instantQuery: run,
    rangeQuery: (query, start, end, step) => {
      const byKey = new Map<string, Series>();
      for (let t = start; t <= end; t += step) {
        const result = run(query, t).value;
        const samples = result.type === 'vector' ? result.samples : result.type === 'scalar' ? [{ labels: {}, t, v: result.v }] : [];
        for (const sample of samples) {
          const key = JSON.stringify(sample.labels);
          if (!byKey.has(key)) byKey.set(key, { labels: sample.labels, points: [] });
          byKey.get(key)!.points.push({ t, v: sample.v });
        }
      }
      return { value: { type: 'matrix', series: [...byKey.values()] }, warnings: [], infos: [] };
    },
  };
}

const run = (text: string) => runPromqlTestText(text, 'case.test', { createEngine: stubEngine, atModifierVariants: false });

describe('runPromqlTestText', () => {
  it('passes matching results and reports mismatches with file, line and reason', () => {
    const result = run(`
load 1m
  m{a="1"} 1 2 3
  m{a="2"} 10 _ stale

eval instant at 1m m
  m{a="1"} 2
  m{a="2"} 10

eval instant at 2m m
  m{a="1"} 3.0000001

eval instant at 2m m
  m{a="1"} 4

eval instant at 2m m
  m{a="1"} 3
  m{a="3"} 3

eval range from 0 to 2m step 1m m
  m{a="1"} 1 2 3
  m{a="2"} 10 10

eval instant at 0 42
  42
`);
    expect(result).toMatchObject({ file: 'case.test', passed: 4, failed: 2, skipped: 0 });
    expect(result.failures).toEqual([
      { file: 'case.test', line: 13, expr: 'm', reason: 'expected 4 for m{a="1"} but got 3' },
      { file: 'case.test', line: 16, expr: 'm', reason: 'expected metric m{a="3"} not found' },
    ]);
  });

  it('checks expected errors and annotations', () => {
    const result = run(`
load 1m
  m 1

eval instant at 0 broken
  expect fail msg: vector cannot contain metrics with the same labelset

eval instant at 0 broken
  expect fail regex: something else

eval instant at 0 m
  expect fail

eval instant at 0 noisy
  expect warn msg: PromQL warning: noisy (1:1)
  m 1

eval instant at 0 noisy
  expect no_warn
  m 1
`);
    expect(result).toMatchObject({ passed: 2, failed: 3 });
    expect(result.failures.map((f) => [f.line, f.reason.split(':')[0]])).toEqual([
      [8, 'expected error matching pattern something else, but got'],
      [11, 'expected error evaluating query but got none (result'],
      [18, 'unexpected warning annotations'],
    ]);
  });

  it('skips native histograms and experimental syntax, counting each reason', () => {
    const result = run(`
load 1m
  h {{schema:0 sum:1 count:1}}
  m 1

eval instant at 0 h
  h {{schema:0 sum:1 count:1}}

eval instant at 0 count(h)
  {} 1

eval range from 0 to 1m step 30s step()
  {} 30

eval instant at 0 info(m)
  m 1

eval instant at 0 m
  m 1
`);
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ passed: 1, failed: 0, skipped: 4 });
    expect(result.skips.map((s) => s.reason)).toEqual([
      'native histograms in the expected result',
      'native histogram data (h)',
      'experimental duration expressions (step()/range())',
      'experimental info() function',
    ]);
  });

  it('reports an invalid file as one failure with its line', () => {
    expect(run('load 1m\n  m{ 1')).toMatchObject({ failed: 1, failures: [{ line: 2 }] });
  });
});
