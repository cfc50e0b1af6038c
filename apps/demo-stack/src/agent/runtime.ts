import type { ServiceSpec } from '@firedrill/scenarios';
import type { Database } from '../deps/database.js';
import type { ReadThroughCache } from '../deps/read-through-cache.js';
import type { Logger } from '../telemetry/logger.js';
import type { FaultHooks } from './fault-hooks.js';

/** What a fault effect may touch inside one replica. */
export interface ReplicaRuntime {
  readonly service: ServiceSpec;
  readonly logger: Logger;
  readonly hooks: FaultHooks;
  readonly database?: Database;
  readonly cache?: ReadThroughCache;
}

/** Undoes an applied effect. Called exactly once by the agent. */
export type Revert = () => void | Promise<void>;

export interface FaultEffect<Spec> {
  /** Why this fault cannot apply to this replica (e.g. no cache), or undefined. */
  unsupported(runtime: ReplicaRuntime, spec: Spec): string | undefined;
  apply(runtime: ReplicaRuntime, spec: Spec): Revert | Promise<Revert>;
}

/** true for `percent` of calls. */
export const chance = (percent: number): boolean => percent >= 100 || Math.random() * 100 < percent;
