import { request } from 'undici';
import type { FinishedSpan } from './tracing.js';

export interface ExporterOptions {
  /** Base URL of an OTLP/HTTP receiver; spans are posted to `${endpoint}/v1/traces`. */
  readonly endpoint: string;
  readonly resource: Record<string, string>;
  readonly flushIntervalMs?: number;
  readonly maxBatch?: number;
  /** Spans beyond this are dropped (and counted) rather than growing memory without bound. */
  readonly maxQueue?: number;
}

/** Batches finished spans and posts them as OTLP/HTTP JSON. Export failures never affect requests. */
export class OtlpHttpExporter {
  private queue: FinishedSpan[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  dropped = 0;
  failedExports = 0;

  constructor(private readonly options: ExporterOptions) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  add(spans: FinishedSpan[]): void {
    const room = (this.options.maxQueue ?? 10_000) - this.queue.length;
    if (room < spans.length) this.dropped += spans.length - Math.max(room, 0);
    this.queue.push(...spans.slice(0, Math.max(room, 0)));
    if (this.queue.length >= (this.options.maxBatch ?? 512)) void this.flush();
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxBatch ?? 512);
    this.flushing = this.post(batch).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async post(batch: FinishedSpan[]): Promise<void> {
    try {
      const response = await request(new URL('v1/traces', withSlash(this.options.endpoint)), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toOtlpJson(batch, this.options.resource)),
        headersTimeout: 2000,
        bodyTimeout: 2000,
      });
      await response.body.dump();
      if (response.statusCode >= 300) this.failedExports++;
    } catch {
      this.failedExports++;
    }
  }
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

function attribute(key: string, value: string | number | boolean): object {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  return Number.isInteger(value) ? { key, value: { intValue: String(value) } } : { key, value: { doubleValue: value } };
}

export function toOtlpJson(spans: FinishedSpan[], resource: Record<string, string>): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: Object.entries(resource).map(([key, value]) => attribute(key, value)) },
        scopeSpans: [
          {
            scope: { name: 'firedrill-demo-stack', version: '0.1.0' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: span.kind,
              startTimeUnixNano: span.startNs.toString(),
              endTimeUnixNano: span.endNs.toString(),
              attributes: Object.entries(span.attributes).map(([key, value]) => attribute(key, value)),
              status: { code: span.error ? 2 : 1 },
            })),
          },
        ],
      },
    ],
  };
}
