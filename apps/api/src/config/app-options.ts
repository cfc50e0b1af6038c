import { resolve } from 'node:path';
import type { ReplicaNetwork } from '../stacks/embedded/replica-network.js';

export interface AppOptions {
  host: string;
  port: number;
  /** Where the fault ledger and credentials live. */
  dataDir: string;
  /** The facilitator credential; generated and stored in dataDir on first run when absent. */
  adminToken?: string;
  /** Built web UI to serve at /, when present. */
  webDist?: string;
  /** At most this many stacks at once: each one is six processes. */
  maxStacks: number;
  /** Real servers a stack may use instead of the embedded stand-ins (from FIREDRILL_* variables). */
  components?: RealComponents;
  /** Where embedded replicas listen and are advertised (FIREDRILL_REPLICA_HOST, …); loopback when absent. */
  replicaNetwork?: ReplicaNetwork;
}

/**
 * Where the real components are. A stack whose profile asks for one that is not configured is
 * refused with a 400 naming the variable; a real Redis or PostgreSQL serves one stack at a time,
 * because its faults (maxmemory, a dropped index, a held pool) touch the whole server.
 */
export interface RealComponents {
  /** redis://127.0.0.1:6379 */
  redisUrl?: string;
  /** postgres://user:password@127.0.0.1:5432/firedrill */
  postgresUrl?: string;
  /** http://127.0.0.1:9090: the Prometheus that watches stacks with `alertSource: prometheus`. */
  prometheusUrl?: string;
  /** http://127.0.0.1:9093 */
  alertmanagerUrl?: string;
}

/** Reads the real components from the environment; empty values are absent. */
export function componentsFromEnv(env: NodeJS.ProcessEnv): RealComponents {
  const pick = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  return {
    redisUrl: pick('FIREDRILL_REDIS_URL'),
    postgresUrl: pick('FIREDRILL_POSTGRES_URL'),
    prometheusUrl: pick('FIREDRILL_PROMETHEUS_URL'),
    alertmanagerUrl: pick('FIREDRILL_ALERTMANAGER_URL'),
  };
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');

export const DEFAULT_OPTIONS: AppOptions = {
  host: '127.0.0.1',
  port: 4400,
  dataDir: resolve('.firedrill'),
  maxStacks: 8,
};
