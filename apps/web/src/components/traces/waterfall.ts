/**
 * A trace as a span waterfall: the span tree flattened in start order with each span's depth,
 * its bar's offset and width as percentages of the trace, its service colour, and which span
 * spent the most time itself (where the time went). Pure, so the layout is tested without a DOM.
 */

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** A span as `GET /api/drills/:id/traces/:traceId` answers it (offsetMs is from the trace start). */
export interface SpanView {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  replica: string | null;
  name: string;
  kind: number;
  start: string;
  offsetMs: number;
  durationMs: number;
  error: boolean;
  attributes: Record<string, AttributeValue>;
  children: SpanView[];
}

export interface TraceSummaryView {
  traceId: string;
  rootService: string | null;
  rootName: string | null;
  start: string;
  durationMs: number;
  spanCount: number;
  error: boolean;
  services: string[];
}

export interface TraceDetailView extends TraceSummaryView {
  spans: SpanView[];
}

export interface WaterfallRow {
  span: SpanView;
  depth: number;
  /** Bar start and width, in percent of the trace's duration (width at least MIN_BAR_PERCENT). */
  leftPercent: number;
  widthPercent: number;
  colour: string;
  /** Time in this span not covered by its children's (merged) intervals, ms. */
  selfMs: number;
  /** The span with the most self time: where the trace spent it. */
  slowest: boolean;
  /** Where the duration label fits: after the bar, before it, or inside it (a bar across the whole track). */
  labelAt: 'after' | 'before' | 'inside';
}

export interface Waterfall {
  rows: WaterfallRow[];
  totalMs: number;
  /** Axis ticks at 0, ¼, ½, ¾ and the end. */
  ticks: Array<{ percent: number; label: string }>;
  /** Service → colour, in the order services first appear. */
  legend: Array<{ service: string; colour: string }>;
}

/** A zero-length span still gets a visible sliver. */
export const MIN_BAR_PERCENT = 0.4;

/** The demo shop's services have fixed colours, so a service looks the same in every trace. */
const SERVICE_COLOURS: Record<string, string> = {
  gateway: '#58a6ff',
  catalog: '#3fb950',
  checkout: '#d2a8ff',
  payments: '#ff7a45',
};
const OTHER_COLOURS = ['#39c5cf', '#d29922', '#f778ba', '#a5d6ff', '#7ee787', '#ffa657'];

export function serviceColour(service: string): string {
  const known = SERVICE_COLOURS[service];
  if (known) return known;
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return OTHER_COLOURS[hash % OTHER_COLOURS.length]!;
}

/** Length of the union of intervals, clipped to [from, to]: children running in parallel count once. */
function coveredMs(intervals: Array<[number, number]>, from: number, to: number): number {
  const clipped = intervals
    .map(([start, end]): [number, number] => [Math.max(start, from), Math.min(end, to)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let cursorEnd = -Infinity;
  for (const [start, end] of clipped) {
    if (start >= cursorEnd) {
      covered += end - start;
      cursorEnd = end;
    } else if (end > cursorEnd) {
      covered += end - cursorEnd;
      cursorEnd = end;
    }
  }
  return covered;
}

export function selfTimeMs(span: SpanView): number {
  const end = span.offsetMs + span.durationMs;
  const children = span.children.map((child): [number, number] => [child.offsetMs, child.offsetMs + child.durationMs]);
  return Math.max(0, span.durationMs - coveredMs(children, span.offsetMs, end));
}

export function layoutWaterfall(trace: Pick<TraceDetailView, 'spans' | 'durationMs'>): Waterfall {
  const flat: Array<{ span: SpanView; depth: number }> = [];
  const visit = (span: SpanView, depth: number) => {
    flat.push({ span, depth });
    [...span.children].sort((a, b) => a.offsetMs - b.offsetMs).forEach((child) => visit(child, depth + 1));
  };
  [...trace.spans].sort((a, b) => a.offsetMs - b.offsetMs).forEach((root) => visit(root, 0));

  // Spans may end after the trace's own duration says (clock skew between replicas): the axis covers them.
  const totalMs = Math.max(trace.durationMs, ...flat.map(({ span }) => span.offsetMs + span.durationMs), 0);
  const percent = (ms: number) => (totalMs > 0 ? (ms / totalMs) * 100 : 0);

  const selfTimes = flat.map(({ span }) => selfTimeMs(span));
  const slowestIndex = selfTimes.reduce((best, value, index) => (value > selfTimes[best]! ? index : best), 0);

  const legend: Waterfall['legend'] = [];
  const rows = flat.map(({ span, depth }, index): WaterfallRow => {
    if (!legend.some((item) => item.service === span.service)) legend.push({ service: span.service, colour: serviceColour(span.service) });
    const leftPercent = Math.min(Math.max(percent(span.offsetMs), 0), 100 - MIN_BAR_PERCENT);
    const widthPercent = Math.min(Math.max(percent(span.durationMs), MIN_BAR_PERCENT), 100 - leftPercent);
    return {
      span,
      depth,
      leftPercent,
      widthPercent,
      colour: serviceColour(span.service),
      selfMs: selfTimes[index]!,
      slowest: flat.length > 1 && index === slowestIndex,
      labelAt: labelPlacement(leftPercent, widthPercent),
    };
  });

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => ({ percent: fraction * 100, label: formatDuration(totalMs * fraction) }));
  return { rows, totalMs, ticks, legend };
}

/** A label needs about a fifth of the track, even on a phone. */
const LABEL_ROOM_PERCENT = 20;

export function labelPlacement(leftPercent: number, widthPercent: number): WaterfallRow['labelAt'] {
  if (leftPercent + widthPercent <= 100 - LABEL_ROOM_PERCENT) return 'after';
  if (leftPercent >= LABEL_ROOM_PERCENT) return 'before';
  return 'inside';
}

/** `850 µs`, `12.3 ms`, `1.00 s`: three significant digits at most, the unit that reads best. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `HH:MM:SS` UTC of an RFC 3339 drill time, as the console shows the drill clock. */
export function utcClock(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString().slice(11, 19);
}

/** OTLP span kinds by number, as people say them. */
export function spanKindName(kind: number): string {
  return ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'][kind] ?? `kind ${kind}`;
}

/** Attribute pairs sorted by key, values as text. */
export function attributePairs(attributes: Record<string, AttributeValue>): Array<[string, string]> {
  return Object.keys(attributes)
    .sort()
    .map((key) => {
      const value = attributes[key];
      return [key, typeof value === 'string' ? value : JSON.stringify(value)];
    });
}
