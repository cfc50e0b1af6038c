import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** OTLP span kinds (the numbers of the OTLP protobuf enum, as OTLP/JSON carries them). */
export const SpanKind = { internal: 1, server: 2, client: 3 } as const;
type SpanKindValue = (typeof SpanKind)[keyof typeof SpanKind];
type AttributeValue = string | number | boolean;

export interface SpanContext {
  readonly traceId: string;
  readonly spanId: string;
}

export interface FinishedSpan extends SpanContext {
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: SpanKindValue;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: Record<string, AttributeValue>;
  readonly error: boolean;
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);

export class Span implements SpanContext {
  readonly spanId = randomBytes(8).toString('hex');
  readonly traceId: string;
  private readonly startNs = nowNs();
  private readonly attributes: Record<string, AttributeValue> = {};
  private ended = false;
  private failed = false;

  constructor(
    private readonly tracer: Tracer,
    readonly name: string,
    readonly kind: SpanKindValue,
    readonly parent: SpanContext | undefined,
  ) {
    this.traceId = parent?.traceId ?? randomBytes(16).toString('hex');
  }

  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value;
    return this;
  }

  markError(): this {
    this.failed = true;
    return this;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.tracer.record({
      traceId: this.traceId,
      spanId: this.spanId,
      parentSpanId: this.parent?.spanId,
      name: this.name,
      kind: this.kind,
      startNs: this.startNs,
      endNs: nowNs(),
      attributes: this.attributes,
      error: this.failed,
    });
  }

  /** W3C trace-context header naming this span as the parent of a downstream call. */
  traceparent(): string {
    return `00-${this.traceId}-${this.spanId}-01`;
  }
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function parseTraceparent(header: string | string[] | undefined): SpanContext | undefined {
  if (typeof header !== 'string') return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match || match[1] === 'ff' || /^0+$/.test(match[2]!) || /^0+$/.test(match[3]!)) return undefined;
  return { traceId: match[2]!, spanId: match[3]! };
}

export type SpanSink = (spans: FinishedSpan[]) => void;

/** Spans of the request being handled travel through async calls with AsyncLocalStorage. */
export class Tracer {
  private readonly active = new AsyncLocalStorage<Span>();
  private sink: SpanSink | undefined;

  setSink(sink: SpanSink | undefined): void {
    this.sink = sink;
  }

  current(): Span | undefined {
    return this.active.getStore();
  }

  startSpan(name: string, kind: SpanKindValue, parent: SpanContext | undefined = this.current()): Span {
    return new Span(this, name, kind, parent);
  }

  /** Runs `work` with `span` as the current span and ends the span when the work settles. */
  async inSpan<T>(span: Span, work: (span: Span) => Promise<T>): Promise<T> {
    try {
      return await this.active.run(span, () => work(span));
    } catch (error) {
      span.markError();
      throw error;
    } finally {
      span.end();
    }
  }

  record(span: FinishedSpan): void {
    this.sink?.([span]);
  }
}
