import type { StackView } from '../../api/types.js';

export interface StackSummary {
  id: string;
  replicas: string;
  restarts: number;
  unhealthy: string[];
  activeFaults: string[];
  errorRate: string;
  p95: string;
}

/** Shapes a stack for the status table: the numbers an on-call engineer scans first. */
export function summariseStack(stack: StackView): StackSummary {
  const replicas = stack.services.flatMap((service) => service.replicas);
  const completed = stack.load.ok + stack.load.serverErrors + stack.load.networkErrors;
  const failed = stack.load.serverErrors + stack.load.networkErrors;
  return {
    id: stack.id,
    replicas: `${replicas.filter((replica) => replica.healthy).length}/${replicas.length} healthy`,
    restarts: replicas.reduce((sum, replica) => sum + replica.restarts, 0),
    unhealthy: replicas.filter((replica) => !replica.healthy).map((replica) => `${replica.id} (${replica.state})`),
    activeFaults: stack.faults.filter((fault) => fault.state === 'active').map((fault) => `${fault.kind} → ${fault.target.service}${fault.target.dependency ? `/${fault.target.dependency}` : ''}`),
    errorRate: completed === 0 ? '–' : `${((100 * failed) / completed).toFixed(1)}%`,
    p95: stack.load.latencyMs.p95 === null ? '–' : `${stack.load.latencyMs.p95} ms`,
  };
}
