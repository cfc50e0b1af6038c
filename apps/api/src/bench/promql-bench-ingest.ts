// Ingestion timings of `npm run bench:promql`: the scraper's path from exposition text to the
// store, both as bare parse + append and through the real Scraper with an in-memory fetch.
import { FakeClock } from '@firedrill/clock';
import { MemoryStorage } from '@firedrill/promql';
import { parseExposition } from '../telemetry/scrape/exposition-parser.js';
import type { FetchMetrics } from '../telemetry/scrape/fetch-metrics.js';
import { Scraper } from '../telemetry/scrape/scraper.js';
import type { ScrapeTarget } from '../telemetry/scrape/target-labels.js';
import { SCRAPE_INTERVAL_MS, familyOrder, renderInstanceExposition, renderTextExposition, type SyntheticDataSet } from './promql-bench-data.js';

export interface ParseAppendResult {
  payloadBytes: number;
  samplesPerScrape: number;
  scrapes: number;
  parseMs: number;
  appendMs: number;
}

/** Parses the whole data set's current values as one payload and appends it, `scrapes` times at increasing timestamps. */
export function measureParseAndAppend(data: SyntheticDataSet, scrapes: number, firstMs: number): ParseAppendResult {
  const payload = renderTextExposition(data);
  const store = new MemoryStorage();
  let parseMs = 0;
  let appendMs = 0;
  let samplesPerScrape = 0;
  for (let k = 0; k < scrapes; k++) {
    const t = firstMs + k * SCRAPE_INTERVAL_MS;
    const parseStart = performance.now();
    const { samples } = parseExposition(payload, 'text');
    const appendStart = performance.now();
    for (const sample of samples) store.append(sample.labels, t, sample.value);
    appendMs += performance.now() - appendStart;
    parseMs += appendStart - parseStart;
    samplesPerScrape = samples.length;
  }
  return { payloadBytes: Buffer.byteLength(payload), samplesPerScrape, scrapes, parseMs, appendMs };
}

export interface ScraperRunResult {
  targets: number;
  samplesPerCycle: number;
  cycles: number;
  elapsedMs: number;
}

/**
 * One target per instance serving its own series (the scraper attaches service, instance and job,
 * and adds up / scrape_duration_seconds / scrape_samples_scraped); `fetchMetrics` answers from
 * memory, so the time is parse, relabel, staleness bookkeeping and append — no network.
 */
export async function measureScraper(data: SyntheticDataSet, cycles: number, firstMs: number): Promise<ScraperRunResult> {
  const families = familyOrder(data);
  const bodies = new Map<string, string>();
  const targets: ScrapeTarget[] = [];
  data.series.forEach((series) => {
    if (series.source.kind !== 'up') return;
    const url = `http://${series.labels.instance}`;
    targets.push({ replica: series.labels.instance!.replace(/:\d+$/, ''), service: series.labels.service!, url });
    bodies.set(`${url}/metrics`, renderInstanceExposition(data, series.instance, families));
  });
  const fetchMetrics: FetchMetrics = async (url) => ({ status: 200, contentType: 'text/plain; version=0.0.4', body: bodies.get(url) ?? '' });
  const store = new MemoryStorage();
  const scraper = new Scraper({ targets: () => targets, storage: store, clock: new FakeClock(firstMs), fetchMetrics, sampleLimit: 1_000_000 });
  const started = performance.now();
  for (let k = 0; k < cycles; k++) await scraper.scrapeOnce(firstMs + k * SCRAPE_INTERVAL_MS);
  const elapsedMs = performance.now() - started;
  const stored = store.stats().samples;
  const unhealthy = scraper.targets().filter((t) => t.health !== 'up');
  if (unhealthy.length > 0) throw new Error(`scraper bench: ${unhealthy.length} targets down, e.g. ${unhealthy[0]!.lastError}`);
  return { targets: targets.length, samplesPerCycle: stored / cycles, cycles, elapsedMs };
}
