import { LatencyParamsSchema } from '@firedrill/demo-stack/protocol';
import { dependenciesOf, SERVICE_NAMES, type ServiceName } from '@firedrill/scenarios';
import { z } from 'zod';
import { agentBackedKind, serviceSpec, type FaultTarget } from '../fault-kind.js';

const latencyTargetSchema = z
  .object({
    service: z.enum(SERVICE_NAMES as [ServiceName, ...ServiceName[]]),
    dependency: z.string().min(1).optional().describe('db, cache or a downstream service; omit to delay the service itself'),
  })
  .strict() as z.ZodType<FaultTarget>;

export const latencyFault = agentBackedKind({
  kind: 'latency',
  summary: 'Adds delay to a service, or to its calls to one dependency (db, cache or a downstream service).',
  effect: 'p95/p99 of http_request_duration_seconds rise by about delayMs for the affected requests.',
  paramsSchema: LatencyParamsSchema,
  targetSchema: latencyTargetSchema,
  validate(target) {
    if (target.dependency === undefined) return [];
    const known = dependenciesOf(serviceSpec(target));
    return known.includes(target.dependency)
      ? []
      : [{ field: 'target.dependency', message: `${target.service} has no dependency "${target.dependency}"; it has: ${known.join(', ') || 'none'}` }];
  },
  toAgentFault: (target, params) => ({ kind: 'latency', dependency: target.dependency, params }),
});
