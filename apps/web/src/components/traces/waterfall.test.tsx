import { describe, expect, it } from 'vitest';
import { MIN_BAR_PERCENT, attributePairs, labelPlacement, formatDuration, layoutWaterfall, selfTimeMs, serviceColour, spanKindName, type SpanView } from './waterfall.js';

const span = (spanId: string, service: string, offsetMs: number, durationMs: number, children: SpanView[] = [], error = false): SpanView => ({
  spanId,
  parentSpanId: null,
  service,
  replica: `${service}-0`,
  name: spanId,
  kind: 2,
  start: '2026-01-01T00:00:00.000Z',
  offsetMs,
  durationMs,
  error,
  attributes: {},
  children,
});

// gateway 0–100 ms → checkout 10–90 → (payments 20–85, cache 30–40), a later sibling first in the list.
const checkoutTrace = () => [
  span('root', 'gateway', 0, 100, [
    span('late', 'gateway', 95, 5),
    span('checkout', 'checkout', 10, 80, [span('charge', 'payments', 20, 65, [], true), span('cache', 'catalog', 30, 10)]),
  ]),
];

describe('layoutWaterfall', () => {
  it('flattens the tree depth first, children in start order, with their depth', () => {
    const { rows } = layoutWaterfall({ spans: checkoutTrace(), durationMs: 100 });
    expect(rows.map((row) => [row.span.spanId, row.depth])).toEqual([
      ['root', 0],
      ['checkout', 1],
      ['charge', 2],
      ['cache', 2],
      ['late', 1],
    ]);
  });

  it('places bars by offset and duration as percentages of the trace', () => {
    const { rows, totalMs } = layoutWaterfall({ spans: checkoutTrace(), durationMs: 100 });
    expect(totalMs).toBe(100);
    const charge = rows.find((row) => row.span.spanId === 'charge')!;
    expect(charge.leftPercent).toBeCloseTo(20);
    expect(charge.widthPercent).toBeCloseTo(65);
  });

  it('marks the span with the most self time, counting parallel children once', () => {
    const { rows } = layoutWaterfall({ spans: checkoutTrace(), durationMs: 100 });
    // charge has 65 ms of its own; checkout 80 − 65 = 15; root 100 − 80 − 5 = 15.
    expect(rows.filter((row) => row.slowest).map((row) => row.span.spanId)).toEqual(['charge']);
    expect(rows.find((row) => row.span.spanId === 'checkout')!.selfMs).toBeCloseTo(15);
  });

  it('keeps zero-length spans visible and bars inside the axis', () => {
    const { rows } = layoutWaterfall({ spans: [span('a', 'x', 0, 10, [span('b', 'x', 10, 0)])], durationMs: 10 });
    const b = rows[1]!;
    expect(b.widthPercent).toBe(MIN_BAR_PERCENT);
    expect(b.leftPercent + b.widthPercent).toBeLessThanOrEqual(100);
  });

  it('stretches the axis to spans that end after the stated duration (clock skew)', () => {
    const { totalMs, rows } = layoutWaterfall({ spans: [span('a', 'x', 0, 10, [span('b', 'y', 5, 15)])], durationMs: 10 });
    expect(totalMs).toBe(20);
    expect(rows[1]!.widthPercent).toBeCloseTo(75);
  });

  it('lists several roots (a parent that never arrived) in start order', () => {
    const { rows } = layoutWaterfall({ spans: [span('second', 'x', 50, 10), span('first', 'y', 0, 10)], durationMs: 60 });
    expect(rows.map((row) => [row.span.spanId, row.depth])).toEqual([
      ['first', 0],
      ['second', 0],
    ]);
  });

  it('has ticks from 0 to the end, and a legend in order of appearance', () => {
    const { ticks, legend } = layoutWaterfall({ spans: checkoutTrace(), durationMs: 100 });
    expect(ticks.map((tick) => tick.label)).toEqual(['0 ms', '25 ms', '50 ms', '75 ms', '100 ms']);
    expect(legend.map((item) => item.service)).toEqual(['gateway', 'checkout', 'payments', 'catalog']);
  });

  it('handles an empty trace', () => {
    expect(layoutWaterfall({ spans: [], durationMs: 0 })).toMatchObject({ rows: [], totalMs: 0 });
  });
});

describe('labelPlacement', () => {
  it('puts the duration after the bar, before it when the bar reaches the end, inside when it spans the track', () => {
    expect(labelPlacement(10, 50)).toBe('after');
    expect(labelPlacement(60, 40)).toBe('before');
    expect(labelPlacement(0, 100)).toBe('inside');
  });
});

describe('selfTimeMs', () => {
  it('clips children that run past their parent', () => {
    expect(selfTimeMs(span('p', 'x', 0, 10, [span('c', 'x', 5, 20)]))).toBe(5);
  });
});

describe('formatting', () => {
  it('formats durations in the unit that reads best', () => {
    expect(formatDuration(0.85)).toBe('850 µs');
    expect(formatDuration(12.345)).toBe('12.3 ms');
    expect(formatDuration(1003.9)).toBe('1.00 s');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
  });
  it('gives known services fixed colours and others a stable one', () => {
    expect(serviceColour('payments')).toBe(serviceColour('payments'));
    expect(serviceColour('gateway')).not.toBe(serviceColour('payments'));
    expect(serviceColour('inventory')).toBe(serviceColour('inventory'));
  });
  it('names span kinds and lists attributes sorted', () => {
    expect(spanKindName(3)).toBe('client');
    expect(attributePairs({ 'http.status': 503, 'db.system': 'sim' })).toEqual([
      ['db.system', 'sim'],
      ['http.status', '503'],
    ]);
  });
});
