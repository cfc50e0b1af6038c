import { PodKillParamsSchema } from '@firedrill/demo-stack/protocol';
import type { z } from 'zod';
import { serviceTargetSchema, type FaultContext, type FaultKind, type FaultRecord } from '../fault-kind.js';

type PodKillParams = z.infer<typeof PodKillParamsSchema>;

/**
 * Kills replicas with SIGKILL; the supervisor restarts them after its back-off. With crashLoop,
 * replicas started while the fault lasts fail their start-up. The crash deadline travels with
 * each start, so it lapses by itself if nobody renews it.
 */
export const podKillFault: FaultKind<PodKillParams> = {
  kind: 'pod-kill',
  summary: 'Kills one, N or all replicas of a service (SIGKILL); optionally they crash-loop for the fault\'s duration.',
  effect: 'replicas restart (restart count rises, up = 0 while down); with crashLoop, 5xx until the fault ends.',
  targetSchema: serviceTargetSchema,
  paramsSchema: PodKillParamsSchema,
  validate: () => [],
  async inject(context, fault) {
    const { target } = context.stack;
    const running = target.instances(fault.target.service).filter((instance) => instance.state === 'running');
    if (running.length === 0) throw new Error(`no running replica of ${fault.target.service} to kill`);
    if (fault.params.crashLoop) extendCrashLoop(context, fault);
    const count = fault.params.count === 'all' ? running.length : Math.min(fault.params.count, running.length);
    for (const victim of shuffle(running).slice(0, count)) target.kill(victim.id);
  },
  async renew(context, fault) {
    if (fault.params.crashLoop) extendCrashLoop(context, fault);
  },
  async revert(context, fault) {
    context.stack.target.setCrashLoop(fault.target.service, undefined);
    context.stack.target.restartWaiting(fault.target.service);
  },
  async status(context, fault) {
    return context.stack.target.instances(fault.target.service).map((instance) => ({
      instance: instance.id,
      applied: instance.state !== 'running',
      detail: `${instance.state}, ${instance.restarts} restarts`,
    }));
  },
};

function extendCrashLoop(context: FaultContext, fault: FaultRecord<PodKillParams>): void {
  context.stack.target.setCrashLoop(fault.target.service, Date.now() + context.leaseWallMs);
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
