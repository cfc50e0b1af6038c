import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { serviceSchema, type ResponderAction } from '../responder-action.js';

const RollbackParamsSchema = z.object({ service: serviceSchema }).strict();

export const rollbackAction: ResponderAction<z.infer<typeof RollbackParamsSchema>> = {
  name: 'rollback',
  summary: 'Rolls a service back to its previous release, which ends the faults that the bad release brought.',
  paramsSchema: RollbackParamsSchema,
  async execute({ rollback }, { service }) {
    const reverted = rollback ? await rollback(service) : [];
    if (reverted.length === 0) throw new AppError('conflict', `no release to roll back for ${service}`);
    const releases = [...new Set(reverted.map((fault) => fault.release).filter((release) => release !== undefined))];
    const what = releases.length > 0 ? `release ${releases.join(', ')}` : 'the last release';
    return { result: `rolled ${service} back from ${what}; reverted ${reverted.map((fault) => fault.faultId).join(', ')}` };
  },
};
