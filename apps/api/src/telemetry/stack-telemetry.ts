import { EventEmitter } from 'node:events';
import { MemoryStorage } from '@firedrill/promql';
import type { Stack } from '../stacks/stack.js';
import { LogStore } from './logs/log-store.js';
import { Scraper, type TargetScrapeResult } from './scrape/scraper.js';
import type { SpanRecord } from './traces/otlp-json.js';
import { TraceStore } from './traces/trace-store.js';

/**
 * Bounds per stack. The time-series store keeps `retentionMs` of *stack* time (6 h), but never
 * more than `maxSamplesPerSeries` scrapes (7200): a stack at speed 1 scraped every second keeps
 * 2 h, one at speed 60 (scraped every 12 s of its time) keeps 6 h. A series thus holds at most
 * 7200 samples of 17 bytes (~120 kB, up to twice that while its arrays grow); the demo shop has
 * ~850 series, so ~105 MB per stack at most, and the store refuses series beyond `maxSeries`
 * (50k). Logs: 50k lines. Traces: 10k traces of at most 1000 spans each.
 */
export interface TelemetryOptions {
  /**
   * Stack-time ms between scrapes (samples are stamped with the stack clock). A fast stack would
   * need very frequent wall-time scrapes for that, so the wall interval never drops below
   * `minScrapeWallMs`: at speed 60 a stack is scraped every 200 wall ms = 12 s of its time.
   */
  scrapeIntervalMs: number;
  minScrapeWallMs: number;
  scrapeTimeoutMs?: number;
  retentionMs: number;
  maxSamplesPerSeries: number;
  maxSeries: number;
  maxLogLines: number;
  maxTraces: number;
  maxSpansPerTrace: number;
}

export const DEFAULT_TELEMETRY_OPTIONS: TelemetryOptions = {
  scrapeIntervalMs: 1000,
  minScrapeWallMs: 200,
  retentionMs: 6 * 3600_000,
  maxSamplesPerSeries: 7200,
  maxSeries: 50_000,
  maxLogLines: 50_000,
  maxTraces: 10_000,
  maxSpansPerTrace: 1000,
};

const MAX_TRACE_ANCHORS = 20_000;

/** One stack's metrics, logs and traces, and the loop that fills the metrics. */
export class StackTelemetry {
  readonly tsdb: MemoryStorage;
  readonly logs: LogStore;
  readonly traces: TraceStore;
  readonly scraper: Scraper;
  /** Emits `cycle` with the stack time of each completed scrape cycle (rule evaluation follows it). */
  readonly scrapes = new EventEmitter<{ cycle: [number] }>();
  /** The scrape interval in stack time; rules evaluate on the same grid. */
  readonly scrapeIntervalStackMs: number;
  private readonly serviceOf = new Map<string, string>();
  private readonly traceAnchors = new Map<string, { wallMs: number; stackMs: number }>();
  private readonly onLine = ({ instanceId, line }: { instanceId: string; line: string }): void => {
    this.logs.ingest(line, { service: this.serviceOfInstance(instanceId), replica: instanceId });
  };

  constructor(
    readonly stack: Stack,
    options: TelemetryOptions,
    onScrapeCycleError: (error: unknown) => void,
    onTargetScraped?: (result: TargetScrapeResult) => void,
  ) {
    const scrapeWallMs = Math.max(options.minScrapeWallMs, options.scrapeIntervalMs / stack.clock.speed);
    this.scrapeIntervalStackMs = Math.round(scrapeWallMs * stack.clock.speed);
    const retentionMs = Math.min(options.retentionMs, options.maxSamplesPerSeries * this.scrapeIntervalStackMs);
    this.tsdb = new MemoryStorage({ retentionMs, maxSeries: options.maxSeries });
    this.logs = new LogStore({ capacity: options.maxLogLines, now: () => stack.clock.now(), fromWallMs: (wallMs) => stack.clock.fromWallMs(wallMs) });
    this.traces = new TraceStore({ maxTraces: options.maxTraces, maxSpansPerTrace: options.maxSpansPerTrace });
    this.scraper = new Scraper({
      targets: () => stack.target.instances().map((instance) => ({ replica: instance.id, service: instance.service, url: instance.url })),
      storage: this.tsdb,
      clock: stack.clock,
      scrapeIntervalMs: scrapeWallMs,
      scrapeTimeoutMs: options.scrapeTimeoutMs,
      onCycleError: onScrapeCycleError,
      onCycleComplete: (tMs) => this.scrapes.emit('cycle', tMs),
      ...(onTargetScraped ? { onTargetScraped } : {}),
    });
  }

  /**
   * Spans carry wall time. A trace is moved onto the stack's clock as one block: its first span's
   * start is mapped (`fromWallMs`) and every span keeps its real offset and duration from there,
   * so a trace stays internally consistent while lining up with the metrics of a fast stack.
   */
  addSpans(spans: readonly SpanRecord[]): void {
    const clock = this.stack.clock;
    if (clock.speed === 1) {
      this.traces.addSpans(spans);
      return;
    }
    this.traces.addSpans(
      spans.map((span) => {
        let anchor = this.traceAnchors.get(span.traceId);
        if (!anchor) {
          anchor = { wallMs: span.startMs, stackMs: clock.fromWallMs(span.startMs) };
          this.traceAnchors.set(span.traceId, anchor);
          // Bounded like the trace store: the oldest anchors go first (Map keeps insertion order).
          if (this.traceAnchors.size > MAX_TRACE_ANCHORS) this.traceAnchors.delete(this.traceAnchors.keys().next().value!);
        }
        const shift = anchor.stackMs - anchor.wallMs;
        return { ...span, startMs: span.startMs + shift, endMs: span.endMs + shift };
      }),
    );
  }

  get stackId(): string {
    return this.stack.id;
  }

  start(): void {
    this.stack.target.logs.on('line', this.onLine);
    this.scraper.start();
  }

  async stop(): Promise<void> {
    this.stack.target.logs.off('line', this.onLine);
    await this.scraper.stop();
  }

  private serviceOfInstance(instanceId: string): string {
    let service = this.serviceOf.get(instanceId);
    if (service === undefined) {
      for (const instance of this.stack.target.instances()) this.serviceOf.set(instance.id, instance.service);
      service = this.serviceOf.get(instanceId) ?? 'unknown';
    }
    return service;
  }
}
