/** What a service asks of its cache; a real Redis adapter can stand behind it. */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Milliseconds until the key expires, or undefined when it is absent. */
  ttl(key: string): Promise<number | undefined>;
  /** Changes a present key's expiry without touching its value. */
  expireAt(key: string, atMs: number): Promise<void>;
  keys(): Promise<string[]>;
  flush(): Promise<void>;
  size(): number;
  /**
   * Caps the number of entries (a cache server at its memory limit evicts least recently used
   * keys, as Redis's allkeys-lru does); undefined lifts the cap. Returns keys evicted by the cap.
   */
  limitEntries(maxEntries: number | undefined): Promise<number>;
  /** Keys evicted by the cap so far (not expiries). */
  evictions(): number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** The embedded default: an in-process map with per-key TTLs, expired lazily and by a sweep. */
export class InMemoryCache implements Cache {
  /** In recency order: a hit moves the key to the end, so the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private maxEntries: number | undefined;
  private evicted = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.maxEntries !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.evictOverCap();
  }

  async ttl(key: string): Promise<number | undefined> {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.expiresAt - this.now();
  }

  async expireAt(key: string, atMs: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.expiresAt = atMs;
  }

  async keys(): Promise<string[]> {
    this.sweep();
    return [...this.entries.keys()];
  }

  async flush(): Promise<void> {
    this.entries.clear();
  }

  size(): number {
    this.sweep();
    return this.entries.size;
  }

  async limitEntries(maxEntries: number | undefined): Promise<number> {
    this.maxEntries = maxEntries;
    return this.evictOverCap();
  }

  evictions(): number {
    return this.evicted;
  }

  private evictOverCap(): number {
    if (this.maxEntries === undefined) return 0;
    this.sweep();
    let count = 0;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
      count++;
    }
    this.evicted += count;
    return count;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
