import { fileURLToPath } from 'node:url';

export * from './agent/protocol.js';
export { startReplica, DEFAULT_POOL, type RunningReplica } from './replica.js';
export { configFromEnv, type ReplicaConfig } from './config.js';
export { toOtlpJson } from './telemetry/otlp-exporter.js';
export { cleanUpRedisStack } from './deps/redis-memory.js';

/** Path of the replica entry point, for supervisors that start replicas as processes. */
export const REPLICA_ENTRY = fileURLToPath(new URL('./main.js', import.meta.url));
export { dropPostgresSchema } from './deps/postgres-database.js';
