/** Raised when no connection became free within the acquire timeout. */
export class PoolTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`timed out after ${waitedMs} ms waiting for a database connection`);
    this.name = 'PoolTimeoutError';
  }
}

export interface PoolOptions {
  max: number;
  acquireTimeoutMs: number;
}

export interface PooledConnection {
  readonly id: number;
  /** Returns the connection to the pool (or keeps it, when the pool is leaking). Idempotent. */
  release(): void;
}

interface Waiter {
  readonly resolve: (connection: PooledConnection) => void;
  readonly timer: NodeJS.Timeout;
}

export interface PoolStats {
  max: number;
  active: number;
  idle: number;
  waiting: number;
  leaked: number;
}

/**
 * A connection pool with the behaviour that makes pool exhaustion an incident: a bounded number
 * of connections opened lazily, a FIFO acquire queue, and a timeout for waiters.
 */
export class ConnectionPool {
  private nextId = 1;
  private readonly idle: number[] = [];
  private readonly active = new Set<number>();
  private readonly leaked = new Set<number>();
  private readonly waiters: Waiter[] = [];
  /** While set, released connections are kept (leaked) instead of returned to the pool. */
  leaking = false;

  constructor(private options: PoolOptions) {}

  get maxConnections(): number {
    return this.options.max;
  }

  get acquireTimeoutMs(): number {
    return this.options.acquireTimeoutMs;
  }

  stats(): PoolStats {
    return {
      max: this.options.max,
      active: this.active.size,
      idle: this.idle.length,
      waiting: this.waiters.length,
      leaked: this.leaked.size,
    };
  }

  acquire(): Promise<PooledConnection> {
    const ready = this.tryTake();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.acquireTimeoutMs;
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(new PoolTimeoutError(timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Changes the pool size; a smaller pool closes connections as they come back. */
  resize(max: number): void {
    this.options = { ...this.options, max };
    while (this.idle.length > 0 && this.idle.length + this.active.size > max) this.idle.pop();
    this.serveWaiters();
  }

  setAcquireTimeout(acquireTimeoutMs: number): void {
    this.options = { ...this.options, acquireTimeoutMs };
  }

  /** Gives back every leaked connection; the remedy a leak fault's revert (or a restart) applies. */
  reclaimLeaked(): number {
    const count = this.leaked.size;
    for (const id of [...this.leaked]) {
      this.leaked.delete(id);
      this.active.delete(id);
      this.giveBack(id);
    }
    return count;
  }

  private tryTake(): PooledConnection | undefined {
    const inUse = this.active.size;
    let id = this.idle.pop();
    if (id === undefined) {
      if (inUse + this.idle.length >= this.options.max) return undefined;
      id = this.nextId++;
    }
    this.active.add(id);
    return this.handle(id);
  }

  private handle(id: number): PooledConnection {
    let released = false;
    return {
      id,
      release: () => {
        if (released) return;
        released = true;
        if (this.leaking) {
          this.leaked.add(id);
          return;
        }
        this.active.delete(id);
        this.giveBack(id);
      },
    };
  }

  private giveBack(id: number): void {
    if (this.active.size + this.idle.length < this.options.max) this.idle.push(id);
    this.serveWaiters();
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      const connection = this.tryTake();
      if (!connection) return;
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      waiter.resolve(connection);
    }
  }
}
