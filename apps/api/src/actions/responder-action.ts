import { findService, SERVICE_NAMES, type ServiceName, type ServiceSpec } from '@firedrill/scenarios';
import type { AgentOperation } from '@firedrill/demo-stack/protocol';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import type { AgentClient } from '../faults/agent-client.js';
import type { Stack } from '../stacks/stack.js';

/** A fault the rollback reverted: one whose scenario step names a release of the service. */
export interface RolledBackFault {
  faultId: string;
  stepId?: string;
  release?: string;
}

/**
 * Supplied by the caller (the drill engine): reverts the drill's faults whose step has `release`
 * for this service and answers what it reverted. Outside a drill there is nothing to roll back.
 */
export type RollbackPort = (service: ServiceName) => Promise<RolledBackFault[]>;

export interface ActionContext {
  readonly stack: Stack;
  readonly agents: AgentClient;
  readonly rollback?: RollbackPort;
}

/**
 * One responder action of the allow-list. Each lives in its own file under kinds/ and is listed
 * in registry.ts. Its params schema is strict (unknown keys are refused) and includes `service`.
 */
export interface ResponderAction<P extends { service: ServiceName } = { service: ServiceName }> {
  readonly name: string;
  readonly summary: string;
  readonly paramsSchema: z.ZodType<P>;
  execute(context: ActionContext, params: P): Promise<{ result: string }>;
}

export const serviceSchema = z.enum(SERVICE_NAMES as [ServiceName, ...ServiceName[]]).describe('the service to act on');

/** A refinement: the service must have a cache or a database for the action to mean anything. */
export function requires(dependency: 'cache' | 'database') {
  return (params: { service: ServiceName }, context: z.core.$RefinementCtx): void => {
    const spec = findService(params.service) as ServiceSpec;
    if (spec[dependency]) return;
    const owners = SERVICE_NAMES.filter((name) => findService(name)![dependency]);
    context.addIssue({ code: 'custom', path: ['service'], message: `${params.service} has no ${dependency} (${owners.join(' and ')} ${owners.length > 1 ? 'have' : 'has'} one)` });
  };
}

/**
 * Runs a one-shot operation in every running replica of the service through its chaos agent and
 * adds up what they did. Fails when no replica did it.
 */
export async function operateOnReplicas(context: ActionContext, service: ServiceName, op: AgentOperation, noun: string): Promise<{ result: string }> {
  const running = context.stack.target.instances(service).filter((instance) => instance.state === 'running');
  if (running.length === 0) throw new AppError('conflict', `no running replica of ${service} to run ${op} on`);
  const token = context.stack.target.agentToken;
  const outcomes = await Promise.allSettled(running.map((instance) => context.agents.operate({ url: instance.url, token }, op)));
  const done = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [`${running[index]!.id}: ${(outcome.reason as Error).message}`] : []));
  if (done.length === 0) throw new AppError('action_failed', `${op} failed on every replica of ${service}: ${failed.join('; ')}`);
  const count = done.reduce((sum, outcome) => sum + outcome.count, 0);
  const partial = failed.length > 0 ? `; failed on ${failed.join('; ')}` : '';
  return { result: `${noun.replace('{count}', String(count))} on ${done.length} of ${running.length} running ${service} replica(s)${partial}` };
}
