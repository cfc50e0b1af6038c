import type { ServiceName } from '@firedrill/scenarios';

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

/**
 * Where a stack's services run. The embedded target supervises child processes on loopback;
 * compose and Kubernetes targets implement the same operations against their platforms.
 */
export interface StackTarget {
  readonly kind: 'embedded';
  readonly gatewayUrl: string;
  /** Secret the chaos agents in this stack's services accept. */
  readonly agentToken: string;
  instances(service?: ServiceName): InstanceView[];
  /** Kills an instance as the platform would kill a pod (SIGKILL); it is restarted after a back-off. */
  kill(instanceId: string): void;
  /** While set, new instances of `service` crash at start-up until `untilWallMs` (a bad release). */
  setCrashLoop(service: ServiceName, untilWallMs: number | undefined): void;
  /** Restarts instances of `service` that wait in back-off now, without waiting out the back-off. */
  restartWaiting(service: ServiceName): void;
  /** Called whenever an instance (re)starts and is ready for traffic. */
  onInstanceReady(listener: (instance: InstanceView) => void): () => void;
  stop(): Promise<void>;
}
