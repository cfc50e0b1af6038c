import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { operateOnReplicas, serviceSchema, type ResponderAction } from '../responder-action.js';

const RestoreIndexParamsSchema = z
  .object({ service: serviceSchema })
  .strict()
  .refine((params) => params.service === 'catalog', { path: ['service'], message: 'restore-index acts on catalog (its products lookup index)' });

export const restoreIndexAction: ResponderAction<z.infer<typeof RestoreIndexParamsSchema>> = {
  name: 'restore-index',
  summary: 'Recreates the products lookup index in the stack\'s PostgreSQL schema (CREATE INDEX IF NOT EXISTS): the fix for a slow query after a migration.',
  paramsSchema: RestoreIndexParamsSchema,
  async execute(context, { service }) {
    // Only a real PostgreSQL has an index; say so before asking the replicas.
    if (context.stack.profile?.dependencies.database !== 'postgres') {
      throw AppError.invalid([{ field: 'action', message: 'restore-index needs a stack whose database is a real PostgreSQL (dependencies.database: postgres)' }]);
    }
    return operateOnReplicas(context, service, 'restore-index', 'restore-index created {count} index(es) (0: it was already present)');
  },
};
