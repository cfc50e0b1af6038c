import { sleepOn, type Clock, type TimerHandle } from './clock.js';

interface NodeTimerHandle extends TimerHandle {
  readonly timer: NodeJS.Timeout;
}

let nextTimerId = 1;

/**
 * Clock time runs `speed` times faster than wall time, starting from the wall time at creation.
 * Speed 1 is the real clock. Timers are unref'd: a pending lease renewal must not keep a
 * shutting-down process alive.
 */
export class ScaledClock implements Clock {
  private readonly wallOrigin = Date.now();

  constructor(readonly speed = 1) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new RangeError(`clock speed must be a positive finite number, got ${speed}`);
    }
  }

  now(): number {
    return this.wallOrigin + (Date.now() - this.wallOrigin) * this.speed;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = setTimeout(callback, Math.max(0, delayMs / this.speed));
    timer.unref();
    const handle: NodeTimerHandle = { id: nextTimerId++, timer };
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) clearTimeout((handle as NodeTimerHandle).timer);
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, delayMs, signal);
  }

  /** This clock's time at wall time `wallMs` (e.g. a log line's own timestamp). */
  fromWallMs(wallMs: number): number {
    return this.wallOrigin + (wallMs - this.wallOrigin) * this.speed;
  }

  /** Wall milliseconds that `clockMs` of this clock's time take. */
  toWallMs(clockMs: number): number {
    return clockMs / this.speed;
  }
}

export class RealClock extends ScaledClock {
  constructor() {
    super(1);
  }
}
