import { MemoryStorage } from '@firedrill/promql';
import type { Stack } from '../stacks/stack.js';
import { LogStore } from './logs/log-store.js';
import { Scraper } from './scrape/scraper.js';
import { TraceStore } from './traces/trace-store.js';

/**
 * Bounds per stack. The time-series store keeps `retentionMs` of *stack* time (6 h), but never
 * more than `maxRetentionWallMs` of wall time (2 h): a stack at speed 1 keeps 2 h, one at speed 3
 * or more keeps 6 h of its own time. Scraping once a wall second, a series thus holds at most
 * 7200 samples of 17 bytes (~120 kB, up to twice that while its arrays grow); the demo shop has
 * ~850 series, so ~105 MB per stack at most, and the store refuses series beyond `maxSeries`
 * (50k). Logs: 50k lines. Traces: 10k traces of at most 1000 spans each.
 */
export interface TelemetryOptions {
  /** Wall ms between scrapes; samples are stamped with the stack clock. */
  scrapeIntervalMs: number;
  scrapeTimeoutMs?: number;
  retentionMs: number;
  maxRetentionWallMs: number;
  maxSeries: number;
  maxLogLines: number;
  maxTraces: number;
  maxSpansPerTrace: number;
}

export const DEFAULT_TELEMETRY_OPTIONS: TelemetryOptions = {
  scrapeIntervalMs: 1000,
  retentionMs: 6 * 3600_000,
  maxRetentionWallMs: 2 * 3600_000,
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
    const retentionMs = Math.min(options.retentionMs, options.maxRetentionWallMs * stack.clock.speed);
    this.tsdb = new MemoryStorage({ retentionMs, maxSeries: options.maxSeries });
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
