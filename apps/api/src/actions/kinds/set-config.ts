import { ServiceConfigSchema, type ServiceConfigPatch } from '@firedrill/demo-stack/protocol';
import { findService } from '@firedrill/scenarios';
import { z } from 'zod';
import { serviceSchema, type ResponderAction } from '../responder-action.js';

/** The settings a responder may change; nothing else is reachable (never arbitrary keys). */
export const CONFIG_KEYS = ['pool.max', 'pool.acquireTimeoutMs', 'cache.ttlMs', 'cache.ttlJitterPercent', 'cache.coalesce', 'cache.warm'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** `pool.max` = 30 → `{pool: {max: 30}}`, the chaos agent's PATCH /config body. */
export function configPatch(key: ConfigKey, value: number | boolean): ServiceConfigPatch {
  const [section, setting] = key.split('.') as ['pool' | 'cache', string];
  return { [section]: { [setting]: value } } as ServiceConfigPatch;
}

const SetConfigParamsSchema = z
  .object({
    service: serviceSchema,
    key: z.enum(CONFIG_KEYS).describe('the setting to change'),
    value: z.union([z.number(), z.boolean()]).describe('its new value, checked against the setting\'s range'),
  })
  .strict()
  .superRefine((params, context) => {
    const spec = findService(params.service)!;
    const section = params.key.split('.')[0];
    if (section === 'pool' && !spec.database) {
      context.addIssue({ code: 'custom', path: ['service'], message: `${params.service} has no database pool (catalog and payments have one)` });
      return;
    }
    if (section === 'cache' && !spec.cache) {
      context.addIssue({ code: 'custom', path: ['service'], message: `${params.service} has no cache (catalog has one)` });
      return;
    }
    // The chaos agent's own schema decides what a valid value is, so the two never disagree.
    const checked = ServiceConfigSchema.safeParse(configPatch(params.key, params.value));
    for (const issue of checked.success ? [] : checked.error.issues) {
      context.addIssue({ code: 'custom', path: ['value'], message: `${params.key}: ${issue.message}` });
    }
  });

export const setConfigAction: ResponderAction<z.infer<typeof SetConfigParamsSchema>> = {
  name: 'set-config',
  summary: 'Changes one run-time setting (pool size or timeout, cache TTL, jitter, coalescing, warming) in every replica of a service, now and after restarts.',
  paramsSchema: SetConfigParamsSchema,
  async execute({ stack }, { service, key, value }) {
    const applied = await stack.target.configure(service, configPatch(key, value));
    return { result: `set ${key} = ${value} on ${service} (${applied.length > 0 ? applied.join(', ') : 'no running replica; applied at next start'})` };
  },
};
