import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ChaosAgent } from './agent/chaos-agent.js';
import { FaultHooks } from './agent/fault-hooks.js';
import { replicaControl } from './agent/replica-control.js';
import type { ReplicaRuntime } from './agent/runtime.js';
import type { ReplicaConfig } from './config.js';
import { InMemoryCache } from './deps/cache.js';
import type { Database } from './deps/database.js';
import { openDatabase } from './deps/open-database.js';
import { DEFAULT_CACHE_POLICY, ReadThroughCache } from './deps/read-through-cache.js';
import { RedisCache } from './deps/redis-cache.js';
import { recoverAbandonedMemoryFault } from './deps/redis-memory.js';
import { createServiceServer } from './http/service-server.js';
import { UpstreamClient } from './http/upstream.js';
import type { RouteHandler } from './http/router.js';
import { CATALOG_HOT_KEYS, catalogHandlers, catalogLoader } from './services/catalog.js';
import { checkoutHandlers } from './services/checkout.js';
import { gatewayHandlers } from './services/gateway.js';
import { paymentsHandlers } from './services/payments.js';
import { Logger } from './telemetry/logger.js';
import { ServiceMetrics } from './telemetry/metrics.js';
import { OtlpHttpExporter } from './telemetry/otlp-exporter.js';
import { Tracer } from './telemetry/tracing.js';

export { DEFAULT_POOL } from './deps/open-database.js';

export interface RunningReplica {
  readonly url: string;
  readonly port: number;
  readonly agent: ChaosAgent;
  close(): Promise<void>;
}

/** Wires one replica of a demo-shop service and starts listening. */
export async function startReplica(config: ReplicaConfig, logWrite?: (line: string) => void): Promise<RunningReplica> {
  const { service } = config;
  const tracer = new Tracer();
  const logger = new Logger(service.name, config.replica, tracer, logWrite);
  const metrics = new ServiceMetrics(service.name);
  metrics.initialiseRoutes(service.routes);
  const exporter = config.otlpEndpoint
    ? new OtlpHttpExporter({
        endpoint: config.otlpEndpoint,
        resource: { 'service.name': service.name, 'service.instance.id': config.replica, 'firedrill.stack': config.stackId },
      })
    : undefined;
  tracer.setSink(exporter ? (spans) => exporter.add(spans) : undefined);

  const hooks = new FaultHooks();
  const upstreams = Object.fromEntries(
    service.downstream.map((name) => [name, new UpstreamClient(name, config.upstreams[name]!, tracer, hooks)]),
  );
  // PostgreSQL when the stack has one (config.postgres), the simulation otherwise.
  const database: Database | undefined = service.database ? await openDatabase(config, { metrics, tracer, logger, hooks }) : undefined;
  // A real Redis when the stack asked for one (keys under the stack's prefix), else the in-process map.
  const redisCache = service.cache && database && config.redis ? new RedisCache({ ...config.redis, replica: config.replica }) : undefined;
  if (redisCache) {
    // A memory fault whose replicas all died unreverted is put back before this replica serves.
    await recoverAbandonedMemoryFault(redisCache.redis, redisCache.prefix).catch((error: Error) =>
      logger.warn('could not check Redis for an abandoned memory fault', { error: error.message }),
    );
  }
  const cache =
    service.cache && database
      ? new ReadThroughCache(
          redisCache ?? new InMemoryCache(),
          { ...DEFAULT_CACHE_POLICY, ...config.initialConfig.cache },
          catalogLoader(database),
          CATALOG_HOT_KEYS,
          metrics,
          tracer,
          () => hooks.dependencyDelayMs('cache'),
        )
      : undefined;

  const runtime: ReplicaRuntime = { service, logger, hooks, database, cache };
  const agent = new ChaosAgent(runtime, metrics);
  const handlers = handlersFor(service.name, { database, cache, upstreams });
  const control = replicaControl({ service: service.name, logger, database, cache, upstreams });
  const server = createServiceServer({
    service: service.name,
    handlers,
    metrics,
    tracer,
    logger,
    hooks,
    agent,
    control,
    agentToken: config.agentToken,
  });
  await listen(server, config.host, config.port);
  const port = (server.address() as AddressInfo).port;
  logger.info('listening', { port });
  return {
    url: `http://${config.host}:${port}`,
    port,
    agent,
    close: async () => {
      await agent.revertAll('shutdown');
      cache?.stop();
      await redisCache?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all(Object.values(upstreams).map((client) => client.close()));
      await database?.close();
      await exporter?.close();
    },
  };
}

function handlersFor(
  name: string,
  deps: { database?: Database; cache?: ReadThroughCache; upstreams: Record<string, UpstreamClient> },
): RouteHandler[] {
  switch (name) {
    case 'gateway':
      return gatewayHandlers(deps.upstreams.catalog!, deps.upstreams.checkout!);
    case 'catalog':
      return catalogHandlers(deps.cache!);
    case 'checkout':
      return checkoutHandlers(deps.upstreams.payments!);
    case 'payments':
      return paymentsHandlers(deps.database!);
    default:
      throw new Error(`no handlers for service ${name}`);
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
