import type { V1Pod } from '@kubernetes/client-node';
import { SERVICE_NAMES, type ServiceName } from '@firedrill/scenarios';
import type { InstanceState, InstanceView } from '../target.js';

/** Labels the demo stack's manifests (deploy/k8s/demo-stack.yaml) put on every pod, and the target selects by. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const DEMO_PART_OF = 'firedrill-demo';

export function demoSelector(service?: ServiceName): string {
  return service ? `${PART_OF_LABEL}=${DEMO_PART_OF},${NAME_LABEL}=${service}` : `${PART_OF_LABEL}=${DEMO_PART_OF}`;
}

/** The container port named `http` (the service and its chaos agent share it), else the first one. */
export function httpPort(pod: Pick<V1Pod, 'spec'>): number {
  const ports = pod.spec?.containers.flatMap((container) => container.ports ?? []) ?? [];
  return (ports.find((port) => port.name === 'http') ?? ports[0])?.containerPort ?? 8080;
}

/** A demo pod as an instance; undefined for a pod without a demo-shop service name. */
export function podView(pod: V1Pod): InstanceView | undefined {
  const service = pod.metadata?.labels?.[NAME_LABEL] as ServiceName | undefined;
  if (!service || !SERVICE_NAMES.includes(service) || !pod.metadata?.name) return undefined;
  const statuses = pod.status?.containerStatuses ?? [];
  const port = httpPort(pod);
  const ip = pod.status?.podIP;
  const terminated = statuses.map((status) => status.lastState?.terminated).find((last) => last !== undefined);
  const state = podState(pod);
  return {
    id: pod.metadata.name,
    service,
    port,
    url: ip ? `http://${ip.includes(':') ? `[${ip}]` : ip}:${port}` : '',
    pid: null,
    restarts: statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0),
    state,
    healthy: state === 'running',
    lastExit: terminated
      ? { code: terminated.exitCode ?? null, signal: terminated.signal !== undefined ? String(terminated.signal) : (terminated.reason ?? null), at: toIso(terminated.finishedAt) }
      : null,
  };
}

function podState(pod: V1Pod): InstanceState {
  if (pod.metadata?.deletionTimestamp) return 'stopped';
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return 'stopped';
  const waiting = (pod.status?.containerStatuses ?? []).some((status) => status.state?.waiting?.reason === 'CrashLoopBackOff');
  if (waiting) return 'backoff';
  const ready = pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True');
  return phase === 'Running' && ready && pod.status?.podIP ? 'running' : 'starting';
}

function toIso(value: Date | string | undefined): string {
  if (value === undefined) return new Date(0).toISOString();
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
