import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { GameDayRuns } from './gameday-runs.js';

const INTERVAL_NAME = 'gamedays.tick';
/** Wall time between evaluations; a start is at most this late (the grace is far longer). */
export const TICK_INTERVAL_MS = 5000;

/**
 * The thin shell around GameDayRuns.tick: an interval in @nestjs/schedule's registry. It never
 * overlaps itself (a tick still starting stacks makes the next one skip) and counts what went
 * wrong; every decision is in the tick.
 */
@Injectable()
export class GameDaysScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('gamedays');
  readonly stats = { ticks: 0, errors: 0, skipped: 0, lastError: null as string | null };
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runs: GameDayRuns,
  ) {}

  onApplicationBootstrap(): void {
    const handle = setInterval(() => void this.beat(), TICK_INTERVAL_MS);
    handle.unref();
    this.registry.addInterval(INTERVAL_NAME, handle);
  }

  /** One evaluation unless one is still under way. */
  beat(): Promise<void> {
    if (this.inFlight) {
      this.stats.skipped++;
      return this.inFlight;
    }
    this.inFlight = this.runs
      .tick()
      .then(
        ({ errors }) => {
          this.stats.ticks++;
          this.stats.errors += errors;
        },
        (error: Error) => {
          this.stats.errors++;
          this.stats.lastError = error.message;
          this.logger.error(`game-day tick failed: ${error.message}`);
        },
      )
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    // The store closes after this hook: let a tick under way finish its writes, then cut webhooks short.
    await Promise.race([this.inFlight, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await this.runs.stop();
  }
}
