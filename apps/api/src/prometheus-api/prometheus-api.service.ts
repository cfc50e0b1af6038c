import { Injectable } from '@nestjs/common';
import { Engine, PromqlError, labelsKey, parseSeriesSelector, type LabelMatcher, type Queryable } from '@firedrill/promql';
import { StackRegistry } from '../stacks/stack-registry.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { PrometheusApiError, parseDurationParam, parseTimeParam, repeated, single } from './prometheus-params.js';
import { queryData } from './prometheus-format.js';

type Params = Record<string, unknown>;

/** Prometheus refuses range queries above this many points per series; so do we. */
const MAX_POINTS_PER_SERIES = 11_000;
/** Holding more samples than this at once fails the query instead of exhausting memory. */
const MAX_SAMPLES = 5_000_000;
const DEFAULT_LABEL_LOOKBACK_MS = 6 * 3600_000;

export interface PrometheusSuccess {
  status: 'success';
  data: unknown;
  warnings?: string[];
  infos?: string[];
}

/**
 * Prometheus's query API over a stack's own time-series store. Times default to the stack's
 * clock, because samples are stamped with stack time (a stack at speed 60 lives faster).
 */
@Injectable()
export class PrometheusApiService {
  private readonly engines = new Map<string, Engine>();

  constructor(
    private readonly stacks: StackRegistry,
    private readonly telemetry: TelemetryService,
  ) {
    stacks.events.on('removing', (stack) => this.engines.delete(stack.id));
  }

  query(stackId: string, params: Params): PrometheusSuccess {
    const { engine, now } = this.engineFor(stackId);
    const query = requireQuery(params);
    const time = parseTimeParam('time', single(params, 'time'), now);
    return this.run(() => engine.instantQuery(query, time));
  }

  queryRange(stackId: string, params: Params): PrometheusSuccess {
    const { engine } = this.engineFor(stackId);
    const query = requireQuery(params);
    const start = parseTimeParam('start', requireParam(params, 'start'), 0);
    const end = parseTimeParam('end', requireParam(params, 'end'), 0);
    const step = parseDurationParam('step', single(params, 'step'));
    if (end < start) throw new PrometheusApiError('bad_data', 'invalid parameter "end": end timestamp must not be before start time');
    if ((end - start) / step > MAX_POINTS_PER_SERIES) {
      throw new PrometheusApiError(
        'bad_data',
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    }
    return this.run(() => engine.rangeQuery(query, start, end, step));
  }

  series(stackId: string, params: Params): PrometheusSuccess {
    const { tsdb, now } = this.storeFor(stackId);
    const selectors = repeated(params, 'match[]');
    if (selectors.length === 0) throw new PrometheusApiError('bad_data', 'no match[] parameter provided');
    const [start, end] = this.timeRange(params, now);
    const seen = new Map<string, Record<string, string>>();
    for (const matchers of selectors.map(parseSelector)) {
      for (const series of tsdb.select(matchers, start, end)) seen.set(labelsKey(series.labels), { ...series.labels });
    }
    return success([...seen.values()]);
  }

  labels(stackId: string, params: Params): PrometheusSuccess {
    const { tsdb, now } = this.storeFor(stackId);
    const [start, end] = this.timeRange(params, now);
    const names = new Set<string>();
    for (const matchers of matcherSets(params)) for (const name of tsdb.labelNames(matchers, start, end)) names.add(name);
    return success([...names].sort());
  }

  labelValues(stackId: string, name: string, params: Params): PrometheusSuccess {
    if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name)) throw new PrometheusApiError('bad_data', `invalid label name: "${name}"`);
    const { tsdb, now } = this.storeFor(stackId);
    const [start, end] = this.timeRange(params, now);
    const values = new Set<string>();
    for (const matchers of matcherSets(params)) for (const value of tsdb.labelValues(name, matchers, start, end)) values.add(value);
    return success([...values].sort());
  }

  private run(evaluate: () => { value: Parameters<typeof queryData>[0]; warnings: string[]; infos: string[] }): PrometheusSuccess {
    try {
      const result = evaluate();
      return {
        status: 'success',
        data: queryData(result.value),
        ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
        ...(result.infos.length > 0 ? { infos: result.infos } : {}),
      };
    } catch (error) {
      if (error instanceof PromqlError) {
        throw new PrometheusApiError(error.errorType === 'bad_data' ? 'bad_data' : 'execution', error.message);
      }
      throw error;
    }
  }

  private timeRange(params: Params, now: number): [number, number] {
    const start = parseTimeParam('start', single(params, 'start'), now - DEFAULT_LABEL_LOOKBACK_MS);
    const end = parseTimeParam('end', single(params, 'end'), now);
    if (end < start) throw new PrometheusApiError('bad_data', 'invalid parameter "end": end timestamp must not be before start time');
    return [start, end];
  }

  private storeFor(stackId: string): { tsdb: Queryable; now: number } {
    const stack = this.stacks.get(stackId);
    return { tsdb: this.telemetry.forStack(stackId).tsdb, now: stack.clock.now() };
  }

  private engineFor(stackId: string): { engine: Engine; now: number } {
    const { tsdb, now } = this.storeFor(stackId);
    let engine = this.engines.get(stackId);
    if (!engine) {
      engine = new Engine(tsdb, { maxSamples: MAX_SAMPLES });
      this.engines.set(stackId, engine);
    }
    return { engine, now };
  }
}

function success(data: unknown): PrometheusSuccess {
  return { status: 'success', data };
}

function requireParam(params: Params, name: string): string {
  const value = single(params, name);
  if (value === undefined || value === '') throw new PrometheusApiError('bad_data', `invalid parameter "${name}": missing`);
  return value;
}

function requireQuery(params: Params): string {
  const query = single(params, 'query');
  if (query === undefined || query.trim() === '') throw new PrometheusApiError('bad_data', 'invalid parameter "query": missing or empty');
  if (query.length > 64 * 1024) throw new PrometheusApiError('bad_data', 'invalid parameter "query": longer than 64 KiB');
  return query;
}

function parseSelector(selector: string): LabelMatcher[] {
  try {
    return parseSeriesSelector(selector);
  } catch (error) {
    throw new PrometheusApiError('bad_data', `invalid parameter "match[]": ${(error as Error).message}`);
  }
}

/** The `match[]` selectors, or one empty set meaning "all series". */
function matcherSets(params: Params): LabelMatcher[][] {
  const selectors = repeated(params, 'match[]');
  return selectors.length === 0 ? [[]] : selectors.map(parseSelector);
}
