import type { Clock, TimerHandle } from '@firedrill/clock';
import { labelsKey, type Appendable, type Labels } from '@firedrill/promql';
import { formatOfContentType, parseExposition } from './exposition-parser.js';
import { fetchMetricsWithUndici, type FetchMetrics } from './fetch-metrics.js';
import { targetLabelsOf, withTargetLabels, type ScrapeTarget } from './target-labels.js';

export interface ScraperOptions {
  /** Re-read at every cycle: replicas restart, appear and go. */
  targets: () => ScrapeTarget[];
  storage: Appendable;
  /**
   * The stack's clock. Samples are stamped with its time, so a stack at speed 60 has a minute of
   * data per wall second; the loop's timers run on it too (the wall interval times the speed).
   */
  clock: Clock;
  /** Wall milliseconds between cycles. */
  scrapeIntervalMs?: number;
  /** Wall milliseconds a scrape may take (default: 0.8 × the interval, at least 1 s); a cycle still running skips the next tick. */
  scrapeTimeoutMs?: number;
  /** Samples one target may expose; beyond it the scrape fails (Prometheus's `sample_limit`). */
  sampleLimit?: number;
  fetchMetrics?: FetchMetrics;
  /** Wall time for measuring scrape durations. */
  wallNow?: () => number;
  /** A cycle that throws is reported here; the loop carries on. */
  onCycleError?: (error: unknown) => void;
  /**
   * After every scheduled cycle, with its timestamp: every sample stamped at or before it is in the
   * store by then, so rule evaluation driven from here never misses a sample that is "in the past".
   */
  onCycleComplete?: (tMs: number) => void;
  /** After each target's scrape, success or not (Firedrill's own /metrics counts them by job). */
  onTargetScraped?: (result: TargetScrapeResult) => void;
}

export interface TargetScrapeResult {
  job: string;
  ok: boolean;
  /** Wall ms. */
  durationMs: number;
}

export const DEFAULT_SCRAPE_INTERVAL_MS = 1000;
export const DEFAULT_SAMPLE_LIMIT = 20_000;

export type TargetHealthState = 'up' | 'down' | 'unknown';

export interface TargetHealth {
  replica: string;
  service: string;
  instance: string;
  scrapeUrl: string;
  labels: Labels;
  health: TargetHealthState;
  /** Stack time of the last scrape, ms; null before the first. */
  lastScrape: number | null;
  lastError: string | null;
  lastScrapeDurationMs: number | null;
  lastSamples: number;
}

interface TargetState {
  readonly target: ScrapeTarget;
  readonly labels: Labels;
  /** Series written by the last successful scrape, by key: the ones to mark stale when they go. */
  series: Map<string, Labels>;
  health: TargetHealthState;
  lastScrape: number | null;
  lastError: string | null;
  lastScrapeDurationMs: number | null;
  lastSamples: number;
}

const MIN_SCRAPE_TIMEOUT_MS = 1000;

const REPORT_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'] as const;

/**
 * Scrapes every replica of a stack into an Appendable with Prometheus's semantics: target labels
 * (honor_labels false), a synthetic `up`, `scrape_duration_seconds`, `scrape_samples_scraped`, and
 * staleness markers for series that disappear, for all series of a failed scrape (after `up 0`)
 * and for all series, report series included, of a target that vanished. Timestamps in the
 * exposition are ignored (honor_timestamps false): replicas stamp wall time, the stack lives on
 * its own clock. `scrapeOnce` is the unit; `start` only calls it on a schedule.
 */
export class Scraper {
  private readonly states = new Map<string, TargetState>();
  private readonly fetchMetrics: FetchMetrics;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly wallNow: () => number;
  private queue: Promise<void> = Promise.resolve();
  private lastCycleT = -Infinity;
  private scheduledAt = -Infinity;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  private running = false;
  cycles = 0;
  /** Ticks skipped because the previous cycle was still running. */
  missedTicks = 0;

  constructor(private readonly options: ScraperOptions) {
    this.fetchMetrics = options.fetchMetrics ?? fetchMetricsWithUndici;
    this.intervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
    // A fast stack is scraped every 200 wall ms, but a replica still gets at least a wall second to
    // answer: on a busy machine a slow scrape is a missed tick, not a target falsely marked down.
    this.timeoutMs = options.scrapeTimeoutMs ?? Math.max(this.intervalMs * 0.8, MIN_SCRAPE_TIMEOUT_MS);
    this.wallNow = options.wallNow ?? (() => performance.now());
  }

  /** Scrapes every current target, stamping samples with `tMs`. Calls are serialized; a `tMs` not after the last cycle's is skipped. */
  scrapeOnce(tMs: number): Promise<void> {
    const cycle = this.queue.then(() => this.cycle(tMs));
    this.queue = cycle.catch(() => undefined);
    return cycle;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops the loop, waits for a running cycle, and ends every series with a staleness marker. */
  async stop(): Promise<void> {
    this.running = false;
    this.options.clock.clearTimeout(this.timer);
    await this.queue;
    const t = this.options.clock.now();
    if (t <= this.lastCycleT) return;
    this.lastCycleT = t;
    for (const [key, state] of this.states) {
      this.endTarget(state, t);
      this.states.delete(key);
    }
  }

  targets(): TargetHealth[] {
    return [...this.states.values()].map((state) => ({
      replica: state.target.replica,
      service: state.target.service,
      instance: state.labels.instance!,
      scrapeUrl: metricsUrl(state.target),
      labels: state.labels,
      health: state.health,
      lastScrape: state.lastScrape,
      lastError: state.lastError,
      lastScrapeDurationMs: state.lastScrapeDurationMs,
      lastSamples: state.lastSamples,
    }));
  }

  private schedule(): void {
    if (!this.running) return;
    // Ticks fall on multiples of the interval in stack time (as Prometheus keeps a fixed scrape
    // offset), so every rule-evaluation slot is preceded by exactly one scrape cycle.
    const clock = this.options.clock;
    const intervalStackMs = this.intervalMs * clock.speed;
    const now = clock.now();
    const delay = intervalStackMs - (now % intervalStackMs);
    this.scheduledAt = now + delay;
    this.timer = clock.setTimeout(() => this.tick(), delay);
  }

  /**
   * The timestamp of a scheduled cycle: its slot when the timer fired less than half an interval
   * late (Prometheus likewise snaps scrape timestamps to its schedule within a tolerance), else the
   * actual time. Snapping keeps one cycle per rule-evaluation slot on a busy event loop.
   */
  private cycleTimestamp(): number {
    const now = this.options.clock.now();
    const intervalStackMs = this.intervalMs * this.options.clock.speed;
    return now - this.scheduledAt < intervalStackMs / 2 ? Math.max(this.scheduledAt, this.lastCycleT + 1) : now;
  }

  private tick(): void {
    if (this.inFlight) this.missedTicks++;
    else {
      const t = this.cycleTimestamp();
      this.inFlight = this.scrapeOnce(t)
        .catch((error: unknown) => this.options.onCycleError?.(error))
        .then(() => this.options.onCycleComplete?.(t))
        .finally(() => (this.inFlight = undefined));
    }
    this.schedule();
  }

  private async cycle(t: number): Promise<void> {
    if (t <= this.lastCycleT) return;
    this.lastCycleT = t;
    this.cycles++;
    const current = new Map(this.options.targets().map((target) => [`${target.replica}@${target.url}`, target]));
    for (const [key, state] of this.states) {
      if (current.has(key)) continue;
      this.endTarget(state, t);
      this.states.delete(key);
    }
    await Promise.all(
      [...current].map(([key, target]) => {
        let state = this.states.get(key);
        if (!state) {
          state = { target, labels: targetLabelsOf(target), series: new Map(), health: 'unknown', lastScrape: null, lastError: null, lastScrapeDurationMs: null, lastSamples: 0 };
          this.states.set(key, state);
        }
        return this.scrapeTarget(state, t);
      }),
    );
  }

  private async scrapeTarget(state: TargetState, t: number): Promise<void> {
    const { storage } = this.options;
    const started = this.wallNow();
    let scraped: Map<string, { labels: Labels; value: number }> | undefined;
    let exposed = 0;
    try {
      const response = await this.fetchMetrics(metricsUrl(state.target), { timeoutMs: this.timeoutMs });
      if (response.status !== 200) throw new Error(`server returned HTTP status ${response.status}`);
      const { samples } = parseExposition(response.body, formatOfContentType(response.contentType));
      if (samples.length > (this.options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT)) {
        throw new Error(`sample limit exceeded: ${samples.length} samples, limit ${this.options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT}`);
      }
      exposed = samples.length;
      scraped = new Map();
      for (const sample of samples) {
        const labels = withTargetLabels(sample.labels, state.labels);
        const key = labelsKey(labels);
        if (!scraped.has(key)) scraped.set(key, { labels, value: sample.value }); // a repeated series keeps its first sample
      }
      state.lastError = null;
    } catch (error) {
      state.lastError = (error as Error).message;
    }
    const durationMs = this.wallNow() - started;
    if (scraped) for (const { labels, value } of scraped.values()) storage.append(labels, t, value);
    this.report(state, t, scraped ? 1 : 0, durationMs, exposed);
    for (const [key, labels] of state.series) if (!scraped?.has(key)) storage.appendStale(labels, t);
    state.series = new Map([...(scraped ?? [])].map(([key, { labels }]) => [key, labels]));
    state.health = scraped ? 'up' : 'down';
    state.lastScrape = t;
    state.lastScrapeDurationMs = durationMs;
    state.lastSamples = exposed;
    this.options.onTargetScraped?.({ job: state.labels.job ?? state.target.service, ok: scraped !== undefined, durationMs });
  }

  private report(state: TargetState, t: number, up: number, durationMs: number, samples: number): void {
    const values = { up, scrape_duration_seconds: durationMs / 1000, scrape_samples_scraped: samples };
    for (const name of REPORT_SERIES) this.options.storage.append({ ...state.labels, __name__: name }, t, values[name]);
  }

  private endTarget(state: TargetState, t: number): void {
    for (const labels of state.series.values()) this.options.storage.appendStale(labels, t);
    if (state.lastScrape === null) return;
    for (const name of REPORT_SERIES) this.options.storage.appendStale({ ...state.labels, __name__: name }, t);
  }
}

function metricsUrl(target: ScrapeTarget): string {
  return new URL('/metrics', target.url).toString();
}
