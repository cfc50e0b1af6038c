import { Redis } from 'ioredis';
import type { EvictionPolicy } from '../agent/protocol.js';
import { globEscape, INTERNAL_KEY, type RedisCache } from './redis-cache.js';

interface SavedMemorySettings {
  maxmemory: string;
  policy: string;
}

const savedKey = (prefix: string): string => `${prefix}${INTERNAL_KEY}oom`;
/** The cold keys the fault fills the server with: no TTL, never read, so an allkeys-* policy evicts them first. */
const coldKey = (prefix: string, index: number): string => `${prefix}${INTERNAL_KEY}cold:${index}`;
const COLD_KEY_BYTES = 64 * 1024;
/** A replica holding the fault renames its connection to this; a dead replica's connection, and so its hold, is gone. */
const holderName = (prefix: string, replica: string): string => `firedrill-oom:${prefix}${replica}`;
const plainName = (prefix: string, replica: string): string => `firedrill:${prefix}${replica}`;

/**
 * The cache-out-of-memory fault on the stack's Redis, as a batch job that filled the server would
 * leave it: `fillMb` of cold keys without a TTL (under the stack prefix), then maxmemory just
 * below the memory in use (or `maxmemoryBytes`) and maxmemory-policy noeviction, so every further
 * write is refused with OOM. The cold keys are what makes the remedy real: allkeys-lru/lfu evicts
 * them and the hot keys fit again; volatile-* policies only evict keys with a TTL, and the cache's
 * own few small keys are not enough to get under the limit. (Without the fill, the demo's dataset
 * is a few kilobytes next to Redis's own megabyte, and no policy could make room.)
 *
 * The settings are server-wide and every catalog replica applies the fault, so the first one
 * saves the previous values under the stack prefix (before changing anything) and the last one to
 * let go restores them. Who still holds it is read from the server itself (CLIENT LIST names), so
 * a replica that died without reverting no longer counts; a new replica finding saved settings
 * that nobody holds restores them at start-up (recoverAbandonedMemoryFault).
 */
export class RedisMemoryFault {
  private readonly holds = new Set<symbol>();

  constructor(private readonly cache: RedisCache) {}

  /** Applies the fault; answers the revert (idempotent). */
  async apply(params: { fillMb: number; maxmemoryBytes?: number }): Promise<() => Promise<void>> {
    const { redis, prefix } = this.cache;
    // Hold before saving: a replica starting meanwhile must never see saved settings nobody holds.
    const hold = Symbol('cache-out-of-memory');
    this.holds.add(hold);
    await this.rename();
    let first = false;
    try {
      if ((await redis.exists(savedKey(prefix))) === 0) {
        const saved: SavedMemorySettings = { maxmemory: await configGet(redis, 'maxmemory'), policy: await configGet(redis, 'maxmemory-policy') };
        first = (await redis.set(savedKey(prefix), JSON.stringify(saved), 'NX')) === 'OK';
      }
    } catch (error) {
      this.holds.delete(hold);
      await this.rename().catch(() => undefined);
      throw new Error(`cannot save the Redis memory settings before changing them: ${(error as Error).message}`);
    }
    const revert = async (): Promise<void> => {
      if (!this.holds.delete(hold)) return;
      await this.rename();
      if (this.holds.size === 0) await restoreUnlessHeld(redis, prefix);
    };
    // Only the replica that saved the settings fills and lowers the limit (the others, applying at the
    // same moment, only hold): one fill, and a limit measured after it, not halfway through.
    if (first) {
      await this.fill(params).catch(async (error: Error) => {
        await revert().catch(() => undefined);
        throw error;
      });
    }
    return revert;
  }

  private async fill(params: { fillMb: number; maxmemoryBytes?: number }): Promise<void> {
    const { redis, prefix } = this.cache;
    const chunk = 'x'.repeat(COLD_KEY_BYTES);
    const count = Math.ceil((params.fillMb * 1024 * 1024) / COLD_KEY_BYTES);
    for (let i = 0; i < count; i += 64) {
      const batch = redis.pipeline();
      for (let j = i; j < Math.min(count, i + 64); j++) batch.set(coldKey(prefix, j), chunk);
      await batch.exec();
    }
    // One cold key below what is in use, so the very next write is refused even as client buffers move.
    const limit = params.maxmemoryBytes ?? Math.max(1, (await usedMemory(redis)) - COLD_KEY_BYTES);
    // Policy first: lowering maxmemory under an allkeys-* policy would evict keys instead of refusing writes.
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.config('SET', 'maxmemory', String(limit));
  }

  /** The connection name tells other replicas (and a restarted one) whether this replica holds the fault. */
  private async rename(): Promise<void> {
    const { redis, prefix } = this.cache;
    const name = this.holds.size > 0 ? holderName(prefix, this.cache.replica) : plainName(prefix, this.cache.replica);
    redis.options.connectionName = name; // kept across reconnects
    await redis.client('SETNAME', name);
  }
}

/** A responder's remedy: the server's maxmemory-policy. Answers the policy it replaced. */
export async function setEvictionPolicy(cache: RedisCache, policy: EvictionPolicy): Promise<string> {
  const previous = await configGet(cache.redis, 'maxmemory-policy');
  await cache.redis.config('SET', 'maxmemory-policy', policy);
  return previous;
}

/** Restores saved memory settings that no live replica holds (its holders died). Answers whether it did. */
export async function recoverAbandonedMemoryFault(redis: Redis, prefix: string): Promise<boolean> {
  return restoreUnlessHeld(redis, prefix);
}

/**
 * After a stack is stopped: puts back memory settings a fault left behind and deletes every key of
 * the stack's prefix (cache entries and bookkeeping). Answers the number of keys deleted.
 */
export async function cleanUpRedisStack(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { connectionName: `firedrill-cleanup:${prefix}`, commandTimeout: 5000, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await restoreUnlessHeld(redis, prefix);
    // Saved settings still here are held by a live replica: keep them, or they could never be restored.
    return await unlinkMatching(redis, `${globEscape(prefix)}*`, savedKey(prefix));
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function restoreUnlessHeld(redis: Redis, prefix: string): Promise<boolean> {
  const text = await redis.get(savedKey(prefix));
  if (text === null) return false;
  const clients = await redis.client('LIST');
  const holder = `name=${holderName(prefix, '')}`;
  if (String(clients).split('\n').some((line) => line.includes(holder))) return false;
  const saved = JSON.parse(text) as SavedMemorySettings;
  // maxmemory first: with the old limit back, the old policy never has to evict to make room.
  await redis.config('SET', 'maxmemory', saved.maxmemory);
  await redis.config('SET', 'maxmemory-policy', saved.policy);
  await unlinkMatching(redis, `${globEscape(prefix + INTERNAL_KEY)}cold:*`);
  await redis.del(savedKey(prefix));
  return true;
}

async function unlinkMatching(redis: Redis, pattern: string, except?: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    const keys = found.filter((key) => key !== except);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

async function configGet(redis: Redis, parameter: string): Promise<string> {
  const reply = (await redis.config('GET', parameter)) as string[];
  const value = reply[1];
  if (value === undefined) throw new Error(`Redis has no setting ${parameter}`);
  return value;
}

async function usedMemory(redis: Redis): Promise<number> {
  const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  if (!Number.isFinite(used) || used <= 0) throw new Error('Redis did not report used_memory');
  return used;
}
