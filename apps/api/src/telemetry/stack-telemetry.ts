import { MemoryStorage } from '@firedrill/promql';
import type { Stack } from '../stacks/stack.js';
import { LogStore } from './logs/log-store.js';
import { Scraper } from './scrape/scraper.js';
import { TraceStore } from './traces/trace-store.js';

/**
 * Bounds per stack. The time-series store keeps 6 h of *stack* time (a stack at speed 60 fills
 * it in 6 wall minutes) and at most 50k series, i.e. at most 50k × (6 h / scrape step) samples of
 * 17 bytes; the demo shop has about 1.5k series, so at speed 1 and a 1 s scrape a stack holds
 * at most ~32M samples (~0.5 GB) after 6 h, and far less at higher speeds, where one wall-second
 * scrape covers more stack time. Logs: 50k lines. Traces: 10k traces of at most 1000 spans.
 */
export interface TelemetryOptions {
  scrapeIntervalMs: number;
  scrapeTimeoutMs?: number;
  retentionMs: number;
  maxSeries: number;
  maxLogLines: number;
  maxTraces: number;
  maxSpansPerTrace: number;
}

export const DEFAULT_TELEMETRY_OPTIONS: TelemetryOptions = {
  scrapeIntervalMs: 1000,
  retentionMs: 6 * 3600_000,
  maxSeries: 50_000,
  maxLogLines: 50_000,
  maxTraces: 10_000,
  maxSpansPerTrace: 1000,
};

/** One stack's metrics, logs and traces, and the loop that fills the metrics. */
export class StackTelemetry {
  readonly tsdb: MemoryStorage;
  readonly logs: LogStore;
  readonly traces: TraceStore;
  readonly scraper: Scraper;
  private readonly serviceOf = new Map<string, string>();
  private readonly onLine = ({ instanceId, line }: { instanceId: string; line: string }): void => {
    this.logs.ingest(line, { service: this.serviceOfInstance(instanceId), replica: instanceId });
  };

  constructor(
    readonly stack: Stack,
    options: TelemetryOptions,
    onScrapeCycleError: (error: unknown) => void,
  ) {
    this.tsdb = new MemoryStorage({ retentionMs: options.retentionMs, maxSeries: options.maxSeries });
    this.logs = new LogStore({ capacity: options.maxLogLines, now: () => stack.clock.now() });
    this.traces = new TraceStore({ maxTraces: options.maxTraces, maxSpansPerTrace: options.maxSpansPerTrace });
    this.scraper = new Scraper({
      targets: () => stack.target.instances().map((instance) => ({ replica: instance.id, service: instance.service, url: instance.url })),
      storage: this.tsdb,
      clock: stack.clock,
      scrapeIntervalMs: options.scrapeIntervalMs,
      scrapeTimeoutMs: options.scrapeTimeoutMs,
      onCycleError: onScrapeCycleError,
    });
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
