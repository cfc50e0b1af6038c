import type { SpanRecord } from './otlp-json.js';

export interface TraceSummary {
  traceId: string;
  /** The root span; while it has not arrived, the earliest span whose parent is missing. */
  rootService: string | null;
  rootName: string | null;
  /** Earliest span start, epoch ms. */
  start: number;
  /** From the earliest start to the latest end. */
  durationMs: number;
  spanCount: number;
  error: boolean;
  services: string[];
}

export interface SpanNode extends SpanRecord {
  durationMs: number;
  children: SpanNode[];
}

export interface TraceTree {
  summary: TraceSummary;
  /** Spans without a parent in the trace; a span whose parent never arrived is a root too. */
  roots: SpanNode[];
}

export interface TraceQuery {
  /** Traces with at least one span of this service. */
  service?: string;
  minDurationMs?: number;
  error?: boolean;
  /** Inclusive bounds on the trace start, epoch ms. */
  from?: number;
  to?: number;
  limit?: number;
}

export interface TraceStoreOptions {
  maxTraces?: number;
  maxSpansPerTrace?: number;
}

export const DEFAULT_MAX_TRACES = 10_000;
export const DEFAULT_MAX_SPANS_PER_TRACE = 1000;
export const DEFAULT_TRACE_LIMIT = 20;
export const MAX_TRACE_LIMIT = 500;

interface StoredTrace {
  readonly spans: Map<string, SpanRecord>;
  summary: TraceSummary | undefined;
}

/**
 * A stack's recent traces, assembled from spans as they arrive from any service. Bounded by
 * `maxTraces` (the trace seen first is evicted first) and `maxSpansPerTrace`.
 */
export class TraceStore {
  private readonly traces = new Map<string, StoredTrace>();
  private readonly maxTraces: number;
  private readonly maxSpansPerTrace: number;
  droppedSpans = 0;

  constructor(options: TraceStoreOptions = {}) {
    this.maxTraces = options.maxTraces ?? DEFAULT_MAX_TRACES;
    this.maxSpansPerTrace = options.maxSpansPerTrace ?? DEFAULT_MAX_SPANS_PER_TRACE;
  }

  get size(): number {
    return this.traces.size;
  }

  addSpans(spans: Iterable<SpanRecord>): void {
    for (const span of spans) {
      let trace = this.traces.get(span.traceId);
      if (!trace) {
        trace = { spans: new Map(), summary: undefined };
        this.traces.set(span.traceId, trace);
        if (this.traces.size > this.maxTraces) this.traces.delete(this.traces.keys().next().value!);
      }
      if (trace.spans.size >= this.maxSpansPerTrace && !trace.spans.has(span.spanId)) {
        this.droppedSpans++;
        continue;
      }
      trace.spans.set(span.spanId, span);
      trace.summary = undefined;
    }
  }

  /** Matching traces, the latest start first. */
  listTraces(query: TraceQuery = {}): TraceSummary[] {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_TRACE_LIMIT, 1), MAX_TRACE_LIMIT);
    const matches: TraceSummary[] = [];
    for (const [traceId, trace] of this.traces) {
      const summary = (trace.summary ??= summarize(traceId, trace.spans));
      if (query.service !== undefined && !summary.services.includes(query.service)) continue;
      if (query.minDurationMs !== undefined && summary.durationMs < query.minDurationMs) continue;
      if (query.error !== undefined && summary.error !== query.error) continue;
      if (query.from !== undefined && summary.start < query.from) continue;
      if (query.to !== undefined && summary.start > query.to) continue;
      matches.push(summary);
    }
    return matches.sort((a, b) => b.start - a.start || (a.traceId < b.traceId ? -1 : 1)).slice(0, limit);
  }

  getTrace(traceId: string): TraceTree | undefined {
    const id = traceId.toLowerCase();
    const trace = this.traces.get(id);
    if (!trace) return undefined;
    const nodes = new Map<string, SpanNode>();
    for (const span of trace.spans.values()) nodes.set(span.spanId, { ...span, durationMs: span.endMs - span.startMs, children: [] });
    const roots: SpanNode[] = [];
    const attachedTo = new Map<SpanNode, SpanNode>();
    for (const node of nodes.values()) {
      const parent = node.parentSpanId === null ? undefined : nodes.get(node.parentSpanId);
      if (parent && !descendsFrom(parent, node, attachedTo)) {
        parent.children.push(node);
        attachedTo.set(node, parent);
      } else roots.push(node);
    }
    const byStart = (a: SpanNode, b: SpanNode): number => a.startMs - b.startMs || (a.spanId < b.spanId ? -1 : 1);
    const sortTree = (list: SpanNode[]): void => {
      list.sort(byStart);
      for (const node of list) sortTree(node.children);
    };
    sortTree(roots);
    return { summary: (trace.summary ??= summarize(id, trace.spans)), roots };
  }
}

/** Whether `node` already hangs below `ancestor` (malformed parent links must not make a cycle). */
function descendsFrom(node: SpanNode, ancestor: SpanNode, attachedTo: Map<SpanNode, SpanNode>): boolean {
  for (let current: SpanNode | undefined = node; current; current = attachedTo.get(current)) if (current === ancestor) return true;
  return false;
}

function summarize(traceId: string, spans: Map<string, SpanRecord>): TraceSummary {
  let start = Infinity;
  let end = -Infinity;
  let error = false;
  let root: SpanRecord | undefined;
  const services = new Set<string>();
  for (const span of spans.values()) {
    start = Math.min(start, span.startMs);
    end = Math.max(end, span.endMs);
    error ||= span.error;
    services.add(span.service);
    if (isBetterRoot(span, root, spans)) root = span;
  }
  return {
    traceId,
    rootService: root?.service ?? null,
    rootName: root?.name ?? null,
    start,
    durationMs: end - start,
    spanCount: spans.size,
    error,
    services: [...services].sort(),
  };
}

/** A span without a parent beats one whose parent is missing; then the earlier start wins. */
function isBetterRoot(span: SpanRecord, current: SpanRecord | undefined, spans: Map<string, SpanRecord>): boolean {
  if (span.parentSpanId !== null && spans.has(span.parentSpanId)) return false;
  if (!current) return true;
  const rank = (candidate: SpanRecord): number => (candidate.parentSpanId === null ? 0 : 1);
  return rank(span) < rank(current) || (rank(span) === rank(current) && span.startMs < current.startMs);
}
