// The updates service's two timers on the core's clock: the daily check and the end of a
// postponement ("Later"). Each is armed anew, never twice at once; stop() ends both for good.
import type { TimerClock } from '../clock';

export const CHECK_INTERVAL_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

/** When a postponement of `hours` from `now` ends (epoch ms). */
export function postponementEnd(now: number, hours: number): number {
  return now + Math.round(hours * HOUR_MS);
}

export class UpdateTimers {
  private stopDaily: (() => void) | null = null;
  private stopPostpone: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly clock: TimerClock) {}

  /** Calls `check` every CHECK_INTERVAL_MS from now on, until stop(). */
  daily(check: () => void): void {
    this.stopDaily?.();
    this.stopDaily = this.clock.setTimer(CHECK_INTERVAL_MS, () => {
      if (this.stopped) return;
      this.daily(check);
      check();
    });
  }

  /**
   * Calls `ended` once at `postponed.until` (at once when that has passed), in place of the one
   * armed before; `undefined` only disarms.
   */
  postponeEnds<P extends { until: number }>(
    postponed: P | undefined,
    ended: (postponed: P) => void,
  ): void {
    this.stopPostpone?.();
    this.stopPostpone = null;
    if (postponed === undefined) return;
    const wait = Math.max(0, postponed.until - this.clock.now());
    this.stopPostpone = this.clock.setTimer(wait, () => {
      this.stopPostpone = null;
      ended(postponed);
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopDaily?.();
    this.stopPostpone?.();
    this.stopDaily = this.stopPostpone = null;
  }
}
