import { toOtlpJson } from '@firedrill/demo-stack';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanRecord } from './otlp-json.js';
import { OtlpReceiver } from './otlp-receiver.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const body = JSON.stringify(
  toOtlpJson([{ traceId: TRACE, spanId: 'b7ad6b7169203331', name: 'GET /', kind: 2, startNs: 1_000_000n, endNs: 3_000_000n, attributes: {}, error: false }], {
    'service.name': 'gateway',
  }),
);

describe('OtlpReceiver', () => {
  let receiver: OtlpReceiver;
  const received: Array<[string, SpanRecord[]]> = [];

  beforeAll(async () => {
    receiver = await OtlpReceiver.start((stackId, spans) => {
      if (stackId !== 'stk-1') return false;
      received.push([stackId, spans]);
      return true;
    });
  });
  afterAll(() => receiver.close());

  const post = async (url: string, payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await request(url, { method: 'POST', headers, body: payload });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };

  it('accepts OTLP/HTTP JSON at the stack\'s endpoint and hands the spans over', async () => {
    const endpoint = receiver.endpointFor('stk-1');
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/otlp\/[0-9a-f]{32}\/stk-1$/);
    expect(await post(`${endpoint}/v1/traces`, body)).toEqual({ status: 200, body: {} });
    expect(await post(`${endpoint}/v1/traces`, gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual({ status: 200, body: {} });
    expect(received).toHaveLength(2);
    expect(received[0]![1]).toEqual([expect.objectContaining({ traceId: TRACE, service: 'gateway', startMs: 1, endMs: 3 })]);
  });

  it('reports rejected spans as a partial success', async () => {
    const bad = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'x' }] }] }] });
    expect(await post(`${receiver.endpointFor('stk-1')}/v1/traces`, bad)).toEqual({
      status: 200,
      body: { partialSuccess: { rejectedSpans: '1', errorMessage: 'invalid traceId "x"' } },
    });
  });

  it('refuses a wrong secret, an unknown stack, protobuf and broken JSON', async () => {
    const endpoint = receiver.endpointFor('stk-1');
    expect((await post(`${receiver.baseUrl}/otlp/${'0'.repeat(32)}/stk-1/v1/traces`, body)).status).toBe(404);
    expect(await post(`${receiver.endpointFor('stk-2')}/v1/traces`, body)).toEqual({ status: 404, body: { message: 'unknown stack' } });
    expect((await post(`${endpoint}/v1/traces`, body, { 'content-type': 'application/x-protobuf' })).status).toBe(415);
    expect(await post(`${endpoint}/v1/traces`, '{"resourceSpans": [')).toEqual({ status: 400, body: { message: 'body is not valid JSON' } });
    const get = await request(`${endpoint}/v1/traces`);
    expect(get.statusCode).toBe(405);
    await get.body.dump();
  });
});
