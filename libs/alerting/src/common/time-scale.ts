import { formatDurationMs } from './duration.js';

/**
 * How rule windows follow a stack's clock speed.
 *
 * Inside Firedrill the scraper stamps samples with the *stack's* clock, so a stack at `speed: 60`
 * already keeps an hour of data per wall minute and its rules run with `timeScale: 1`: only the
 * floor below matters there (the scrape interval in stack time grows with the speed).
 * `timeScale` is for a Prometheus outside Firedrill that scrapes a fast stack in wall time
 * (`firedrill rules export --time-scale 60`): a rule written for production ("error ratio over
 * 1h") then has to look at 1h / 60 = 1m of its data. `timeScale` is the stack profile's `speed`.
 *
 * Range windows (`[1h]` in a query):
 *   scaled = max(4 × scrapeInterval, ceil(nominal / timeScale / scrapeInterval) × scrapeInterval)
 * Rounding up to whole scrape intervals keeps the window a readable duration that always spans
 * the same number of samples; the floor of four scrape intervals is Prometheus's advice for
 * `rate()` so a window always holds enough samples to survive one missed scrape. With the drill
 * default of a 1 s scrape the floor is 4 s, so at speed 60 the 5m window becomes 5s, 1h becomes
 * 1m and 3d becomes 1h12m; at speed 1000 every window shorter than about 1h7m collapses to 4s.
 *
 * `for` durations:
 *   scaled = 0 when nominal is 0, else max(evaluationInterval,
 *            ceil(nominal / timeScale / evaluationInterval) × evaluationInterval)
 * A non-zero `for` shorter than one evaluation interval behaves like one interval anyway (the
 * alert becomes firing on the next evaluation), so the rule file says what really happens.
 */
export interface TimeScaleOptions {
  /** Scenario seconds per second of data time (the stack's `speed`); 1 leaves rules unchanged. */
  timeScale?: number;
  /** The scrape interval of the stack's targets in ms (default 1000, the drill default). */
  scrapeIntervalMs?: number;
  /** The rule evaluation interval in ms (default 1000). */
  evaluationIntervalMs?: number;
}

export const MIN_SAMPLES_PER_WINDOW = 4;

export class TimeScaler {
  readonly timeScale: number;
  readonly scrapeIntervalMs: number;
  readonly evaluationIntervalMs: number;

  constructor(options: TimeScaleOptions = {}) {
    this.timeScale = options.timeScale ?? 1;
    this.scrapeIntervalMs = options.scrapeIntervalMs ?? 1000;
    this.evaluationIntervalMs = options.evaluationIntervalMs ?? 1000;
    for (const [name, value] of Object.entries({
      timeScale: this.timeScale,
      scrapeIntervalMs: this.scrapeIntervalMs,
      evaluationIntervalMs: this.evaluationIntervalMs,
    })) {
      if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive finite number, got ${value}`);
    }
  }

  /** The smallest range window any scaled rule uses. */
  get windowFloorMs(): number {
    return MIN_SAMPLES_PER_WINDOW * this.scrapeIntervalMs;
  }

  windowMs(nominalMs: number): number {
    const quantum = this.scrapeIntervalMs;
    return Math.max(this.windowFloorMs, roundUpTo(nominalMs / this.timeScale, quantum));
  }

  /** The scaled window as PromQL duration text, ready for `[...]`. */
  window(nominalMs: number): string {
    return formatDurationMs(this.windowMs(nominalMs));
  }

  forMs(nominalMs: number): number {
    if (nominalMs <= 0) return 0;
    const quantum = this.evaluationIntervalMs;
    return Math.max(quantum, roundUpTo(nominalMs / this.timeScale, quantum));
  }
}

function roundUpTo(value: number, quantum: number): number {
  // The epsilon absorbs float noise such as 3_600_000 / 7 * 7 so exact multiples stay put.
  return Math.ceil(value / quantum - 1e-9) * quantum;
}
