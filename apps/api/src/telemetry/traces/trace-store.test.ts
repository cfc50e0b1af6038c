import { toOtlpJson } from '@firedrill/demo-stack';
import { describe, expect, it } from 'vitest';
import { parseOtlpTraces, type SpanRecord } from './otlp-json.js';
import { TraceStore } from './trace-store.js';

const T1 = '0af7651916cd43dd8448eb211c80319c';
const T2 = '4bf92f3577b34da6a3ce929d0e0e4736';
const id = (n: number): string => n.toString(16).padStart(16, '0');

function span(trace: string, n: number, parent: number | null, service: string, startMs: number, endMs: number, error = false): SpanRecord {
  return { traceId: trace, spanId: id(n), parentSpanId: parent === null ? null : id(parent), service, replica: `${service}-0`, name: `${service} op${n}`, kind: 2, startMs, endMs, error, attributes: {} };
}

describe('parseOtlpTraces', () => {
  it('reads what the demo services export: resource service, ids, nanosecond times, status, attributes', () => {
    const body = toOtlpJson(
      [
        {
          traceId: T1,
          spanId: id(1),
          name: 'GET /products',
          kind: 2,
          startNs: 1_767_225_600_123_456_789n,
          endNs: 1_767_225_600_223_456_789n,
          attributes: { 'http.status_code': 200, 'http.route': '/products', cached: true, ratio: 0.5 },
          error: false,
        },
        { traceId: T1, spanId: id(2), parentSpanId: id(1), name: 'db query', kind: 3, startNs: 1n, endNs: 2n, attributes: {}, error: true },
      ],
      { 'service.name': 'catalog', 'service.instance.id': 'catalog-1' },
    );
    const { spans, rejected } = parseOtlpTraces(JSON.parse(JSON.stringify(body)));
    expect(rejected).toBe(0);
    expect(spans[0]).toEqual({
      traceId: T1,
      spanId: id(1),
      parentSpanId: null,
      service: 'catalog',
      replica: 'catalog-1',
      name: 'GET /products',
      kind: 2,
      startMs: 1_767_225_600_123.456,
      endMs: 1_767_225_600_223.456,
      error: false,
      attributes: { 'http.status_code': 200, 'http.route': '/products', cached: true, ratio: 0.5 },
    });
    expect(spans[1]).toMatchObject({ parentSpanId: id(1), error: true, kind: 3 });
  });

  it('rejects bad spans one by one and keeps the rest', () => {
    const good = { traceId: T1, spanId: id(1), name: 'ok', startTimeUnixNano: '1000000', endTimeUnixNano: '2000000' };
    const { spans, rejected, errors } = parseOtlpTraces({
      resourceSpans: [
        {
          scopeSpans: [
            { spans: [good, { ...good, traceId: 'nothex' }, { ...good, spanId: '0000000000000000' }, { ...good, startTimeUnixNano: '-5' }, 'junk'] },
          ],
        },
        null,
        { scopeSpans: 'not a list' },
      ],
    });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ service: 'unknown_service', replica: null, startMs: 1, endMs: 2 });
    expect(rejected).toBe(4);
    expect(errors[0]).toBe('invalid traceId "nothex"');
    expect(parseOtlpTraces([]).rejected).toBe(1);
  });
});

describe('TraceStore', () => {
  it('assembles spans from several services into a tree, children sorted by start', () => {
    const traces = new TraceStore();
    traces.addSpans([span(T1, 3, 1, 'catalog', 120, 180), span(T1, 4, 3, 'catalog', 130, 170, true)]);
    traces.addSpans([span(T1, 1, null, 'gateway', 100, 200), span(T1, 2, 1, 'gateway', 105, 110)]);
    const tree = traces.getTrace(T1.toUpperCase())!;
    expect(tree.summary).toEqual({ traceId: T1, rootService: 'gateway', rootName: 'gateway op1', start: 100, durationMs: 100, spanCount: 4, error: true, services: ['catalog', 'gateway'] });
    expect(tree.roots.map((n) => n.spanId)).toEqual([id(1)]);
    expect(tree.roots[0]!.children.map((n) => [n.spanId, n.durationMs])).toEqual([[id(2), 5], [id(3), 60]]);
    expect(tree.roots[0]!.children[1]!.children[0]!.service).toBe('catalog');
    expect(traces.getTrace(T2)).toBeUndefined();
  });

  it('shows spans whose parent never arrived as roots, and survives a parent cycle', () => {
    const traces = new TraceStore();
    traces.addSpans([span(T1, 2, 9, 'catalog', 50, 60), span(T1, 5, 6, 'x', 1, 2), span(T1, 6, 5, 'x', 3, 4)]);
    const tree = traces.getTrace(T1)!;
    expect(tree.summary.rootService).toBe('catalog');
    expect(tree.roots.map((n) => n.spanId)).toEqual([id(6), id(2)]);
    expect(tree.roots[0]!.children.map((n) => n.spanId)).toEqual([id(5)]);
  });

  it('lists traces newest first, filtered by service, duration, error and time', () => {
    const traces = new TraceStore();
    traces.addSpans([span(T1, 1, null, 'gateway', 100, 400), span(T1, 2, 1, 'payments', 150, 390, true)]);
    traces.addSpans([span(T2, 1, null, 'gateway', 200, 210)]);
    const ids = (query: Parameters<TraceStore['listTraces']>[0]) => traces.listTraces(query).map((t) => t.traceId);
    expect(ids({})).toEqual([T2, T1]);
    expect(ids({ service: 'payments' })).toEqual([T1]);
    expect(ids({ minDurationMs: 100 })).toEqual([T1]);
    expect(ids({ error: false })).toEqual([T2]);
    expect(ids({ error: true })).toEqual([T1]);
    expect(ids({ from: 150 })).toEqual([T2]);
    expect(ids({ to: 150 })).toEqual([T1]);
    expect(ids({ limit: 1 })).toEqual([T2]);
  });

  it('evicts the trace seen first beyond maxTraces and caps spans per trace', () => {
    const traces = new TraceStore({ maxTraces: 2, maxSpansPerTrace: 2 });
    const trace = (n: number): string => n.toString(16).padStart(32, 'a');
    for (let n = 1; n <= 3; n++) traces.addSpans([span(trace(n), 1, null, 'gateway', n, n + 1)]);
    expect(traces.size).toBe(2);
    expect(traces.getTrace(trace(1))).toBeUndefined();
    traces.addSpans([span(trace(3), 2, 1, 'gateway', 3, 4), span(trace(3), 3, 1, 'gateway', 3, 4)]);
    expect(traces.getTrace(trace(3))!.summary.spanCount).toBe(2);
    expect(traces.droppedSpans).toBe(1);
  });
});
