/**
 * The responder's typed actions (README "Responder actions"): what each takes, which services it
 * applies to, and which ones need a second look before they run. The API validates everything
 * again; these only keep the forms from offering what it would refuse.
 */
export const SERVICES = ['gateway', 'catalog', 'checkout', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The demo shop's topology: who has a database pool and who a cache. */
const WITH_DATABASE: readonly ServiceName[] = ['catalog', 'payments'];
const WITH_CACHE: readonly ServiceName[] = ['catalog'];

export type ActionName = 'scale' | 'restart' | 'rollback' | 'set-config' | 'cache-flush' | 'cache-warm' | 'pool-kill-queries';

export interface ActionDefinition {
  name: ActionName;
  label: string;
  description: string;
  services: readonly ServiceName[];
}

export const ACTIONS: readonly ActionDefinition[] = [
  { name: 'scale', label: 'Scale', description: 'Set the number of replicas (1–8).', services: SERVICES },
  { name: 'restart', label: 'Rolling restart', description: 'Restart every replica, one at a time.', services: SERVICES },
  { name: 'rollback', label: 'Roll back', description: 'Roll back the latest release of the service.', services: SERVICES },
  { name: 'set-config', label: 'Set config', description: 'Change one run-time setting in every replica.', services: SERVICES },
  { name: 'cache-flush', label: 'Flush cache', description: 'Empty the read-through cache of every replica.', services: WITH_CACHE },
  { name: 'cache-warm', label: 'Warm cache', description: 'Load the hot products into every replica\'s cache now.', services: WITH_CACHE },
  { name: 'pool-kill-queries', label: 'Kill long queries', description: 'Cancel queries running longer than 500 ms; their connections return to the pool.', services: WITH_DATABASE },
];

export interface ConfigKeyDefinition {
  key: string;
  label: string;
  kind: 'integer' | 'boolean';
  min?: number;
  max?: number;
  /** A sensible starting value for the form (the demo shop's defaults). */
  initial: number | boolean;
  needs: 'database' | 'cache';
}

export const CONFIG_KEYS: readonly ConfigKeyDefinition[] = [
  { key: 'pool.max', label: 'DB pool size', kind: 'integer', min: 1, max: 1000, initial: 10, needs: 'database' },
  { key: 'pool.acquireTimeoutMs', label: 'DB pool acquire timeout (ms)', kind: 'integer', min: 10, max: 60000, initial: 1000, needs: 'database' },
  { key: 'cache.ttlMs', label: 'Cache TTL (ms)', kind: 'integer', min: 100, max: 86_400_000, initial: 30000, needs: 'cache' },
  { key: 'cache.ttlJitterPercent', label: 'Cache TTL jitter (%)', kind: 'integer', min: 0, max: 100, initial: 0, needs: 'cache' },
  { key: 'cache.coalesce', label: 'Coalesce cache misses', kind: 'boolean', initial: true, needs: 'cache' },
  { key: 'cache.warm', label: 'Keep cache warm', kind: 'boolean', initial: true, needs: 'cache' },
];

/** The settings a service has: pool keys need a database, cache keys a cache. */
export function configKeysFor(service: ServiceName): ConfigKeyDefinition[] {
  return CONFIG_KEYS.filter((definition) => (definition.needs === 'database' ? WITH_DATABASE : WITH_CACHE).includes(service));
}

/** What the form holds, as typed (strings from inputs). */
export interface ActionForm {
  action: ActionName;
  service: ServiceName;
  replicas: string;
  configKey: string;
  configValue: string;
}

export interface ActionRequest {
  action: ActionName;
  service: ServiceName;
  params: Record<string, number | boolean | string>;
}

/** The request body, or the problem a person should fix first. */
export function buildActionRequest(form: ActionForm): { request: ActionRequest } | { problem: string } {
  const definition = ACTIONS.find((action) => action.name === form.action);
  if (!definition) return { problem: `unknown action ${form.action}` };
  if (!definition.services.includes(form.service)) return { problem: `${definition.label} does not apply to ${form.service} (only ${definition.services.join(', ')})` };
  const base = { action: form.action, service: form.service };
  if (form.action === 'scale') {
    const replicas = Number(form.replicas);
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8) return { problem: 'replicas must be a whole number from 1 to 8' };
    return { request: { ...base, params: { replicas } } };
  }
  if (form.action === 'set-config') {
    const key = configKeysFor(form.service).find((definition) => definition.key === form.configKey);
    if (!key) return { problem: `${form.service} has no setting ${form.configKey || '(none chosen)'}` };
    if (key.kind === 'boolean') {
      if (form.configValue !== 'true' && form.configValue !== 'false') return { problem: `${key.key} is on or off` };
      return { request: { ...base, params: { key: key.key, value: form.configValue === 'true' } } };
    }
    const value = Number(form.configValue);
    if (form.configValue.trim() === '' || !Number.isInteger(value) || value < key.min! || value > key.max!) {
      return { problem: `${key.key} must be a whole number from ${key.min} to ${key.max}` };
    }
    return { request: { ...base, params: { key: key.key, value } } };
  }
  return { request: { ...base, params: {} } };
}

/**
 * Actions that can make things worse or lose work get a confirmation: restarts and rollbacks drop
 * requests in flight, scaling down removes capacity, a flush sends every read to the database.
 * `currentReplicas` is what the dashboards last saw (null when unknown: then scaling asks too).
 */
export function riskOf(request: ActionRequest, currentReplicas: number | null): string | null {
  switch (request.action) {
    case 'restart':
      return `Restart every replica of ${request.service}, one at a time? Requests in flight on each replica are dropped.`;
    case 'rollback':
      return `Roll back ${request.service} to its previous release?`;
    case 'cache-flush':
      return `Flush the ${request.service} cache? Every read misses and goes to the database until it refills.`;
    case 'scale': {
      const replicas = request.params.replicas as number;
      if (currentReplicas === null) return `Scale ${request.service} to ${replicas} replica${replicas === 1 ? '' : 's'}? If that is fewer than now, capacity goes down.`;
      if (replicas < currentReplicas) return `Scale ${request.service} down from ${currentReplicas} to ${replicas} replica${replicas === 1 ? '' : 's'}? Capacity goes down.`;
      return null;
    }
    default:
      return null;
  }
}

/** One line for the timeline and the result list: `set-config payments pool.max=25`. */
export function describeAction(action: string, service: string | undefined, params: Record<string, unknown>): string {
  const shown = Object.entries(params)
    .filter(([name]) => name !== 'service')
    .map(([name, value]) => (name === 'key' ? String(value) : name === 'value' ? `= ${String(value)}` : `${name}=${String(value)}`));
  return [action, service, ...shown].filter(Boolean).join(' ');
}
