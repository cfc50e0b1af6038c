import { z } from 'zod';
import { operateOnReplicas, requires, serviceSchema, type ResponderAction } from '../responder-action.js';

const CacheWarmParamsSchema = z.object({ service: serviceSchema }).strict().superRefine(requires('cache'));

export const cacheWarmAction: ResponderAction<z.infer<typeof CacheWarmParamsSchema>> = {
  name: 'cache-warm',
  summary: 'Loads the hot products into the cache of every replica now, with fresh TTLs.',
  paramsSchema: CacheWarmParamsSchema,
  execute: (context, { service }) => operateOnReplicas(context, service, 'cache-warm', 'warmed {count} hot keys'),
};
