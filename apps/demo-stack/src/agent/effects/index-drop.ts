import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type IndexDropFault = Extract<AgentFault, { kind: 'index-drop' }>;

/**
 * "Slow query after migration": a migration dropped the index the catalog's lookups use, so
 * every lookup becomes a sequential scan of the seeded products table. Only a real PostgreSQL
 * has an index to drop. Revert recreates it; both are idempotent, so every replica of the
 * service may apply and revert the same fault, and a lapsed lease repairs the schema by itself.
 */
export const indexDropEffect: FaultEffect<IndexDropFault> = {
  unsupported(runtime) {
    return runtime.database?.lookupIndex
      ? undefined
      : `${runtime.service.name} has no PostgreSQL lookup index to drop (the stack needs dependencies.database: postgres)`;
  },
  async apply(runtime) {
    const index = runtime.database!.lookupIndex!;
    await index.drop();
    return async () => void (await index.restore());
  },
};
