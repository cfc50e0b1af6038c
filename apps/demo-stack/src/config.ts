import { findService, type ServiceSpec } from '@firedrill/scenarios';
import { ServiceConfigSchema, type ServiceConfigPatch } from './agent/protocol.js';

export interface ReplicaConfig {
  service: ServiceSpec;
  replica: string;
  stackId: string;
  host: string;
  port: number;
  /** Downstream service name → replica base URLs. */
  upstreams: Record<string, string[]>;
  agentToken: string;
  otlpEndpoint?: string;
  /** A bad release (crash-loop fault): the process fails its start-up until this epoch ms. */
  crashUntil?: number;
  initialConfig: ServiceConfigPatch;
  /** Exit when the supervisor's end of stdin closes (the supervisor died). */
  supervised: boolean;
  /** A real Redis behind the catalog cache instead of the in-process map; keys under `prefix`. */
  redis?: { url: string; prefix: string };
  /** A real PostgreSQL behind the service's database instead of the simulation; tables in `schema`. */
  postgres?: { url: string; schema: string };
}

export class ConfigError extends Error {}

/** Reads the replica's configuration from its environment, naming the variable that is wrong. */
export function configFromEnv(env: NodeJS.ProcessEnv): ReplicaConfig {
  const serviceName = env.FIREDRILL_SERVICE ?? '';
  const service = findService(serviceName);
  if (!service) throw new ConfigError(`FIREDRILL_SERVICE must name a demo-shop service, got "${serviceName}"`);
  const port = Number(env.PORT ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const agentToken = env.FIREDRILL_AGENT_TOKEN ?? '';
  if (agentToken.length < 16) throw new ConfigError('FIREDRILL_AGENT_TOKEN must be set (16 characters or more)');
  const upstreams = parseJson<Record<string, string[]>>('FIREDRILL_UPSTREAMS', env.FIREDRILL_UPSTREAMS, {});
  for (const downstream of service.downstream) {
    if (!Array.isArray(upstreams[downstream]) || upstreams[downstream].length === 0) {
      throw new ConfigError(`FIREDRILL_UPSTREAMS must list at least one URL for "${downstream}"`);
    }
  }
  const config = ServiceConfigSchema.safeParse(parseJson('FIREDRILL_CONFIG', env.FIREDRILL_CONFIG, {}));
  if (!config.success) throw new ConfigError(`FIREDRILL_CONFIG is invalid: ${config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const crashUntil = env.FIREDRILL_CRASH_UNTIL ? Number(env.FIREDRILL_CRASH_UNTIL) : undefined;
  return {
    service,
    replica: `${service.name}-${env.FIREDRILL_REPLICA ?? '0'}`,
    stackId: env.FIREDRILL_STACK_ID ?? 'standalone',
    host: env.FIREDRILL_HOST ?? '127.0.0.1',
    port,
    upstreams,
    agentToken,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    crashUntil: Number.isFinite(crashUntil) ? crashUntil : undefined,
    initialConfig: config.data,
    supervised: env.FIREDRILL_SUPERVISED === '1',
    redis: env.FIREDRILL_REDIS_URL ? { url: env.FIREDRILL_REDIS_URL, prefix: env.FIREDRILL_REDIS_PREFIX ?? `${env.FIREDRILL_STACK_ID ?? 'standalone'}:` } : undefined,
    postgres: env.FIREDRILL_POSTGRES_URL ? { url: env.FIREDRILL_POSTGRES_URL, schema: postgresSchema(env.FIREDRILL_POSTGRES_SCHEMA ?? 'firedrill') } : undefined,
  };
}

function parseJson<T>(name: string, text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ConfigError(`${name} is not valid JSON`);
  }
}

/** The schema name goes into SQL as an identifier, so only a plain lowercase name is accepted. */
function postgresSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new ConfigError(`FIREDRILL_POSTGRES_SCHEMA must be a lowercase SQL identifier, got "${name}"`);
  return name;
}
