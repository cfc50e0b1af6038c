import type { AgentFault } from '@firedrill/demo-stack/protocol';
import { findService, SERVICE_NAMES, type ServiceName, type ServiceSpec, type StackProfile } from '@firedrill/scenarios';
import { z } from 'zod';
import type { Problem } from '../common/errors.js';
import type { Stack } from '../stacks/stack.js';
import type { AgentClient } from './agent-client.js';

/** What a fault may need to know of the stack it is for (its real or embedded dependencies). */
export type StackDependencies = Pick<StackProfile, 'dependencies'>;

export interface FaultTarget {
  service: ServiceName;
  dependency?: string;
}

/** A fault as the engine tracks it; `params` are the kind's parameters with defaults filled in. */
export interface FaultRecord<P = Record<string, unknown>> {
  id: string;
  stackId: string;
  kind: string;
  target: FaultTarget;
  params: P;
  /** Lease length in stack-clock milliseconds. */
  leaseMs: number;
}

export interface InstanceFaultStatus {
  instance: string;
  applied: boolean;
  detail?: string;
}

export interface FaultContext {
  readonly stack: Stack;
  readonly agents: AgentClient;
  /** The lease in wall milliseconds, as the replicas' own timers count it. */
  readonly leaseWallMs: number;
}

/**
 * One kind of fault. Each kind lives in its own file under kinds/ and is listed in registry.ts.
 * inject/renew/revert are idempotent: renew re-applies, and revert of a reverted fault is a no-op.
 */
export interface FaultKind<P = Record<string, unknown>> {
  readonly kind: string;
  readonly summary: string;
  readonly targetSchema: z.ZodType<FaultTarget>;
  readonly paramsSchema: z.ZodType<P>;
  /** What the fault does to the stack's metrics (documentation, shown in the OpenAPI description). */
  readonly effect: string;
  /**
   * Checks the target against the demo shop (e.g. the service has a database) and, when the
   * stack is known, against its dependencies (e.g. index-drop needs a real PostgreSQL).
   */
  validate(target: FaultTarget, params: P, stack?: StackDependencies): Problem[];
  inject(context: FaultContext, fault: FaultRecord<P>): Promise<void>;
  renew(context: FaultContext, fault: FaultRecord<P>): Promise<void>;
  revert(context: FaultContext, fault: FaultRecord<P>): Promise<void>;
  status(context: FaultContext, fault: FaultRecord<P>): Promise<InstanceFaultStatus[]>;
  /** Brings a freshly (re)started instance up to date with this active fault. */
  onInstanceReady?(context: FaultContext, fault: FaultRecord<P>, instanceId: string): Promise<void>;
}

export const serviceTargetSchema = z
  .object({ service: z.enum(SERVICE_NAMES as [ServiceName, ...ServiceName[]]) })
  .strict() as z.ZodType<FaultTarget>;

export function serviceSpec(target: FaultTarget): ServiceSpec {
  return findService(target.service)!;
}

/** Shared body of the kinds carried out by the chaos agent inside each replica of the service. */
export function agentBackedKind<P>(definition: {
  kind: AgentFault['kind'];
  summary: string;
  effect: string;
  paramsSchema: z.ZodType<P>;
  targetSchema?: z.ZodType<FaultTarget>;
  validate?: (target: FaultTarget, params: P, stack?: StackDependencies) => Problem[];
  /** The agent-side fault; `context` gives the stack, e.g. its clock speed for rates in stack time. */
  toAgentFault: (target: FaultTarget, params: P, context: FaultContext) => AgentFault;
}): FaultKind<P> {
  const address = (context: FaultContext, url: string) => ({ url, token: context.stack.target.agentToken });
  const running = (context: FaultContext, fault: FaultRecord<P>) =>
    context.stack.target.instances(fault.target.service).filter((instance) => instance.state === 'running');
  const applyTo = async (context: FaultContext, fault: FaultRecord<P>, urls: string[]): Promise<PromiseSettledResult<void>[]> =>
    Promise.allSettled(
      urls.map((url) => context.agents.apply(address(context, url), fault.id, definition.toAgentFault(fault.target, fault.params, context), context.leaseWallMs)),
    );
  return {
    kind: definition.kind,
    summary: definition.summary,
    effect: definition.effect,
    paramsSchema: definition.paramsSchema,
    targetSchema: definition.targetSchema ?? serviceTargetSchema,
    validate: definition.validate ?? (() => []),
    async inject(context, fault) {
      const results = await applyTo(context, fault, running(context, fault).map((instance) => instance.url));
      const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (results.length === 0 || failures.length === results.length) {
        const why = failures.map((failure) => (failure.reason as Error).message).join('; ') || 'no running replica';
        throw new Error(`no replica of ${fault.target.service} accepted the fault: ${why}`);
      }
    },
    async renew(context, fault) {
      const results = await applyTo(context, fault, running(context, fault).map((instance) => instance.url));
      const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) throw failure.reason as Error;
    },
    async revert(context, fault) {
      const instances = context.stack.target.instances(fault.target.service);
      const results = await Promise.allSettled(instances.map((instance) => context.agents.revert(address(context, instance.url), fault.id)));
      const failure = results.find(
        (result, index): result is PromiseRejectedResult => result.status === 'rejected' && instances[index]!.state === 'running',
      );
      // A replica that is down holds no fault (faults live in process memory), so only live ones count.
      if (failure) throw failure.reason as Error;
    },
    async status(context, fault) {
      return Promise.all(
        context.stack.target.instances(fault.target.service).map(async (instance) => {
          if (instance.state !== 'running') return { instance: instance.id, applied: false, detail: instance.state };
          try {
            const faults = await context.agents.list(address(context, instance.url));
            return { instance: instance.id, applied: faults.some((applied) => applied.id === fault.id) };
          } catch (error) {
            return { instance: instance.id, applied: false, detail: (error as Error).message };
          }
        }),
      );
    },
    async onInstanceReady(context, fault, instanceId) {
      const instance = context.stack.target.instances(fault.target.service).find((candidate) => candidate.id === instanceId);
      if (instance) await applyTo(context, fault, [instance.url]);
    },
  };
}
