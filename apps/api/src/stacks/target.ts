import type { ServiceConfigPatch } from '@firedrill/demo-stack/protocol';
import type { ServiceName } from '@firedrill/scenarios';
import type { EventEmitter } from 'node:events';

export type InstanceState = 'starting' | 'running' | 'backoff' | 'stopped';

export interface InstanceView {
  id: string;
  service: ServiceName;
  port: number;
  url: string;
  pid: number | null;
  restarts: number;
  state: InstanceState;
  healthy: boolean;
  lastExit: { code: number | null; signal: string | null; at: string } | null;
}

export interface ScaleResult {
  service: ServiceName;
  /** Replicas of the service after scaling. */
  replicas: number;
  added: string[];
  removed: string[];
  /** Added replicas that did not become ready in time (they stay, and keep being supervised). */
  notReady: string[];
}

export interface ReplicaRestart {
  id: string;
  oldPid: number | null;
  newPid: number | null;
  ready: boolean;
}

/**
 * Where a stack's services run. The embedded target supervises child processes on loopback; the
 * Kubernetes target (kubernetes/kubernetes-target.ts) attaches to the demo stack deployed in an
 * allow-listed namespace and implements the same operations through the Kubernetes API.
 */
export interface StackTarget {
  readonly kind: 'embedded' | 'kubernetes';
  readonly gatewayUrl: string;
  /** Secret the chaos agents in this stack's services accept. */
  readonly agentToken: string;
  /** Log lines of the instances, when the target collects them (Kubernetes does not: it emits none). */
  readonly logs: EventEmitter<{ line: [{ instanceId: string; line: string }] }>;
  /** The instances as last seen (the Kubernetes target refreshes its view of the pods periodically). */
  instances(service?: ServiceName): InstanceView[];
  /** Brings `instances()` up to date now, where the view is a cache (Kubernetes). */
  refresh?(): Promise<void>;
  /** Kills an instance as the platform would kill a pod (SIGKILL / delete with grace 0); it is replaced. */
  kill(instanceId: string): void | Promise<void>;
  /**
   * While set, new instances of `service` crash at start-up until `untilWallMs` (a bad release).
   * Optional: Kubernetes has no such hook (the image decides how a pod starts).
   */
  setCrashLoop?(service: ServiceName, untilWallMs: number | undefined): void;
  /** Restarts instances of `service` that wait in back-off now, without waiting out the back-off (embedded only). */
  restartWaiting?(service: ServiceName): void;
  /** Adds or removes replicas; callers of the service learn the new replica set. */
  scale(service: ServiceName, replicas: number): Promise<ScaleResult>;
  /** Rolling restart: one replica at a time, each waited for until ready; stops at one that is not. */
  restart(service: ServiceName): Promise<ReplicaRestart[]>;
  /** Changes run-time settings in every running replica, and in every replica started later. */
  configure(service: ServiceName, patch: ServiceConfigPatch): Promise<string[]>;
  /** Called whenever an instance (re)starts and is ready for traffic. */
  onInstanceReady(listener: (instance: InstanceView) => void): () => void;
  stop(): Promise<void>;
}
