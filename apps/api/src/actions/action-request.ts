import type { ServiceName } from '@firedrill/scenarios';
import { z } from 'zod';
import { AppError, parseWith, type Problem } from '../common/errors.js';
import { ACTION_NAMES, findResponderAction } from './registry.js';
import type { ResponderAction } from './responder-action.js';

/** The common envelope of every action request; the action's own schema checks the params. */
export const ActionEnvelopeSchema = z
  .object({
    action: z.string().min(1).describe(`one of: ${ACTION_NAMES.join(', ')}`),
    service: z.string().min(1).optional().describe('the service to act on (may also be given as params.service)'),
    params: z.record(z.string(), z.unknown()).default({}).describe('action-specific parameters'),
  })
  .strict();

export interface ActionRequest {
  action: ResponderAction<any>;
  service: ServiceName;
  /** The action's parameters with `service` moved out to the envelope, as action matchers see them. */
  params: Record<string, unknown>;
  /** Everything the action's execute() takes, `service` included. */
  parsed: { service: ServiceName } & Record<string, unknown>;
}

/** Parses an action request in two steps: the envelope, then the action's parameters. */
export function parseActionRequest(body: unknown): ActionRequest {
  const envelope = parseWith(ActionEnvelopeSchema, body ?? undefined);
  const action = findResponderAction(envelope.action);
  if (!action) {
    throw AppError.invalid([{ field: 'action', message: `"${envelope.action}" is not an allowed action; allowed: ${ACTION_NAMES.join(', ')}` }]);
  }
  const inParams = envelope.params.service;
  if (envelope.service !== undefined && inParams !== undefined && inParams !== envelope.service) {
    throw AppError.invalid([{ field: 'service', message: `given twice with different values ("${envelope.service}" and params.service "${String(inParams)}")` }]);
  }
  const merged = { ...envelope.params, ...(envelope.service !== undefined ? { service: envelope.service } : {}) };
  let parsed: { service: ServiceName } & Record<string, unknown>;
  try {
    parsed = parseWith(action.paramsSchema, merged, ['params']);
  } catch (error) {
    if (error instanceof AppError && envelope.service !== undefined) throw AppError.invalid(error.problems.map(envelopeField));
    throw error;
  }
  const { service, ...params } = parsed;
  return { action, service, params, parsed };
}

/** A problem with the service given in the envelope names the envelope's field. */
function envelopeField(problem: Problem): Problem {
  return problem.field === 'params.service' ? { ...problem, field: 'service' } : problem;
}
