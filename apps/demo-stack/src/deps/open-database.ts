import type { FaultHooks } from '../agent/fault-hooks.js';
import type { ReplicaConfig } from '../config.js';
import { CATALOG_QUERIES } from '../services/catalog.js';
import { PAYMENTS_QUERIES } from '../services/payments.js';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import type { Tracer } from '../telemetry/tracing.js';
import { SimulatedDatabase, type Database } from './database.js';
import { PostgresDatabase } from './postgres-database.js';
import { applicationName } from './postgres-queries.js';

export const DEFAULT_POOL = { max: 10, acquireTimeoutMs: 1000 };

/**
 * The service's database: PostgreSQL when the stack has one (`config.postgres`), the embedded
 * simulation otherwise. Both take the chaos agent's `db` latency hook.
 */
export async function openDatabase(config: ReplicaConfig, parts: { metrics: ServiceMetrics; tracer: Tracer; logger: Logger; hooks: FaultHooks }): Promise<Database> {
  const { metrics, tracer, logger, hooks } = parts;
  const pool = { ...DEFAULT_POOL, ...config.initialConfig.pool };
  const queries = config.service.name === 'catalog' ? CATALOG_QUERIES : PAYMENTS_QUERIES;
  const extraLatencyMs = () => hooks.dependencyDelayMs('db');
  if (!config.postgres) return new SimulatedDatabase({ pool, baseQueryMs: queries, serverCores: 4, extraLatencyMs }, metrics, tracer);
  return PostgresDatabase.open(
    {
      url: config.postgres.url,
      schema: config.postgres.schema,
      applicationName: applicationName(config.stackId, config.replica),
      pool,
      operations: Object.keys(queries),
      extraLatencyMs,
    },
    metrics,
    tracer,
    logger,
  );
}
