import { request } from 'undici';

/** One scrape of a /metrics endpoint: series text (name{labels}) → value. */
export type Scrape = Map<string, number>;

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Enough of the Prometheus text format for tests to read counters, gauges and histograms. */
export function parseSeries(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) labels[label[1]!] = label[2]!;
    series.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return series;
}

export async function scrape(url: string): Promise<Series[]> {
  const response = await request(`${url}/metrics`, { headersTimeout: 2000, bodyTimeout: 2000 });
  return parseSeries(await response.body.text());
}

/** Scrapes every replica and adds their series up (what `sum without (instance)` would give). */
export async function scrapeAll(urls: string[]): Promise<Series[]> {
  const all = (await Promise.all(urls.map(scrape))).flat();
  const merged = new Map<string, Series>();
  for (const series of all) {
    const key = `${series.name}${JSON.stringify(Object.entries(series.labels).sort())}`;
    const existing = merged.get(key);
    if (existing) existing.value += series.value;
    else merged.set(key, { ...series, labels: { ...series.labels } });
  }
  return [...merged.values()];
}

export function total(series: Series[], name: string, where: Record<string, string | RegExp> = {}): number {
  return series
    .filter((s) => s.name === name && Object.entries(where).every(([key, want]) => (typeof want === 'string' ? s.labels[key] === want : want.test(s.labels[key] ?? ''))))
    .reduce((sum, s) => sum + s.value, 0);
}

/** The change of every counter between two scrapes (series missing before count from zero). */
export function delta(before: Series[], after: Series[]): Series[] {
  const previous = new Map(before.map((s) => [`${s.name}${JSON.stringify(s.labels)}`, s.value]));
  return after.map((s) => ({ ...s, value: s.value - (previous.get(`${s.name}${JSON.stringify(s.labels)}`) ?? 0) }));
}

/** histogram_quantile over the bucket increases of one histogram (linear within the bucket). */
export function quantile(q: number, increases: Series[], name: string, where: Record<string, string> = {}): number {
  const buckets = new Map<number, number>();
  for (const series of increases) {
    if (series.name !== `${name}_bucket`) continue;
    if (!Object.entries(where).every(([key, want]) => series.labels[key] === want)) continue;
    const le = series.labels.le === '+Inf' ? Infinity : Number(series.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + series.value);
  }
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  if (count === 0) return Number.NaN;
  const rank = q * count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [upperBound, cumulative] of sorted) {
    if (cumulative >= rank) {
      if (upperBound === Infinity) return lowerBound;
      return lowerBound + ((upperBound - lowerBound) * (rank - lowerCount)) / Math.max(cumulative - lowerCount, 1e-9);
    }
    lowerBound = upperBound;
    lowerCount = cumulative;
  }
  return lowerBound;
}
