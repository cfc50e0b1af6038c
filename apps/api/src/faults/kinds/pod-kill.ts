import { PodKillParamsSchema } from '@firedrill/demo-stack/protocol';
import { z } from 'zod';
import type { InstanceView } from '../../stacks/target.js';
import { serviceTargetSchema, type FaultContext, type FaultKind, type FaultRecord } from '../fault-kind.js';
import { seededRandom } from '../../common/seeded-random.js';

/**
 * The agent protocol's parameters plus a selection mode: `one`, `count` (the `count` field) or
 * `percent` of the matching replicas (rounded up, at least one). Without `mode`, `count` decides,
 * as it always did. `seed` makes the choice of victims repeatable.
 */
export const PodKillKindParamsSchema = PodKillParamsSchema.extend({
  mode: z.enum(['one', 'count', 'percent']).optional().describe('how many matching replicas to kill: one, count (the count field) or percent'),
  percent: z.number().min(1).max(100).optional().describe('with mode percent: the share of matching replicas to kill, rounded up'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional().describe('picks the same victims for the same replicas every time'),
})
  .strict()
  .superRefine((params, issues) => {
    if (params.mode === 'percent' && params.percent === undefined) issues.addIssue({ code: 'custom', path: ['percent'], message: 'mode percent needs percent (1–100)' });
    if (params.mode !== 'percent' && params.percent !== undefined) issues.addIssue({ code: 'custom', path: ['percent'], message: 'percent is only for mode percent' });
  });

type PodKillParams = z.infer<typeof PodKillKindParamsSchema>;

/**
 * Kills replicas: SIGKILL on the embedded target (its supervisor restarts them after a back-off),
 * pod deletion with grace 0 on Kubernetes (the ReplicaSet replaces them). With crashLoop (embedded
 * only), replicas started while the fault lasts fail their start-up; the crash deadline travels
 * with each start, so it lapses by itself if nobody renews it.
 */
export const podKillFault: FaultKind<PodKillParams> = {
  kind: 'pod-kill',
  summary: 'Kills one, N, a percentage or all replicas of a service (SIGKILL, or pod deletion on Kubernetes); optionally they crash-loop for the fault\'s duration.',
  effect: 'replicas restart (restart count rises, up = 0 while down); with crashLoop, 5xx until the fault ends.',
  targetSchema: serviceTargetSchema,
  paramsSchema: PodKillKindParamsSchema,
  validate: () => [],
  async inject(context, fault) {
    const { target } = context.stack;
    if (fault.params.crashLoop && !target.setCrashLoop) {
      throw new Error(`crashLoop is not supported on the ${target.kind} target: a pod's start-up is decided by its image, not by Firedrill`);
    }
    await target.refresh?.();
    const running = target.instances(fault.target.service).filter((instance) => instance.state === 'running');
    if (running.length === 0) throw new Error(`no running replica of ${fault.target.service} to kill`);
    if (fault.params.crashLoop) extendCrashLoop(context, fault);
    const random = fault.params.seed === undefined ? Math.random : seededRandom(fault.params.seed);
    await Promise.all(pickVictims(running, fault.params, random).map((victim) => target.kill(victim.id)));
  },
  async renew(context, fault) {
    if (fault.params.crashLoop) extendCrashLoop(context, fault);
  },
  async revert(context, fault) {
    context.stack.target.setCrashLoop?.(fault.target.service, undefined);
    context.stack.target.restartWaiting?.(fault.target.service);
  },
  async status(context, fault) {
    return context.stack.target.instances(fault.target.service).map((instance) => ({
      instance: instance.id,
      applied: instance.state !== 'running',
      detail: `${instance.state}, ${instance.restarts} restarts`,
    }));
  },
};

/** How many of `available` replicas the parameters ask for (never more than there are, never none). */
export function victimCount(available: number, params: Pick<PodKillParams, 'mode' | 'count' | 'percent'>): number {
  const wanted =
    params.mode === 'one' ? 1
    : params.mode === 'percent' ? Math.ceil((available * (params.percent ?? 100)) / 100)
    : params.count === 'all' ? available
    : params.count;
  return Math.max(1, Math.min(available, wanted));
}

/** Picks victims at random; the same `random` sequence and replicas give the same victims. */
export function pickVictims(running: InstanceView[], params: Pick<PodKillParams, 'mode' | 'count' | 'percent'>, random: () => number): InstanceView[] {
  // Sorted first, so the choice depends on the replicas and the random sequence, not on list order.
  const copy = [...running].sort((a, b) => a.id.localeCompare(b.id));
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, victimCount(copy.length, params));
}


function extendCrashLoop(context: FaultContext, fault: FaultRecord<PodKillParams>): void {
  context.stack.target.setCrashLoop?.(fault.target.service, Date.now() + context.leaseWallMs);
}
