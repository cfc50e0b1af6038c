import type { ServiceName } from '@firedrill/scenarios';
import type { AgentClient } from '../../faults/agent-client.js';
import type { Stack } from '../../stacks/stack.js';
import type { InstanceView } from '../../stacks/target.js';
import type { ActionContext, RollbackPort } from '../responder-action.js';

/** A fake stack and agent client for the actions' unit tests: no processes, calls recorded. */
export function fakeContext(options: { replicas?: Partial<Record<ServiceName, number>>; rollback?: RollbackPort; failingOps?: boolean } = {}) {
  const counts: Record<ServiceName, number> = { gateway: 1, catalog: 2, checkout: 1, payments: 2, ...options.replicas };
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const instances = (service?: ServiceName): InstanceView[] =>
    (Object.entries(counts) as Array<[ServiceName, number]>)
      .filter(([name]) => !service || name === service)
      .flatMap(([name, count]) =>
        Array.from({ length: count }, (_, index) => ({
          id: `${name}-${index}`,
          service: name,
          port: 9000 + index,
          url: `http://127.0.0.1:${9000 + index}`,
          pid: 100 + index,
          restarts: 0,
          state: 'running' as const,
          healthy: true,
          lastExit: null,
        })),
      );
  const target = {
    agentToken: 'token-0123456789abcdef',
    instances,
    async scale(service: ServiceName, replicas: number) {
      calls.push({ method: 'scale', args: [service, replicas] });
      const before = counts[service];
      counts[service] = replicas;
      const ids = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => `${service}-${from + i}`);
      return { service, replicas, added: ids(before, replicas), removed: ids(replicas, before), notReady: [] as string[] };
    },
    async restart(service: ServiceName) {
      calls.push({ method: 'restart', args: [service] });
      return instances(service).map((instance) => ({ id: instance.id, oldPid: instance.pid, newPid: (instance.pid ?? 0) + 1000, ready: true }));
    },
    async configure(service: ServiceName, patch: unknown) {
      calls.push({ method: 'configure', args: [service, patch] });
      return instances(service).map((instance) => instance.id);
    },
  };
  const agents = {
    async operate(agent: { url: string }, op: string, input?: unknown) {
      calls.push({ method: 'operate', args: input === undefined ? [agent.url, op] : [agent.url, op, input] });
      if (options.failingOps) throw new Error('agent unreachable');
      return { op, count: 3, detail: '' };
    },
  };
  const context: ActionContext = { stack: { id: 'stk-test', target } as unknown as Stack, agents: agents as unknown as AgentClient, rollback: options.rollback };
  return { context, calls, counts };
}
