import { cleanUpRedisStack, dropPostgresSchema } from '@firedrill/demo-stack';
import type { StackProfile } from '@firedrill/scenarios';
import { AppError } from '../common/errors.js';
import type { RealComponents } from '../config/app-options.js';

/** What a replica is told about the real servers its stack uses (`FIREDRILL_REDIS_*`, `FIREDRILL_POSTGRES_*`). */
export type DependencyEnv = Record<string, string>;

type Component = 'redis' | 'postgres' | 'prometheus';

/**
 * Hands the real servers out to stacks. A profile that asks for one that is not configured is a
 * 400 naming the variable to set. Each serves one stack at a time — Redis and PostgreSQL because
 * their faults (maxmemory, a dropped index) act on the whole server, Prometheus because the exported
 * rules aggregate by service — so a second stack asking for one in use is a 409; each stack still
 * gets its own key prefix and schema.
 */
export class RealComponentLeases {
  private readonly holders = new Map<Component, string>();

  constructor(private readonly components: RealComponents = {}) {}

  /** Reserves what `profile` needs for `stackId` and answers the replicas' environment; nothing is reserved on error. */
  acquire(stackId: string, profile: Pick<StackProfile, 'dependencies' | 'alertSource'> & Partial<Pick<StackProfile, 'speed'>>): DependencyEnv {
    const wanted: Array<{ component: Component; url: string | undefined; variable: string; field: string }> = [];
    if (profile.dependencies.cache === 'redis') wanted.push({ component: 'redis', url: this.components.redisUrl, variable: 'FIREDRILL_REDIS_URL', field: 'dependencies.cache' });
    if (profile.dependencies.database === 'postgres') wanted.push({ component: 'postgres', url: this.components.postgresUrl, variable: 'FIREDRILL_POSTGRES_URL', field: 'dependencies.database' });
    if (profile.alertSource === 'prometheus') wanted.push({ component: 'prometheus', url: this.components.prometheusUrl, variable: 'FIREDRILL_PROMETHEUS_URL', field: 'alertSource' });
    const missing = wanted.filter((want) => want.url === undefined);
    if (missing.length > 0) {
      throw AppError.invalid(missing.map((want) => ({ field: want.field, message: `needs a real ${want.component}: start Firedrill with ${want.variable} set` })));
    }
    // A real Prometheus runs on wall time: its rules fit a stack whose clock runs as fast as their --time-scale.
    const timeScale = this.components.prometheusTimeScale ?? 1;
    if (profile.alertSource === 'prometheus' && profile.speed !== undefined && profile.speed !== timeScale) {
      throw AppError.invalid([{ field: 'speed', message: `alertSource prometheus needs speed ${timeScale}: the real Prometheus runs on wall time with rules exported for --time-scale ${timeScale} (FIREDRILL_PROMETHEUS_TIME_SCALE)` }]);
    }
    const busy = wanted.filter((want) => this.holders.has(want.component));
    if (busy.length > 0) {
      throw new AppError('conflict', busy.map((want) => `the real ${want.component} is in use by stack ${this.holders.get(want.component)}; one stack at a time`).join('; '));
    }
    for (const want of wanted) this.holders.set(want.component, stackId);
    const env: DependencyEnv = {};
    // Key prefix and schema names carry the stack id, so a leftover of one stack never meets the next.
    const schema = stackId.replaceAll('-', '_');
    if (profile.dependencies.cache === 'redis') Object.assign(env, { FIREDRILL_REDIS_URL: this.components.redisUrl!, FIREDRILL_REDIS_PREFIX: redisPrefix(stackId) });
    if (profile.dependencies.database === 'postgres') Object.assign(env, { FIREDRILL_POSTGRES_URL: this.components.postgresUrl!, FIREDRILL_POSTGRES_SCHEMA: schema });
    return env;
  }

  /**
   * Removes what a stopped stack left in the real servers: every Redis key of its prefix, and Redis
   * memory settings a cache-out-of-memory fault could not put back (its replicas died), and its
   * PostgreSQL schema. Throws on failure.
   */
  async cleanUp(stackId: string, profile: Pick<StackProfile, 'dependencies'>): Promise<void> {
    if (profile.dependencies.cache === 'redis' && this.components.redisUrl) await cleanUpRedisStack(this.components.redisUrl, redisPrefix(stackId));
    // The stack's schema (its seeded tables and charges) goes with it: DROP SCHEMA … CASCADE.
    if (profile.dependencies.database === 'postgres' && this.components.postgresUrl) await dropPostgresSchema(this.components.postgresUrl, stackId.replaceAll('-', '_'));
  }

  /** Frees what `stackId` held; idempotent. */
  release(stackId: string): void {
    for (const [component, holder] of this.holders) if (holder === stackId) this.holders.delete(component);
  }
}

/** The stack's Redis key prefix: the stack id, so one stack's leftovers never meet the next's. */
export const redisPrefix = (stackId: string): string => `${stackId}:`;
