import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/** Firedrill's own bookkeeping keys under the stack prefix (the memory fault's saved settings); never cache entries. */
export const INTERNAL_KEY = '__firedrill:';

/**
 * A cache write the server refused. `outOfMemory` is Redis's
 * "OOM command not allowed when used memory > 'maxmemory'": the server is full and its policy
 * (noeviction) forbids making room. The caller serves the loaded value anyway; the next read misses.
 */
export class CacheWriteError extends Error {
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

export interface RedisCacheOptions {
  url: string;
  /** Every key of this cache starts with it (`<stackId>:`); keys(), size() and flush() see only these. */
  prefix: string;
  /** This replica's name; the connection is named `firedrill:<prefix><replica>` in CLIENT LIST. */
  replica: string;
  /** How often size() and evictions() are refreshed from the server. */
  refreshMs?: number;
}

/**
 * The catalog cache on a real Redis. TTLs are Redis's own (SET PX, PTTL, PEXPIREAT), so an expiry
 * really removes the key on the server for every replica at once.
 *
 * The Cache interface's size() and evictions() are synchronous; they answer the last count taken
 * by a periodic SCAN (and one after writes), so they lag the server by up to `refreshMs`.
 *
 * Eviction by entry count (limitEntries) does not exist in Redis: it evicts by memory (maxmemory
 * + maxmemory-policy). So limitEntries refuses, and the cache-eviction fault is refused for a Redis
 * stack in favour of cache-out-of-memory, which uses the real mechanism. evictions() reports the
 * server's `evicted_keys` growth since this client connected: it is server-wide (the Redis serves
 * one stack at a time), so every replica reports the same evictions.
 */
export class RedisCache implements Cache {
  readonly redis: Redis;
  readonly prefix: string;
  readonly replica: string;
  private count = 0;
  private evictedAtStart: number | undefined;
  private evictedSince = 0;
  private recount: NodeJS.Timeout | undefined;
  private readonly refresher: NodeJS.Timeout;

  constructor(options: RedisCacheOptions) {
    this.prefix = options.prefix;
    this.replica = options.replica;
    this.redis = new Redis(options.url, {
      connectionName: `firedrill:${options.prefix}${options.replica}`,
      // Bounded waits: a Redis that is down makes cache calls fail fast instead of queueing requests.
      commandTimeout: 2000,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // ioredis emits connection errors as events; without a listener they would crash the replica.
    this.redis.on('error', () => undefined);
    this.refresher = setInterval(() => void this.refresh(), options.refreshMs ?? 1000);
    this.refresher.unref();
    void this.refresh();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
    } catch (error) {
      const message = (error as Error).message;
      throw new CacheWriteError(`cache write of ${key} failed: ${message}`, message.startsWith('OOM'));
    }
    this.scheduleRecount();
  }

  async ttl(key: string): Promise<number | undefined> {
    const remaining = await this.redis.pttl(this.prefix + key);
    if (remaining === -2) return undefined;
    return remaining === -1 ? Number.POSITIVE_INFINITY : remaining;
  }

  /** PEXPIREAT: a time already past deletes the key on the server at once (a real expiry). */
  async expireAt(key: string, atMs: number): Promise<void> {
    await this.redis.pexpireat(this.prefix + key, Math.round(atMs));
  }

  async keys(): Promise<string[]> {
    const keys = await this.scan();
    return keys.map((key) => key.slice(this.prefix.length)).filter((key) => !key.startsWith(INTERNAL_KEY));
  }

  /** Deletes this prefix's cache entries only (never FLUSHALL/FLUSHDB: the server may hold other data). */
  async flush(): Promise<void> {
    const keys = (await this.keys()).map((key) => this.prefix + key);
    for (let i = 0; i < keys.length; i += 500) await this.redis.unlink(...keys.slice(i, i + 500));
    this.count = 0;
  }

  size(): number {
    return this.count;
  }

  async limitEntries(maxEntries: number | undefined): Promise<number> {
    if (maxEntries === undefined) return 0;
    throw new Error('Redis evicts by memory, not by entry count: use the cache-out-of-memory fault (maxmemory) on a Redis-backed stack');
  }

  evictions(): number {
    return this.evictedSince;
  }

  /** Counts entries and reads evicted_keys now (also run periodically). */
  async refresh(): Promise<void> {
    try {
      this.count = (await this.keys()).length;
      const evicted = Number(/evicted_keys:(\d+)/.exec(await this.redis.info('stats'))?.[1] ?? '0');
      this.evictedAtStart ??= evicted;
      this.evictedSince = Math.max(0, evicted - this.evictedAtStart);
    } catch {
      // the server is unreachable: keep the last counts; cache calls themselves report the outage
    }
  }

  async close(): Promise<void> {
    clearInterval(this.refresher);
    clearTimeout(this.recount);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** All keys under the prefix, by SCAN (KEYS would block the server while it walks every key). */
  private async scan(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', `${globEscape(this.prefix)}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return [...new Set(found)];
  }

  private scheduleRecount(): void {
    if (this.recount) return;
    this.recount = setTimeout(() => {
      this.recount = undefined;
      void this.refresh();
    }, 100);
    this.recount.unref();
  }
}

/** A prefix used literally in a SCAN MATCH pattern. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
