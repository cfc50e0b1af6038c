import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppError, parseWith } from '../common/errors.js';
import type { Stack } from '../stacks/stack.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { EventEmitter } from 'node:events';
import type { TargetScrapeResult } from './scrape/scraper.js';
import { DEFAULT_TELEMETRY_OPTIONS, StackTelemetry, type TelemetryOptions } from './stack-telemetry.js';
import { LogsQuerySchema, TracesQuerySchema } from './telemetry-queries.js';
import { logView, targetView, traceSummaryView, traceView } from './telemetry-views.js';
import { OtlpReceiver } from './traces/otlp-receiver.js';

export const TELEMETRY_OPTIONS = Symbol('TELEMETRY_OPTIONS');

/**
 * Per-stack telemetry: created when the registry adds a stack, stopped and dropped when it
 * removes one. Other modules (alerting, the Prometheus API) read `forStack(id).tsdb`.
 */
@Injectable()
export class TelemetryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('telemetry');
  private readonly options: TelemetryOptions;
  private readonly stacks = new Map<string, StackTelemetry>();
  private receiver: OtlpReceiver | undefined;
  /** Every stack's target scrapes, for listeners such as Firedrill's own /metrics. */
  readonly scrapeResults = new EventEmitter<{ target: [TargetScrapeResult] }>();
  private readonly onAdded = (stack: Stack): void => this.attach(stack);
  private readonly onRemoving = (stack: Stack): void => {
    this.detach(stack.id).catch((error: unknown) => this.logger.warn(`telemetry of stack ${stack.id} did not stop cleanly: ${(error as Error).message}`));
  };

  constructor(
    private readonly registry: StackRegistry,
    @Optional() @Inject(TELEMETRY_OPTIONS) options?: Partial<TelemetryOptions>,
  ) {
    this.options = { ...DEFAULT_TELEMETRY_OPTIONS, ...options };
  }

  async onModuleInit(): Promise<void> {
    this.receiver = await OtlpReceiver.start((stackId, spans) => {
      const telemetry = this.stacks.get(stackId);
      telemetry?.addSpans(spans);
      return telemetry !== undefined;
    });
    this.registry.events.on('added', this.onAdded);
    this.registry.events.on('removing', this.onRemoving);
    for (const stack of this.registry.all()) this.attach(stack);
  }

  async onApplicationShutdown(): Promise<void> {
    this.registry.events.off('added', this.onAdded);
    this.registry.events.off('removing', this.onRemoving);
    await Promise.all([...this.stacks.keys()].map((id) => this.detach(id)));
    await this.receiver?.close();
  }

  /** Where a stack's services should send their spans (OTLP/HTTP JSON), to be given at stack start. */
  otlpEndpointFor(stackId: string): string {
    if (!this.receiver) throw new Error('the OTLP receiver has not started');
    return this.receiver.endpointFor(stackId);
  }

  forStack(stackId: string): StackTelemetry {
    const telemetry = this.stacks.get(stackId);
    if (!telemetry) throw AppError.notFound(`stack "${stackId}"`);
    return telemetry;
  }

  searchLogs(stackId: string, query: unknown) {
    const logs = this.forStack(stackId).logs;
    const { q, ...filters } = parseWith(LogsQuerySchema, query ?? {}, ['query']);
    return { entries: logs.search({ ...filters, text: q }).map(logView) };
  }

  listTraces(stackId: string, query: unknown) {
    const traces = this.forStack(stackId).traces;
    return { traces: traces.listTraces(parseWith(TracesQuerySchema, query ?? {}, ['query'])).map(traceSummaryView) };
  }

  getTrace(stackId: string, traceId: string) {
    const tree = this.forStack(stackId).traces.getTrace(traceId);
    if (!tree) throw AppError.notFound(`trace "${traceId}"`);
    return traceView(tree);
  }

  targets(stackId: string) {
    const { scraper } = this.forStack(stackId);
    return {
      scrapeIntervalMs: this.options.scrapeIntervalMs,
      missedTicks: scraper.missedTicks,
      targets: scraper.targets().map(targetView),
    };
  }

  private attach(stack: Stack): void {
    if (this.stacks.has(stack.id)) return;
    const telemetry = new StackTelemetry(
      stack,
      this.options,
      (error) => this.logger.warn(`scrape cycle of stack ${stack.id} failed: ${(error as Error).message}`),
      (result) => this.scrapeResults.emit('target', result),
    );
    this.stacks.set(stack.id, telemetry);
    telemetry.start();
  }

  private async detach(stackId: string): Promise<void> {
    const telemetry = this.stacks.get(stackId);
    if (!telemetry) return;
    this.stacks.delete(stackId);
    await telemetry.stop();
  }
}
