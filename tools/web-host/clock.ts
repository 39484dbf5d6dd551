// A clock for demos and tests of time-driven behaviour (expiry warnings, auto refresh,
// clipboard clearing): real time, optionally running `speed` times faster, and able to jump
// forward on request (`advance`), firing every timer that falls due. Credentials and tokens
// issued by the emulator keep real-time expiries; only the app's schedules use this clock.
import type { TimerClock } from '../../src/main/core/clock';

interface Timer {
  due: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout> | null;
}

const MAX_DELAY = 2 ** 31 - 1;

export class ControllableClock implements TimerClock {
  private readonly realStart = Date.now();
  private offset = 0;
  private readonly timers = new Set<Timer>();

  constructor(readonly speed: number = 1) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error('clock speed must be > 0');
  }

  now(): number {
    return this.realStart + (Date.now() - this.realStart) * this.speed + this.offset;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { due: this.now() + Math.max(0, ms), fn, handle: null };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      if (timer.handle !== null) clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  /** Moves time forward by `ms`, firing (in order) every timer that falls due. */
  advance(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error('advance needs ms >= 0');
    this.offset += ms;
    const now = this.now();
    const due = [...this.timers].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    for (const timer of due) this.fire(timer);
    for (const timer of this.timers) this.arm(timer);
    return this.now();
  }

  dispose(): void {
    for (const timer of this.timers) if (timer.handle !== null) clearTimeout(timer.handle);
    this.timers.clear();
  }

  private arm(timer: Timer): void {
    if (timer.handle !== null) clearTimeout(timer.handle);
    const wait = Math.min(MAX_DELAY, Math.max(0, Math.ceil((timer.due - this.now()) / this.speed)));
    timer.handle = setTimeout(() => {
      timer.handle = null;
      if (this.now() >= timer.due) this.fire(timer);
      else if (this.timers.has(timer)) this.arm(timer);
    }, wait);
    timer.handle.unref?.();
  }

  private fire(timer: Timer): void {
    if (!this.timers.delete(timer)) return;
    if (timer.handle !== null) clearTimeout(timer.handle);
    timer.handle = null;
    try {
      timer.fn();
    } catch {
      // One failing timer must not stop the others.
    }
  }
}
