/**
 * Prometheus range results shaped for uPlot. Pure functions, so the chart component stays a thin
 * wrapper and the shaping is tested without a DOM.
 */

/** One series of a Prometheus `matrix` result: `values` are `[unixSeconds, "value"]`. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** What a chart draws: x in unix seconds, one row of y per series, null where a series has no point. */
export interface ChartData {
  xs: number[];
  series: Array<{ key: string; label: string; values: Array<number | null> }>;
}

export const EMPTY_CHART: ChartData = { xs: [], series: [] };

/** "NaN", "+Inf", "-Inf" cannot be drawn: they become gaps rather than spikes to the edge. */
export function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A stable identity for a series: its labels, sorted (the same series keeps its colour). */
export function seriesKey(metric: Record<string, string>): string {
  return Object.keys(metric)
    .sort()
    .map((name) => `${name}=${JSON.stringify(metric[name])}`)
    .join(',');
}

/**
 * The legend text of a series: a `{{label}}` template like Grafana's, or else its labels without
 * `__name__` (`service=payments, state=active`), or the metric name for a series without labels.
 */
export function seriesLabel(metric: Record<string, string>, template?: string): string {
  if (template) return template.replace(/\{\{\s*([\w:]+)\s*\}\}/g, (_, name: string) => metric[name] ?? '');
  const { __name__: name, ...labels } = metric;
  const parts = Object.keys(labels)
    .sort()
    .map((label) => `${label}=${labels[label]}`);
  return parts.length > 0 ? parts.join(', ') : (name ?? 'value');
}

export interface LabelledMatrix {
  result: readonly MatrixSeries[];
  /** `{{label}}` legend template for this query's series. */
  legend?: string;
}

/**
 * Joins one or more matrices on their timestamps. Range queries on one step share a grid, but a
 * series that starts late or vanishes (a replica scaled away) leaves nulls, not shifted points.
 * Series are ordered by label so colours do not jump between refreshes.
 */
export function toChartData(matrices: readonly LabelledMatrix[]): ChartData {
  const times = new Set<number>();
  for (const { result } of matrices) for (const series of result) for (const [t] of series.values) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const series: ChartData['series'] = [];
  matrices.forEach(({ result, legend }, queryIndex) => {
    for (const matrix of result) {
      const values: Array<number | null> = new Array(xs.length).fill(null);
      for (const [t, text] of matrix.values) values[index.get(t)!] = sampleValue(text);
      series.push({ key: `${queryIndex}|${seriesKey(matrix.metric)}`, label: seriesLabel(matrix.metric, legend), values });
    }
  });
  series.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  return { xs, series };
}

/** uPlot's aligned data: `[xs, ...ys]`. */
export function toAlignedData(data: ChartData): [number[], ...Array<Array<number | null>>] {
  return [data.xs, ...data.series.map((series) => series.values)];
}

/** True when the chart must add or remove series (setData alone cannot change their number or order). */
export function sameSeries(a: readonly { key: string }[], b: readonly { key: string }[]): boolean {
  return a.length === b.length && a.every((series, i) => series.key === b[i]!.key);
}

/**
 * The range to ask for: the last `windowSeconds` before `now`, with start and end on multiples of
 * the step, so consecutive refreshes (and every panel) share the same grid and the shared cursor
 * lines up. About `points` points per series.
 */
export function rangeFor(nowSeconds: number, windowSeconds: number, points = 120): { start: number; end: number; step: number } {
  const step = niceStep(windowSeconds / points);
  const end = Math.floor(nowSeconds / step) * step;
  return { start: end - Math.ceil(windowSeconds / step) * step, end, step };
}

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** The smallest round step (1s, 2s, 5s, 10s, 15s, 30s, 1m, …) of at least `seconds`. */
export function niceStep(seconds: number): number {
  return NICE_STEPS.find((step) => step >= seconds) ?? Math.ceil(seconds / 3600) * 3600;
}

/** The newest value of a series that is not a gap: what a legend shows when no instant is hovered. */
export function latestValue(values: ArrayLike<number | null | undefined>): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}
