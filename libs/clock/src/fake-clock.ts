import { sleepOn, type Clock, type TimerHandle } from './clock.js';

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** A clock that only moves when a test steps it; timers fire in due order, ties in start order. */
export class FakeClock implements Clock {
  readonly speed = 1;
  private current: number;
  private nextId = 1;
  private readonly pending = new Map<number, PendingTimer>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.current + Math.max(0, delayMs), callback };
    this.pending.set(timer.id, timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.pending.delete(handle.id);
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, delayMs, signal);
  }

  get pendingTimers(): number {
    return this.pending.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way (including timers
   * that those callbacks start), and lets promise continuations run after each one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.earliestDue();
      if (!next || next.dueAt > target) break;
      this.pending.delete(next.id);
      this.current = Math.max(this.current, next.dueAt);
      next.callback();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }

  private earliestDue(): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.pending.values()) {
      if (!earliest || timer.dueAt < earliest.dueAt || (timer.dueAt === earliest.dueAt && timer.id < earliest.id)) {
        earliest = timer;
      }
    }
    return earliest;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
