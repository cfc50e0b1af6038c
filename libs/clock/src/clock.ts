/** Opaque handle of a timer started through a {@link Clock}. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Every component takes time from a clock so that tests can step time instead of sleeping and
 * drills can run faster than real time. `now()` is the clock's own time in epoch milliseconds;
 * timer delays are in the clock's milliseconds too (a ScaledClock at speed 60 fires a 60 s
 * timer after one wall second).
 */
export interface Clock {
  now(): number;
  /** How many clock milliseconds pass per wall millisecond (1 for real time). */
  readonly speed: number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Resolves after `delayMs` of clock time; rejects with an AbortError when `signal` aborts. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('the wait was aborted');
  error.name = 'AbortError';
  return error;
}

/** The shared body of `sleep` for any clock: a timer that an abort signal can cancel. */
export function sleepOn(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortError(signal!));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
