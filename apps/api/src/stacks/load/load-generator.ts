import { HOT_PRODUCTS, PRODUCT_COUNT } from '@firedrill/scenarios';
import { Pool } from 'undici';

type Step = { method: 'GET' | 'POST'; path: () => string; body?: () => unknown };
interface Journey {
  name: 'browse' | 'view-item' | 'checkout';
  weight: number;
  steps: Step[];
}

/** 80% of item views go to the hot products, as on a real shop's front page. */
const productId = (): number =>
  Math.random() < 0.8 ? 1 + Math.floor(Math.random() * HOT_PRODUCTS) : 1 + Math.floor(Math.random() * PRODUCT_COUNT);

const viewItem: Step = { method: 'GET', path: () => `/api/products/${productId()}` };
const JOURNEYS: Journey[] = [
  { name: 'browse', weight: 0.4, steps: [{ method: 'GET', path: () => '/api/products' }] },
  { name: 'view-item', weight: 0.45, steps: [{ method: 'GET', path: () => '/api/products' }, viewItem] },
  {
    name: 'checkout',
    weight: 0.15,
    steps: [
      viewItem,
      {
        method: 'POST',
        path: () => '/api/checkout',
        body: () => ({ items: [{ productId: productId(), quantity: 1 + Math.floor(Math.random() * 3) }] }),
      },
    ],
  },
];
const MEAN_STEPS = JOURNEYS.reduce((sum, journey) => sum + journey.weight * journey.steps.length, 0);
const LATENCY_WINDOW = 2048;

export interface LoadStats {
  targetRps: number;
  sent: number;
  completed: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
  inFlight: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  lastError: string | null;
}

/**
 * Steady open-loop traffic through the gateway: journeys start on schedule whether or not earlier
 * ones have finished, so a slow stack piles up requests instead of quietly lowering the load
 * (no coordinated omission).
 */
export class LoadGenerator {
  private readonly pool: Pool;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private journeysStarted = 0;
  private readonly latencies: number[] = [];
  private latencyCursor = 0;
  private readonly stats_: Omit<LoadStats, 'targetRps' | 'latencyMs' | 'inFlight'> = {
    sent: 0,
    completed: 0,
    ok: 0,
    clientErrors: 0,
    serverErrors: 0,
    networkErrors: 0,
    lastError: null,
  };

  constructor(
    gatewayUrl: string,
    private rps: number,
  ) {
    this.pool = new Pool(gatewayUrl, { connections: 512, headersTimeout: 10_000, bodyTimeout: 10_000 });
  }

  start(): void {
    if (this.timer) return;
    this.restartSchedule();
    this.timer = setInterval(() => this.tick(), 5);
    this.timer.unref();
  }

  setRate(rps: number): void {
    this.rps = rps;
    this.restartSchedule();
  }

  stats(): LoadStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const quantile = (q: number): number | null =>
      sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
    return {
      targetRps: this.rps,
      ...this.stats_,
      inFlight: this.stats_.sent - this.stats_.completed,
      latencyMs: { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) },
    };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pool.destroy();
  }

  private restartSchedule(): void {
    this.startedAt = performance.now();
    this.journeysStarted = 0;
  }

  private tick(): void {
    const journeysPerSecond = this.rps / MEAN_STEPS;
    const due = Math.floor(((performance.now() - this.startedAt) / 1000) * journeysPerSecond);
    // After a long event-loop stall, do not fire a burst of more than a second's worth.
    if (due - this.journeysStarted > journeysPerSecond + 1) this.journeysStarted = due - Math.ceil(journeysPerSecond);
    while (this.journeysStarted < due) {
      this.journeysStarted++;
      void this.runJourney(pickJourney());
    }
  }

  private async runJourney(journey: Journey): Promise<void> {
    for (const step of journey.steps) {
      if (!this.timer) return;
      const passed = await this.send(step);
      if (!passed) return;
    }
  }

  private async send(step: Step): Promise<boolean> {
    this.stats_.sent++;
    const started = performance.now();
    try {
      const body = step.body?.();
      const response = await this.pool.request({
        method: step.method,
        path: step.path(),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.body.dump();
      this.record(performance.now() - started);
      if (response.statusCode >= 500) this.stats_.serverErrors++;
      else if (response.statusCode >= 400) this.stats_.clientErrors++;
      else this.stats_.ok++;
      return response.statusCode < 400;
    } catch (error) {
      this.record(performance.now() - started);
      this.stats_.networkErrors++;
      this.stats_.lastError = (error as Error).message;
      return false;
    } finally {
      this.stats_.completed++;
    }
  }

  private record(latencyMs: number): void {
    if (this.latencies.length < LATENCY_WINDOW) this.latencies.push(latencyMs);
    else this.latencies[this.latencyCursor++ % LATENCY_WINDOW] = latencyMs;
  }
}

function pickJourney(): Journey {
  let roll = Math.random();
  for (const journey of JOURNEYS) {
    roll -= journey.weight;
    if (roll < 0) return journey;
  }
  return JOURNEYS[0]!;
}
