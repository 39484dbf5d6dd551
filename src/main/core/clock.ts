// The one clock of the core: what time it is, a sleep and a timer. Everything that waits or
// schedules takes it (or the part of it that it needs, SleepClock or TimerClock) so that tests
// drive time with the one fake clock (testing/fake-clock.ts) and nothing waits for real.

export interface Clock {
  /** The current time, epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` once after `ms`; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** What code that waits in line needs (the rate limiter, the file lock). */
export type SleepClock = Pick<Clock, 'now' | 'sleep'>;

/** What code that schedules work needs (the expiry scheduler, the clipboard guard). */
export type TimerClock = Pick<Clock, 'now' | 'setTimer'>;

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort(): void {
        clearTimeout(timer);
        reject(abortReason(signal));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  // A timer never keeps the process alive by itself (the CLI exits when its work is done).
  setTimer: (ms, fn) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
