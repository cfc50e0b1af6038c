import type { Clock, TimerHandle } from '@firedrill/clock';
import type { NotificationRecord, Notifier } from './notifier.js';

export interface NotifierLoopOptions {
  /** How often to tick, in clock ms (default 1000: a drill-scale group_wait of a few seconds stays precise). */
  intervalMs?: number;
  onNotifications?: (records: NotificationRecord[]) => void;
  onError?: (error: unknown) => void;
}

/**
 * A thin shell that ticks the notifier on the clock's timers. Ticks do not wait for slow
 * deliveries: a group whose flush is still posting is skipped until it finishes.
 */
export function startNotifierLoop(notifier: Notifier, clock: Clock, options: NotifierLoopOptions = {}): { stop(): void } {
  const intervalMs = options.intervalMs ?? 1000;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    timer = clock.setTimeout(run, intervalMs);
    notifier.tick(clock.now()).then(
      (records) => {
        if (records.length > 0) options.onNotifications?.(records);
      },
      (error: unknown) => options.onError?.(error),
    );
  };
  timer = clock.setTimeout(run, intervalMs);
  return {
    stop(): void {
      stopped = true;
      clock.clearTimeout(timer);
    },
  };
}
