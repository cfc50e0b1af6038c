import type { ServiceMetrics } from '../telemetry/metrics.js';
import { SpanKind, type Tracer } from '../telemetry/tracing.js';
import type { Cache } from './cache.js';
import { CacheWriteError } from './redis-cache.js';

export interface CachePolicy {
  ttlMs: number;
  /** Each TTL is spread by up to ± this percentage, so keys filled together do not expire together. */
  ttlJitterPercent: number;
  /** One load per key at a time; concurrent misses wait for it instead of each querying the database. */
  coalesce: boolean;
  /** Refresh hot keys shortly before they expire (refresh-ahead), so readers never see the miss. */
  warm: boolean;
}

export const DEFAULT_CACHE_POLICY: CachePolicy = { ttlMs: 30_000, ttlJitterPercent: 0, coalesce: false, warm: false };

export type KeyLoader = (key: string) => Promise<string>;

/**
 * Read-through caching with the knobs that decide whether a mass expiry becomes a stampede.
 * `synchronisedPeriodMs` is the stampede fault's lever: while set, every fill expires at the next
 * multiple of the period, so all hot keys expire at the same instant.
 */
export class ReadThroughCache {
  policy: CachePolicy;
  synchronisedPeriodMs: number | undefined;
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly warmer: NodeJS.Timeout;

  constructor(
    readonly cache: Cache,
    policy: CachePolicy,
    private readonly load: KeyLoader,
    readonly hotKeys: readonly string[],
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
    private readonly extraLatencyMs: () => number,
  ) {
    this.policy = { ...policy };
    metrics.initialiseCache();
    let publishedEvictions = 0;
    metrics.onCollect(() => {
      metrics.cacheEntries.set({ service: metrics.service }, this.cache.size());
      const evictions = this.cache.evictions();
      metrics.cacheEvictions.inc({ service: metrics.service }, evictions - publishedEvictions);
      publishedEvictions = evictions;
    });
    this.warmer = setInterval(() => void this.warmHotKeys(), 250);
    this.warmer.unref();
  }

  stop(): void {
    clearInterval(this.warmer);
  }

  async getOrLoad(key: string): Promise<{ value: string; hit: boolean }> {
    const service = this.metrics.service;
    const cached = await this.traced('cache get', key, () => this.cache.get(key));
    if (cached !== undefined) {
      this.metrics.cacheRequests.inc({ service, result: 'hit' });
      return { value: cached, hit: true };
    }
    this.metrics.cacheRequests.inc({ service, result: 'miss' });
    return { value: await this.fill(key), hit: false };
  }

  /** Expiry (ms from now) for a fill happening now, under the current policy and fault. */
  ttlForFill(now = Date.now()): number {
    const jitter = this.policy.ttlJitterPercent / 100;
    const period = this.synchronisedPeriodMs;
    if (period !== undefined) {
      // Jitter is the remedy: it spreads the synchronised expiries over a share of the normal TTL,
      // so the hot keys no longer all expire at the boundary and the stampede stops.
      const boundary = (Math.floor(now / period) + 1) * period;
      return boundary - now + Math.random() * jitter * this.policy.ttlMs;
    }
    return this.policy.ttlMs * (1 + jitter * (2 * Math.random() - 1));
  }

  /** Makes every present hot key expire `atMs` (the stampede's synchronised expiry). */
  async expireHotKeysAt(atMs: number): Promise<void> {
    for (const key of this.hotKeys) await this.cache.expireAt(key, atMs);
  }

  /** Spreads present keys' expiry over (½·TTL, TTL], as independent fills would have left them. */
  async desynchronise(): Promise<void> {
    const now = Date.now();
    for (const key of await this.cache.keys()) {
      await this.cache.expireAt(key, now + this.policy.ttlMs * (0.5 + Math.random() / 2));
    }
  }

  entries(): number {
    return this.cache.size();
  }

  /** Drops every entry (a responder's flush); returns how many there were. */
  async flush(): Promise<number> {
    const count = this.cache.size();
    await this.cache.flush();
    return count;
  }

  /** Loads every hot key now with a fresh TTL (a responder's warm-up); returns how many were loaded. */
  async warmNow(): Promise<number> {
    let warmed = 0;
    for (const key of this.hotKeys) {
      const value = await this.load(key);
      if (await this.store(key, value)) warmed++;
    }
    return warmed;
  }

  private fill(key: string): Promise<string> {
    const pending = this.policy.coalesce ? this.inflight.get(key) : undefined;
    if (pending) return pending;
    const loading = (async () => {
      const value = await this.load(key);
      await this.traced('cache set', key, () => this.store(key, value));
      return value;
    })();
    if (this.policy.coalesce) {
      this.inflight.set(key, loading);
      void loading.catch(() => undefined).finally(() => this.inflight.delete(key));
    }
    return loading;
  }

  /**
   * Writes a loaded value; a write the cache server refuses (out of memory) is counted, not thrown:
   * the reader still gets the value it loaded, and the next reader misses and loads again.
   */
  private async store(key: string, value: string): Promise<boolean> {
    try {
      await this.cache.set(key, value, this.ttlForFill());
      return true;
    } catch (error) {
      if (!(error instanceof CacheWriteError)) throw error;
      this.metrics.cacheWriteFailures.inc({ service: this.metrics.service, reason: error.outOfMemory ? 'oom' : 'error' });
      return false;
    }
  }

  private async traced<T>(name: string, key: string, operation: () => Promise<T>): Promise<T> {
    const span = this.tracer.startSpan(name, SpanKind.client).setAttribute('cache.key', key);
    return this.tracer.inSpan(span, async () => {
      const delay = this.extraLatencyMs();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return operation();
    });
  }

  private async warmHotKeys(): Promise<void> {
    if (!this.policy.warm) return;
    const horizon = Math.min(1000, this.policy.ttlMs * 0.2);
    for (const key of this.hotKeys) {
      const remaining = await this.cache.ttl(key);
      if (remaining !== undefined && remaining > horizon) continue;
      if (this.inflight.has(key)) continue;
      try {
        const value = await this.load(key);
        await this.store(key, value);
      } catch {
        // a failed refresh leaves the key to the next reader, as a real refresh-ahead job would
      }
    }
  }
}
