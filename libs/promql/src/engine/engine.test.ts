import { describe, expect, it } from 'vitest';
import { PromqlError } from '../errors.js';
import { MemoryStorage } from '../storage/memory-storage.js';
import { Engine } from './engine.js';

function storageWith(series: Array<[Record<string, string>, Array<[number, number]>]>): MemoryStorage {
  const storage = new MemoryStorage();
  for (const [labels, samples] of series) for (const [t, v] of samples) storage.append(labels, t, v);
  return storage;
}

const minute = 60_000;

describe('Engine.instantQuery', () => {
  it('returns the latest sample in the left-open lookback window, stamped with the evaluation time', () => {
    const engine = new Engine(storageWith([[{ __name__: 'up', job: 'a' }, [[0, 1], [minute, 2]]]]));
    expect(engine.instantQuery('up', 2 * minute).value).toEqual({
      type: 'vector',
      samples: [{ labels: { __name__: 'up', job: 'a' }, t: 2 * minute, v: 2 }],
    });
    // Exactly lookback (5m) after the last sample it is gone: the window is (t - 5m, t].
    expect(engine.instantQuery('up', 6 * minute).value).toEqual({ type: 'vector', samples: [] });
  });

  it('hides a series whose latest sample is a staleness marker', () => {
    const storage = storageWith([[{ __name__: 'up' }, [[0, 1]]]]);
    storage.appendStale({ __name__: 'up' }, minute);
    const engine = new Engine(storage);
    expect(engine.instantQuery('up', 30_000).value).toMatchObject({ samples: [{ v: 1 }] });
    expect(engine.instantQuery('up', 2 * minute).value).toEqual({ type: 'vector', samples: [] });
  });

  it('returns a range vector of an instant query with the samples in (t - range, t]', () => {
    const engine = new Engine(storageWith([[{ __name__: 'm' }, [[0, 0], [minute, 1], [2 * minute, 2]]]]));
    expect(engine.instantQuery('m[2m]', 2 * minute).value).toEqual({
      type: 'matrix',
      series: [{ labels: { __name__: 'm' }, points: [{ t: minute, v: 1 }, { t: 2 * minute, v: 2 }] }],
    });
  });

  it('evaluates scalars and strings', () => {
    const engine = new Engine(new MemoryStorage());
    expect(engine.instantQuery('1 + 2 * 3', 1000).value).toEqual({ type: 'scalar', t: 1000, v: 7 });
    expect(engine.instantQuery('time()', 90_000).value).toEqual({ type: 'scalar', t: 90_000, v: 90 });
    expect(engine.instantQuery('"hello"', 5).value).toEqual({ type: 'string', t: 5, v: 'hello' });
  });

  it('accepts an already parsed expression', () => {
    const engine = new Engine(storageWith([[{ __name__: 'x' }, [[0, 4]]]]));
    const expr = {
      type: 'VectorSelector' as const,
      name: 'x',
      matchers: [{ op: '=' as const, name: '__name__', value: 'x' }],
      offset: 0,
      at: null,
      pos: { start: 0, end: 1 },
    };
    expect(engine.instantQuery(expr, 0).value).toMatchObject({ samples: [{ v: 4 }] });
  });

  it('reports the non-counter info of rate with the argument position', () => {
    const engine = new Engine(storageWith([[{ __name__: 'temperature' }, [[0, 1], [minute, 2]]]]));
    const result = engine.instantQuery('rate(temperature[5m])', minute);
    expect(result.infos).toEqual([
      'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "temperature" (1:6)',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about a quantile outside [0, 1]', () => {
    const engine = new Engine(storageWith([[{ __name__: 'x' }, [[0, 1]]]]));
    expect(engine.instantQuery('quantile(1.5, x)', 0).warnings).toEqual([
      'PromQL warning: quantile value should be between 0 and 1, got 1.5 (1:10)',
    ]);
  });

  it('refuses to hold more samples than maxSamples', () => {
    const samples: Array<[number, number]> = Array.from({ length: 20 }, (_, i) => [i * 1000, i]);
    const engine = new Engine(storageWith([[{ __name__: 'x' }, samples]]), { maxSamples: 10 });
    expect(() => engine.instantQuery('x[1m]', 20_000)).toThrow(
      new PromqlError('query processing would load too many samples into memory in query execution'),
    );
    expect(engine.instantQuery('x', 20_000).value).toMatchObject({ samples: [{ v: 19 }] });
  });

  it('sorts other instant vectors by labels', () => {
    const engine = new Engine(
      storageWith([
        [{ __name__: 'x', i: 'b' }, [[0, 1]]],
        [{ __name__: 'x', i: 'a' }, [[0, 2]]],
        [{ __name__: 'x', i: 'a', j: '1' }, [[0, 3]]],
      ]),
    );
    const value = engine.instantQuery('x * 2', 0).value;
    expect(value.type === 'vector' && value.samples.map((s) => s.v)).toEqual([4, 6, 2]);
  });

  it('keeps the order of topk and sort in instant results', () => {
    const engine = new Engine(
      storageWith([
        [{ __name__: 'x', i: 'a' }, [[0, 2]]],
        [{ __name__: 'x', i: 'b' }, [[0, 3]]],
        [{ __name__: 'x', i: 'c' }, [[0, 1]]],
      ]),
    );
    const order = (query: string): string[] => {
      const value = engine.instantQuery(query, 0).value;
      return value.type === 'vector' ? value.samples.map((s) => s.labels['i']!) : [];
    };
    expect(order('topk(2, x)')).toEqual(['b', 'a']);
    expect(order('bottomk(3, x)')).toEqual(['c', 'a', 'b']);
    expect(order('sort_desc(x)')).toEqual(['b', 'a', 'c']);
    expect(order('sort(x)')).toEqual(['c', 'a', 'b']);
  });
});

describe('Engine.rangeQuery', () => {
  const engine = new Engine(
    storageWith([
      [{ __name__: 'b' }, [[0, 1], [minute, 2], [2 * minute, 3]]],
      [{ __name__: 'a' }, [[0, 10]]],
    ]),
  );

  it('returns a matrix sorted by labels, with a point per step where the series has a value', () => {
    const value = engine.rangeQuery('{__name__=~"a|b"}', 0, 2 * minute, minute).value;
    expect(value).toEqual({
      type: 'matrix',
      series: [
        { labels: { __name__: 'a' }, points: [0, 1, 2].map((i) => ({ t: i * minute, v: 10 })) },
        { labels: { __name__: 'b' }, points: [1, 2, 3].map((v, i) => ({ t: i * minute, v })) },
      ],
    });
  });

  it('turns a scalar into a series without labels', () => {
    expect(engine.rangeQuery('time()', 0, 2 * minute, minute).value).toEqual({
      type: 'matrix',
      series: [{ labels: {}, points: [0, 60, 120].map((v, i) => ({ t: i * minute, v })) }],
    });
  });

  it('refuses range vectors, strings, bad steps and more than 11,000 points per series', () => {
    const bad = (query: string, step = minute, end = minute): PromqlError => {
      try {
        engine.rangeQuery(query, 0, end, step);
      } catch (error) {
        return error as PromqlError;
      }
      throw new Error('expected an error');
    };
    expect(bad('b[5m]').message).toBe('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
    expect(bad('"s"').errorType).toBe('bad_data');
    expect(bad('b', 0).message).toBe('zero or negative query resolution step widths are not accepted. Try a positive integer');
    const tooMany = bad('b', 1000, 11_001_000);
    expect(tooMany.message).toBe(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
    expect(tooMany.errorType).toBe('bad_data');
    expect(engine.rangeQuery('b', 0, 11_000_000, 1000).value.type).toBe('matrix');
  });

  it('resolves @ start() and @ end() against the query range, also inside subqueries', () => {
    const points = (query: string): number[] => {
      const value = engine.rangeQuery(query, minute, 2 * minute, minute).value;
      return value.type === 'matrix' ? value.series.flatMap((s) => s.points.map((p) => p.v)) : [];
    };
    expect(points('b @ start()')).toEqual([2, 2]);
    expect(points('b @ end()')).toEqual([3, 3]);
    expect(points('max_over_time((b @ start())[5m:1m])')).toEqual([2, 2]);
  });

  it('warns that sort is ineffective in range queries', () => {
    expect(engine.rangeQuery('sum(sort(b))', 0, minute, minute).warnings).toEqual([
      'PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:5)',
    ]);
  });
});
