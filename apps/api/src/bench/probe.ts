import { Pool } from 'undici';

export interface ProbeResult {
  start: number;
  end: number;
  status: number;
  cache?: string;
}

/**
 * Sends one request every `intervalMs` (open loop) and keeps every outcome, so the first request
 * that shows a fault's effect can be found with the resolution of the interval.
 */
export class Prober {
  readonly results: ProbeResult[] = [];
  private readonly pool: Pool;
  private running = false;

  constructor(
    origin: string,
    private readonly path: string,
    private readonly method: 'GET' | 'POST' = 'GET',
    private readonly body?: unknown,
    private readonly intervalMs = 2,
  ) {
    this.pool = new Pool(origin, { connections: 1024, headersTimeout: 5000, bodyTimeout: 5000 });
  }

  start(): void {
    this.running = true;
    const loop = (): void => {
      if (!this.running) return;
      void this.once();
      setTimeout(loop, this.intervalMs);
    };
    loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.pool.destroy();
  }

  /** Waits until a result started at or after `since` satisfies `predicate`, or `timeoutMs` passes. */
  async firstAfter(since: number, predicate: (result: ProbeResult) => boolean, timeoutMs: number): Promise<ProbeResult | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      let best: ProbeResult | undefined;
      for (const result of this.results) if (result.start >= since && predicate(result) && (!best || result.start < best.start)) best = result;
      // Only settle once every request started before the candidate has answered.
      if (best && !this.pendingBefore(best.start)) return best;
      if (performance.now() > deadline) return best;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private inFlight = new Set<number>();

  private pendingBefore(start: number): boolean {
    for (const pending of this.inFlight) if (pending < start) return true;
    return false;
  }

  private async once(): Promise<void> {
    const start = performance.now();
    this.inFlight.add(start);
    try {
      const response = await this.pool.request({
        method: this.method,
        path: this.path,
        headers: this.body ? { 'content-type': 'application/json' } : {},
        body: this.body ? JSON.stringify(this.body) : undefined,
      });
      await response.body.dump();
      const cache = response.headers['x-cache'];
      this.results.push({ start, end: performance.now(), status: response.statusCode, cache: typeof cache === 'string' ? cache : undefined });
    } catch {
      this.results.push({ start, end: performance.now(), status: 0 });
    } finally {
      this.inFlight.delete(start);
    }
  }
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
