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
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** The embedded default: an in-process map with per-key TTLs, expired lazily and by a sweep. */
export class InMemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
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

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
