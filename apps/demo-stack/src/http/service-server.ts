import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ChaosAgent } from '../agent/chaos-agent.js';
import type { FaultHooks } from '../agent/fault-hooks.js';
import { AGENT_PATH, AGENT_TOKEN_HEADER } from '../agent/protocol.js';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { SpanKind, parseTraceparent, type Tracer } from '../telemetry/tracing.js';
import { handleAgentRequest } from '../agent/agent-routes.js';
import type { ReplicaControl } from '../agent/replica-control.js';
import { HttpError } from './http-error.js';
import { matchRoute, readJson, type HandlerResult, type RouteHandler } from './router.js';

export interface ServiceServerOptions {
  readonly service: string;
  readonly handlers: readonly RouteHandler[];
  readonly metrics: ServiceMetrics;
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly hooks: FaultHooks;
  readonly agent: ChaosAgent;
  readonly control: ReplicaControl;
  readonly agentToken: string;
}

/** The HTTP front of a replica: its routes (instrumented), /metrics, /healthz and the agent. */
export function createServiceServer(options: ServiceServerOptions): Server {
  const hungScrapes = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void dispatch(options, req, res, hungScrapes);
  });
  server.keepAliveTimeout = 65_000;
  server.on('close', () => hungScrapes.forEach((res) => res.destroy()));
  return server;
}

async function dispatch(options: ServiceServerOptions, req: IncomingMessage, res: ServerResponse, hungScrapes: Set<ServerResponse>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://replica');
  const path = url.pathname;
  try {
    if (path === AGENT_PATH || path.startsWith(`${AGENT_PATH}/`)) {
      if (!tokenMatches(req.headers[AGENT_TOKEN_HEADER], options.agentToken)) {
        return send(res, { status: 401, body: { error: `missing or wrong ${AGENT_TOKEN_HEADER} header` } });
      }
      return send(res, await handleAgentRequest(options.agent, options.control, req, path.slice(AGENT_PATH.length)));
    }
    if (path === '/metrics' && req.method === 'GET') return await serveMetrics(options, req, res, hungScrapes);
    if (path === '/healthz') return send(res, { status: 200, body: { status: 'ok', service: options.service } });
  } catch (error) {
    return send(res, errorResult(error, options.logger));
  }
  await serveRoute(options, req, res, url);
}

async function serveMetrics(options: ServiceServerOptions, req: IncomingMessage, res: ServerResponse, hungScrapes: Set<ServerResponse>): Promise<void> {
  const block = options.hooks.metricsBlock();
  if (block === 'reset') {
    req.socket.destroy();
    return;
  }
  if (block === 'hang') {
    // Never answer; the scraper times out. The socket is freed when the client gives up.
    hungScrapes.add(res);
    res.on('close', () => hungScrapes.delete(res));
    return;
  }
  const body = await options.metrics.exposition();
  res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
  res.end(body);
}

async function serveRoute(options: ServiceServerOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { metrics, tracer, logger, hooks, service } = options;
  const method = req.method ?? 'GET';
  const match = matchRoute(options.handlers, method, url.pathname);
  const route = match?.handler.route ?? 'unmatched';
  const started = performance.now();
  const span = tracer.startSpan(`${method} ${route}`, SpanKind.server, parseTraceparent(req.headers.traceparent));
  span.setAttribute('http.request.method', method).setAttribute('http.route', route).setAttribute('service.name', service);
  const result = await tracer.inSpan(span, async (): Promise<HandlerResult> => {
    try {
      if (!match) throw new HttpError(404, `no route for ${method} ${url.pathname}`);
      const delay = hooks.requestDelayMs(route);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const injected = hooks.requestErrorStatus(route);
      if (injected !== undefined) return { status: injected, body: { error: 'internal error' } };
      return await match.handler.handle({ req, params: match.params, query: url.searchParams, json: () => readJson(req) });
    } catch (error) {
      return errorResult(error, logger);
    }
  });
  span.setAttribute('http.response.status_code', result.status);
  if (result.status >= 500) span.markError();
  send(res, result);
  const seconds = (performance.now() - started) / 1000;
  if (match) {
    metrics.httpRequests.inc({ service, route, method, status: String(result.status) });
    metrics.httpDuration.observe({ service, route, method }, seconds);
  }
  const level = result.status >= 500 ? 'error' : result.status >= 400 ? 'warn' : 'info';
  const errorMessage = result.status >= 400 ? (result.body as { error?: string } | undefined)?.error : undefined;
  logger.log(level, `${method} ${url.pathname} ${result.status}`, {
    trace_id: span.traceId,
    span_id: span.spanId,
    method,
    route,
    status: result.status,
    duration_ms: Math.round(seconds * 10_000) / 10,
    error: errorMessage,
  });
}

function errorResult(error: unknown, logger: Logger): HandlerResult {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message } };
  if (error instanceof Error && error.name === 'PoolTimeoutError') {
    return { status: 503, body: { error: `database unavailable: ${error.message}` } };
  }
  logger.error('unhandled error', { error: error instanceof Error ? error.message : String(error) });
  return { status: 500, body: { error: 'internal error' } };
}

function send(res: ServerResponse, result: HandlerResult): void {
  if (res.headersSent || res.destroyed) return;
  const payload = result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, { 'content-type': 'application/json', ...result.headers });
  res.end(payload);
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
