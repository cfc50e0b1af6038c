export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly service: string;
  /** `service.instance.id` of the resource: the replica. */
  readonly replica: string | null;
  readonly name: string;
  /** OTLP span kind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  /** Epoch ms with microsecond precision. */
  readonly startMs: number;
  readonly endMs: number;
  /** OTLP status code 2 (error). */
  readonly error: boolean;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface ParsedOtlp {
  spans: SpanRecord[];
  /** Spans left out, with the first reasons (OTLP's partial success). */
  rejected: number;
  errors: string[];
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const NANOS = /^\d{1,20}$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An OTLP AnyValue as plain JSON: `{ stringValue }`, `{ intValue: "12" }`, arrays, key-value lists. */
export function anyValue(value: unknown): AttributeValue {
  if (!isObject(value)) return null;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (isObject(value.arrayValue)) return arrayOf(value.arrayValue.values).map(anyValue);
  if (isObject(value.kvlistValue)) return attributesOf(value.kvlistValue.values);
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  return null;
}

function attributesOf(list: unknown): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const item of arrayOf(list)) if (isObject(item) && typeof item.key === 'string') attributes[item.key] = anyValue(item.value);
  return attributes;
}

/** Nanoseconds since the epoch (a decimal string in OTLP/JSON, sometimes a number) to epoch ms. */
function nanosToMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value / 1e6;
  if (typeof value !== 'string' || !NANOS.test(value)) return undefined;
  return Number(BigInt(value) / 1000n) / 1000;
}

/**
 * Reads an OTLP/HTTP JSON `ExportTraceServiceRequest`. Ids are hex in OTLP/JSON (not base64 as in
 * proto3 JSON). A span that cannot be read is rejected alone; the rest of the batch is kept.
 */
export function parseOtlpTraces(body: unknown): ParsedOtlp {
  const result: ParsedOtlp = { spans: [], rejected: 0, errors: [] };
  const reject = (reason: string): void => {
    result.rejected++;
    if (result.errors.length < 5) result.errors.push(reason);
  };
  if (!isObject(body)) {
    reject('request body is not a JSON object');
    return result;
  }
  for (const resourceSpans of arrayOf(body.resourceSpans)) {
    if (!isObject(resourceSpans)) continue;
    const resource = attributesOf(isObject(resourceSpans.resource) ? resourceSpans.resource.attributes : undefined);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
    const replica = typeof resource['service.instance.id'] === 'string' ? resource['service.instance.id'] : null;
    const scopes = [...arrayOf(resourceSpans.scopeSpans), ...arrayOf(resourceSpans.instrumentationLibrarySpans)];
    for (const scope of scopes) {
      for (const span of arrayOf(isObject(scope) ? scope.spans : undefined)) {
        const record = isObject(span) ? toSpanRecord(span, service, replica) : 'span is not an object';
        if (typeof record === 'string') reject(record);
        else result.spans.push(record);
      }
    }
  }
  return result;
}

function toSpanRecord(span: Json, service: string, replica: string | null): SpanRecord | string {
  const traceId = typeof span.traceId === 'string' ? span.traceId.toLowerCase() : '';
  const spanId = typeof span.spanId === 'string' ? span.spanId.toLowerCase() : '';
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return `invalid traceId ${JSON.stringify(span.traceId)}`;
  if (!SPAN_ID.test(spanId) || /^0+$/.test(spanId)) return `invalid spanId ${JSON.stringify(span.spanId)}`;
  const parent = typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? span.parentSpanId.toLowerCase() : null;
  if (parent !== null && !SPAN_ID.test(parent)) return `invalid parentSpanId ${JSON.stringify(span.parentSpanId)}`;
  const startMs = nanosToMs(span.startTimeUnixNano);
  const endMs = nanosToMs(span.endTimeUnixNano);
  if (startMs === undefined || endMs === undefined) return `span ${spanId} has invalid start or end time`;
  const status = isObject(span.status) ? span.status : {};
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    service,
    replica,
    name: typeof span.name === 'string' ? span.name : '',
    kind: typeof span.kind === 'number' ? span.kind : 0,
    startMs,
    endMs: Math.max(endMs, startMs),
    error: status.code === 2 || status.code === 'STATUS_CODE_ERROR',
    attributes: attributesOf(span.attributes),
  };
}
