/**
 * Shapes Prometheus query answers (`{status, data}` of /api/drills/:id/query) into what the
 * explorer draws: table rows for instant queries, aligned columns for a range graph, and a
 * readable position for PromQL parse errors. Pure, so it is tested without a browser.
 */

/** Prometheus sends a sample as [unix seconds, value as a string] ("NaN", "+Inf" included). */
export type PromSample = [number, string];

export interface PromVectorSeries {
  metric: Record<string, string>;
  value: PromSample;
}

export interface PromMatrixSeries {
  metric: Record<string, string>;
  values: PromSample[];
}

export type PromData =
  | { resultType: 'vector'; result: PromVectorSeries[] }
  | { resultType: 'matrix'; result: PromMatrixSeries[] }
  | { resultType: 'scalar'; result: PromSample }
  | { resultType: 'string'; result: PromSample };

export interface PromAnswer {
  status: 'success';
  data: PromData;
  warnings?: string[];
  infos?: string[];
}

/** `http_requests_total{service="checkout", status="500"}`, labels sorted; `{}` for a bare result. */
export function seriesName(metric: Record<string, string>): string {
  const { __name__: name = '', ...labels } = metric;
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${labels[key]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  if (pairs.length === 0) return name === '' ? '{}' : name;
  return `${name}{${pairs.join(', ')}}`;
}

/** A value as people read it: at most 6 significant digits, no float noise like 0.30000000000000004. */
export function formatSampleValue(raw: string): string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

export interface TableRow {
  /** Stable React key. */
  key: string;
  series: string;
  /** Formatted value; for a range selector's matrix, every sample as `value @ time`. */
  value: string;
  /** The raw value(s), for a title attribute. */
  raw: string;
}

const clock = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(11, 19);

/** Rows of the instant-query table, sorted by series so repeated runs keep their order. */
export function toTableRows(data: PromData): TableRow[] {
  switch (data.resultType) {
    case 'scalar':
    case 'string':
      return [{ key: 'scalar', series: data.resultType, value: data.resultType === 'scalar' ? formatSampleValue(data.result[1]) : data.result[1], raw: data.result[1] }];
    case 'vector':
      return data.result
        .map((item) => ({ key: seriesName(item.metric), series: seriesName(item.metric), value: formatSampleValue(item.value[1]), raw: item.value[1] }))
        .sort((a, b) => a.series.localeCompare(b.series));
    case 'matrix':
      // An instant query of a range selector (`x[5m]`) answers a matrix: list its samples.
      return data.result
        .map((item) => ({
          key: seriesName(item.metric),
          series: seriesName(item.metric),
          value: item.values.map(([time, value]) => `${formatSampleValue(value)} @ ${clock(time)}`).join('\n'),
          raw: item.values.map(([, value]) => value).join(', '),
        }))
        .sort((a, b) => a.series.localeCompare(b.series));
  }
}

export interface ChartData {
  /** One name per series, in the order of `values`. */
  names: string[];
  /** Unix seconds, ascending: the union of every series' sample times. */
  times: number[];
  /** Per series, one value per time; null where the series has no (finite) sample. */
  values: Array<Array<number | null>>;
}

/** Most series a graph draws; more is unreadable (and slow), the table still lists them all. */
export const MAX_GRAPH_SERIES = 50;

/** Aligns a range answer's series on shared timestamps, as uPlot wants its columns. */
export function toChartData(data: PromData, maxSeries = MAX_GRAPH_SERIES): ChartData {
  if (data.resultType === 'scalar') return { names: ['scalar'], times: [data.result[0]], values: [[finite(data.result[1])]] };
  if (data.resultType === 'string') return { names: [], times: [], values: [] };
  const series =
    data.resultType === 'matrix'
      ? data.result.map((item) => ({ name: seriesName(item.metric), samples: item.values }))
      : data.result.map((item) => ({ name: seriesName(item.metric), samples: [item.value] }));
  series.sort((a, b) => a.name.localeCompare(b.name));
  const shown = series.slice(0, maxSeries);
  const times = [...new Set(shown.flatMap((item) => item.samples.map(([time]) => time)))].sort((a, b) => a - b);
  const index = new Map(times.map((time, position) => [time, position]));
  const values = shown.map((item) => {
    const column: Array<number | null> = new Array<number | null>(times.length).fill(null);
    for (const [time, value] of item.samples) column[index.get(time)!] = finite(value);
    return column;
  });
  return { names: shown.map((item) => item.name), times, values };
}

function finite(raw: string): number | null {
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export interface ParseErrorPosition {
  line: number;
  column: number;
  message: string;
}

/**
 * Where a PromQL parse error points: the engine says `1:9: parse error: unexpected …` (maybe after
 * a prefix such as `query: `). Null for errors without a position (execution errors, timeouts).
 */
export function parseErrorPosition(message: string): ParseErrorPosition | null {
  const match = /(\d+):(\d+): parse error: (.*)$/s.exec(message);
  if (!match) return null;
  return { line: Number(match[1]), column: Number(match[2]), message: match[3]!.trim() };
}

/** The query's line that the error is on and a caret under the column, for a <pre>. */
export function errorPointer(query: string, position: ParseErrorPosition): { line: string; caret: string } | null {
  const line = query.split('\n')[position.line - 1];
  if (line === undefined) return null;
  const column = Math.min(Math.max(position.column, 1), line.length + 1);
  return { line, caret: `${' '.repeat(column - 1)}^` };
}
