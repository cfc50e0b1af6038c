import { z } from 'zod';
import { AppError, parseWith } from '../common/errors.js';
import type { FaultKind, FaultTarget, StackDependencies } from './fault-kind.js';
import { FAULT_KINDS, findFaultKind } from './registry.js';

/** The common envelope of every fault request; the kind's own schemas check target and params. */
export const FaultEnvelopeSchema = z
  .object({
    kind: z.string().describe(`one of: ${FAULT_KINDS.map((kind) => kind.kind).join(', ')}`),
    target: z.record(z.string(), z.unknown()).describe('{service} (latency also takes {dependency})'),
    params: z.record(z.string(), z.unknown()).default({}).describe('kind-specific parameters'),
    durationSeconds: z
      .number()
      .positive()
      .max(86_400)
      .optional()
      .describe('stack-clock seconds until the fault reverts by itself; omit to keep it until reverted'),
    leaseSeconds: z
      .number()
      .min(1)
      .max(3600)
      .default(30)
      .describe('stack-clock seconds the fault survives without renewal (renewed every third of it)'),
  })
  .strict();

export interface FaultRequest {
  kind: FaultKind<any>;
  target: FaultTarget;
  params: Record<string, unknown>;
  durationMs?: number;
  leaseMs: number;
}

/** Parses a fault request in two steps (envelope, then the kind's target and params, checked against the stack when given). */
export function parseFaultRequest(body: unknown, stack?: StackDependencies): FaultRequest {
  const envelope = parseWith(FaultEnvelopeSchema, body ?? undefined);
  const kind = findFaultKind(envelope.kind);
  if (!kind) {
    throw AppError.invalid([
      { field: 'kind', message: `unknown fault kind "${envelope.kind}"; known kinds: ${FAULT_KINDS.map((k) => k.kind).join(', ')}` },
    ]);
  }
  const target = parseWith(kind.targetSchema, envelope.target, ['target']);
  const params = parseWith(kind.paramsSchema, envelope.params, ['params']) as Record<string, unknown>;
  const problems = kind.validate(target, params, stack);
  if (problems.length > 0) throw AppError.invalid(problems);
  return {
    kind,
    target,
    params,
    durationMs: envelope.durationSeconds === undefined ? undefined : envelope.durationSeconds * 1000,
    leaseMs: envelope.leaseSeconds * 1000,
  };
}
