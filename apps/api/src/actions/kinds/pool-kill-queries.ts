import { LONG_QUERY_MS } from '@firedrill/demo-stack/protocol';
import { z } from 'zod';
import { operateOnReplicas, requires, serviceSchema, type ResponderAction } from '../responder-action.js';

const PoolKillQueriesParamsSchema = z.object({ service: serviceSchema }).strict().superRefine(requires('database'));

export const poolKillQueriesAction: ResponderAction<z.infer<typeof PoolKillQueriesParamsSchema>> = {
  name: 'pool-kill-queries',
  summary: `Cancels the database queries that have run longer than ${LONG_QUERY_MS} ms in every replica, so their connections return to the pool.`,
  paramsSchema: PoolKillQueriesParamsSchema,
  execute: (context, { service }) =>
    operateOnReplicas(context, service, 'pool-kill-queries', `cancelled {count} queries running longer than ${LONG_QUERY_MS} ms`),
};
