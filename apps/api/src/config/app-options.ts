import { resolve } from 'node:path';
import { parseNamespaceList } from '../stacks/kubernetes/namespace-policy.js';
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
  /** The Kubernetes target (FIREDRILL_K8S_*); without namespaces it is refused. */
  kubernetes?: KubernetesOptions;
}

/** Where Kubernetes stacks may attach (see docs/kubernetes.md). */
export interface KubernetesOptions {
  /** FIREDRILL_K8S_NAMESPACES: the only namespaces Firedrill touches; kube-system & co. are refused regardless. */
  namespaces: string[];
  /** KUBECONFIG (one file); without it, in-cluster config inside a pod, else ~/.kube/config. */
  kubeconfigPath?: string;
  /** FIREDRILL_K8S_AGENT_TOKEN: the token in the demo stack's chaos-agent Secret. */
  agentToken?: string;
  /** How often a Kubernetes stack's pods are listed (ms); default 2000. */
  refreshMs?: number;
}

/** Reads the Kubernetes target's settings; a KUBECONFIG listing several files is left to the client's default chain. */
export function kubernetesFromEnv(env: NodeJS.ProcessEnv): KubernetesOptions {
  const kubeconfig = env.KUBECONFIG && !env.KUBECONFIG.includes(':') ? env.KUBECONFIG : undefined;
  return {
    namespaces: parseNamespaceList(env.FIREDRILL_K8S_NAMESPACES),
    kubeconfigPath: kubeconfig,
    agentToken: env.FIREDRILL_K8S_AGENT_TOKEN || undefined,
  };
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
  /**
   * The `--time-scale` the real Prometheus's rules were exported with (FIREDRILL_PROMETHEUS_TIME_SCALE,
   * default 1). It runs on wall time, so a stack with `alertSource: prometheus` must run at exactly
   * this speed (docs/real-monitoring.md).
   */
  prometheusTimeScale?: number;
}

/** Reads the real components from the environment; empty values are absent. */
export function componentsFromEnv(env: NodeJS.ProcessEnv): RealComponents {
  const pick = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  return {
    redisUrl: pick('FIREDRILL_REDIS_URL'),
    postgresUrl: pick('FIREDRILL_POSTGRES_URL'),
    prometheusUrl: pick('FIREDRILL_PROMETHEUS_URL'),
    alertmanagerUrl: pick('FIREDRILL_ALERTMANAGER_URL'),
    prometheusTimeScale: positiveNumber('FIREDRILL_PROMETHEUS_TIME_SCALE', pick('FIREDRILL_PROMETHEUS_TIME_SCALE')),
  };
}

function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');

export const DEFAULT_OPTIONS: AppOptions = {
  host: '127.0.0.1',
  port: 4400,
  dataDir: resolve('.firedrill'),
  maxStacks: 8,
};
