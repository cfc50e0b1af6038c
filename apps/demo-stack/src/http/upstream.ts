import { Pool, errors } from 'undici';
import type { FaultHooks } from '../agent/fault-hooks.js';
import { SpanKind, type Tracer } from '../telemetry/tracing.js';
import { HttpError } from './http-error.js';

export interface UpstreamResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);
/** How long a replica that refused a connection is skipped (passive health checking). */
const EJECTION_MS = 1000;
const REQUEST_TIMEOUT_MS = 5000;

/**
 * Calls one downstream service, round-robin over its replicas. A replica that refuses the
 * connection (killed, restarting) is ejected briefly and the call goes to the next one; that
 * retry is safe because nothing reached the dead replica.
 */
export class UpstreamClient {
  private replicaUrls: string[];
  private pools: Pool[];
  private ejectedUntil: number[];
  private next = 0;

  constructor(
    readonly service: string,
    urls: readonly string[],
    private readonly tracer: Tracer,
    private readonly hooks: FaultHooks,
  ) {
    this.replicaUrls = [...urls];
    this.pools = urls.map(openPool);
    this.ejectedUntil = urls.map(() => 0);
  }

  get urls(): readonly string[] {
    return this.replicaUrls;
  }

  /**
   * Switches to a new replica set (the service was scaled). Connections to replicas that stay are
   * kept; pools of removed replicas close once their in-flight requests are done.
   */
  async replaceUrls(urls: readonly string[]): Promise<void> {
    if (urls.length === 0) throw new Error(`${this.service} needs at least one replica URL`);
    const previous = new Map(this.replicaUrls.map((url, index) => [url, { pool: this.pools[index]!, ejectedUntil: this.ejectedUntil[index]! }]));
    this.replicaUrls = [...urls];
    this.pools = urls.map((url) => previous.get(url)?.pool ?? openPool(url));
    this.ejectedUntil = urls.map((url) => previous.get(url)?.ejectedUntil ?? 0);
    const kept = new Set(urls);
    await Promise.all([...previous].filter(([url]) => !kept.has(url)).map(([, { pool }]) => pool.close().catch(() => undefined)));
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown, forward: Record<string, string> = {}): Promise<UpstreamResponse> {
    const span = this.tracer.startSpan(`${method} ${this.service}`, SpanKind.client);
    span.setAttribute('peer.service', this.service).setAttribute('http.request.method', method).setAttribute('url.path', path);
    return this.tracer.inSpan(span, async () => {
      const delay = this.hooks.dependencyDelayMs(this.service);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      for (let attempt = 0; attempt < this.pools.length; attempt++) {
        const index = this.pickReplica();
        const pool = this.pools[index]!;
        try {
          const response = await pool.request({
            method,
            path,
            headers: {
              ...forward,
              traceparent: span.traceparent(),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const text = await response.body.text();
          span.setAttribute('http.response.status_code', response.statusCode);
          if (response.statusCode >= 500) span.markError();
          return { status: response.statusCode, body: parseBody(text), headers: flatHeaders(response.headers) };
        } catch (error) {
          if (error instanceof errors.ClientClosedError || error instanceof errors.ClientDestroyedError) continue; // removed by a scale-down before the call left
          if (isConnectFailure(error)) {
            if (this.pools[index] === pool) this.ejectedUntil[index] = Date.now() + EJECTION_MS;
            continue;
          }
          if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
            throw new HttpError(504, `${this.service} did not answer within ${REQUEST_TIMEOUT_MS} ms`);
          }
          throw new HttpError(502, `${this.service} call failed: ${(error as Error).message}`);
        }
      }
      throw new HttpError(503, `no healthy ${this.service} replica`);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
  }

  private pickReplica(): number {
    const now = Date.now();
    for (let tried = 0; tried < this.pools.length; tried++) {
      const index = this.next++ % this.pools.length;
      if (this.ejectedUntil[index]! <= now) return index;
    }
    return this.next++ % this.pools.length;
  }
}

function openPool(url: string): Pool {
  return new Pool(url, { connections: 128, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
}

function isConnectFailure(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const causeCode = ((error as { cause?: { code?: string } } | undefined)?.cause)?.code;
  return CONNECT_FAILURES.has(code ?? '') || CONNECT_FAILURES.has(causeCode ?? '');
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) flat[key] = String(value);
  return flat;
}
