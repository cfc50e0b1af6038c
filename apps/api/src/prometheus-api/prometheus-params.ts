import { parseDuration } from '@firedrill/promql';

/**
 * Parameter parsing as Prometheus's HTTP API does it: times are unix seconds (float) or RFC 3339,
 * durations are float seconds or a Prometheus duration. Every failure names the parameter.
 */
export class PrometheusApiError extends Error {
  constructor(
    readonly errorType: 'bad_data' | 'execution' | 'not_found' | 'unavailable',
    message: string,
    readonly status = errorType === 'bad_data' ? 400 : errorType === 'not_found' ? 404 : errorType === 'unavailable' ? 503 : 422,
  ) {
    super(message);
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Returns ms; `fallback` when the parameter is absent. */
export function parseTimeParam(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (raw.trim() !== '' && Number.isFinite(seconds)) return Math.round(seconds * 1000);
  if (RFC3339.test(raw)) {
    const ms = Date.parse(raw);
    if (Number.isFinite(ms)) return ms;
  }
  throw new PrometheusApiError('bad_data', `invalid parameter "${name}": cannot parse "${raw}" to a valid timestamp`);
}

/** Returns ms. */
export function parseDurationParam(name: string, raw: string | undefined): number {
  if (raw === undefined || raw === '') throw new PrometheusApiError('bad_data', `invalid parameter "${name}": missing`);
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) {
    const ms = Math.round(seconds * 1000);
    if (ms <= 0) throw new PrometheusApiError('bad_data', `invalid parameter "${name}": zero or negative query resolution step widths are not accepted. Try a positive integer`);
    return ms;
  }
  try {
    const ms = parseDuration(raw);
    if (ms <= 0) throw new Error('not positive');
    return ms;
  } catch {
    throw new PrometheusApiError('bad_data', `invalid parameter "${name}": cannot parse "${raw}" to a valid duration`);
  }
}

/** One parameter as a string: query string and form body merged (POST wins), repeated keys → last. */
export function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) return value.length > 0 ? String(value[value.length - 1]) : undefined;
  return value === undefined ? undefined : String(value);
}

/** A repeated parameter such as `match[]`, in whichever way Express parsed it. */
export function repeated(params: Record<string, unknown>, name: string): string[] {
  const value = params[name] ?? params[name.replace(/\[\]$/, '')];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
