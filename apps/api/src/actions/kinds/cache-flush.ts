import { z } from 'zod';
import { operateOnReplicas, requires, serviceSchema, type ResponderAction } from '../responder-action.js';

const CacheFlushParamsSchema = z.object({ service: serviceSchema }).strict().superRefine(requires('cache'));

export const cacheFlushAction: ResponderAction<z.infer<typeof CacheFlushParamsSchema>> = {
  name: 'cache-flush',
  summary: 'Empties the read-through cache of every replica of the service; the next reads go to the database.',
  paramsSchema: CacheFlushParamsSchema,
  execute: (context, { service }) => operateOnReplicas(context, service, 'cache-flush', 'flushed {count} cache entries'),
};
