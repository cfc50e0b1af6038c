import type { LogEntry } from './logs/log-entry.js';
import type { TargetHealth } from './scrape/scraper.js';
import type { SpanNode, TraceSummary, TraceTree } from './traces/trace-store.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

export function logView(entry: LogEntry) {
  const { seq: _seq, line: _line, time, ...rest } = entry;
  return { time: iso(time), ...rest };
}

export function traceSummaryView(summary: TraceSummary) {
  return { ...summary, start: iso(summary.start), durationMs: roundMs(summary.durationMs) };
}

export interface SpanView {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  replica: string | null;
  name: string;
  kind: number;
  start: string;
  /** From the trace start, for drawing a waterfall. */
  offsetMs: number;
  durationMs: number;
  error: boolean;
  attributes: SpanNode['attributes'];
  children: SpanView[];
}

export function traceView(tree: TraceTree) {
  const traceStart = tree.summary.start;
  const spanView = (node: SpanNode): SpanView => ({
    spanId: node.spanId,
    parentSpanId: node.parentSpanId,
    service: node.service,
    replica: node.replica,
    name: node.name,
    kind: node.kind,
    start: iso(node.startMs),
    offsetMs: roundMs(node.startMs - traceStart),
    durationMs: roundMs(node.durationMs),
    error: node.error,
    attributes: node.attributes,
    children: node.children.map(spanView),
  });
  return { ...traceSummaryView(tree.summary), spans: tree.roots.map(spanView) };
}

export function targetView(target: TargetHealth) {
  return {
    ...target,
    lastScrape: target.lastScrape === null ? null : iso(target.lastScrape),
    lastScrapeDurationMs: target.lastScrapeDurationMs === null ? null : roundMs(target.lastScrapeDurationMs),
  };
}
