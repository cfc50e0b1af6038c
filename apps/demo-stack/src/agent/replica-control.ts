import type { Database } from '../deps/database.js';
import type { ReadThroughCache } from '../deps/read-through-cache.js';
import { RedisCache } from '../deps/redis-cache.js';
import { setEvictionPolicy } from '../deps/redis-memory.js';
import type { UpstreamClient } from '../http/upstream.js';
import type { Logger } from '../telemetry/logger.js';
import { LONG_QUERY_MS, type AgentOperation, type AgentOperationInput, type AgentOperationResult, type ServiceConfigPatch } from './protocol.js';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the agent's control routes may change in a running replica (besides faults). */
export interface ReplicaControl {
  currentConfig(): unknown;
  updateConfig(patch: ServiceConfigPatch): unknown;
  upstreams(): Record<string, readonly string[]>;
  /** Replaces the replica lists of the named downstream services (after a scale). */
  setUpstreams(upstreams: Record<string, string[]>): Promise<Record<string, readonly string[]>>;
  operate(op: AgentOperation, input?: AgentOperationInput): Promise<AgentOperationResult>;
}

export interface ReplicaParts {
  readonly service: string;
  readonly logger: Logger;
  readonly database?: Database;
  readonly cache?: ReadThroughCache;
  readonly upstreams: Record<string, UpstreamClient>;
}

export function replicaControl(parts: ReplicaParts): ReplicaControl {
  const { service, logger, database, cache, upstreams } = parts;
  const control: ReplicaControl = {
    currentConfig: () => ({
      cache: cache?.policy,
      pool: database ? { max: database.pool().maxConnections, acquireTimeoutMs: database.pool().acquireTimeoutMs } : undefined,
    }),
    updateConfig(patch) {
      if (patch.cache && !cache) throw new ControlError(422, `${service} has no cache to configure`);
      if (patch.pool && !database) throw new ControlError(422, `${service} has no database pool to configure`);
      if (patch.cache && cache) cache.policy = { ...cache.policy, ...patch.cache };
      if (patch.pool && database) {
        if (patch.pool.max !== undefined) database.pool().resize(patch.pool.max);
        if (patch.pool.acquireTimeoutMs !== undefined) database.pool().setAcquireTimeout(patch.pool.acquireTimeoutMs);
      }
      logger.info('configuration changed', { change: JSON.stringify(patch) });
      return control.currentConfig();
    },
    upstreams: () => Object.fromEntries(Object.entries(upstreams).map(([name, client]) => [name, client.urls])),
    async setUpstreams(update) {
      const unknown = Object.keys(update).filter((name) => !upstreams[name]);
      if (unknown.length > 0) throw new ControlError(422, `${service} does not call ${unknown.join(', ')}`);
      await Promise.all(Object.entries(update).map(([name, urls]) => upstreams[name]!.replaceUrls(urls)));
      logger.info('upstreams changed', { upstreams: JSON.stringify(update) });
      return control.upstreams();
    },
    async operate(op, input = {}) {
      const result = await runOperation(op, input, parts);
      logger.warn(`operator ran ${op}`, { op, count: result.count });
      return result;
    },
  };
  return control;
}

async function runOperation(op: AgentOperation, input: AgentOperationInput, { service, database, cache }: ReplicaParts): Promise<AgentOperationResult> {
  switch (op) {
    case 'cache-flush': {
      if (!cache) throw new ControlError(422, `${service} has no cache`);
      const count = await cache.flush();
      return { op, count, detail: `flushed ${count} cache entries` };
    }
    case 'cache-warm': {
      if (!cache) throw new ControlError(422, `${service} has no cache`);
      const count = await cache.warmNow();
      return { op, count, detail: `warmed ${count} hot keys` };
    }
    case 'pool-kill-queries': {
      if (!database) throw new ControlError(422, `${service} has no database`);
      const count = await database.killLongQueries(LONG_QUERY_MS);
      return { op, count, detail: `cancelled ${count} queries running longer than ${LONG_QUERY_MS} ms` };
    }
    case 'restore-index': {
      const index = database?.lookupIndex;
      if (!index) throw new ControlError(422, `${service} has no PostgreSQL lookup index (the stack needs dependencies.database: postgres)`);
      const created = await index.restore();
      return { op, count: created ? 1 : 0, detail: created ? `recreated index ${index.name}` : `index ${index.name} was already present` };
    }
    case 'cache-eviction-policy': {
      // A server setting of the stack's Redis (shared by every replica), so one replica suffices.
      if (!cache) throw new ControlError(422, `${service} has no cache`);
      if (!(cache.cache instanceof RedisCache)) throw new ControlError(422, `${service}'s cache is in memory: an eviction policy needs dependencies.cache "redis"`);
      if (!input.policy) throw new ControlError(400, 'cache-eviction-policy needs {"policy": …}');
      const previous = await setEvictionPolicy(cache.cache, input.policy);
      return { op, count: 1, detail: `maxmemory-policy ${previous} → ${input.policy}` };
    }
  }
}
