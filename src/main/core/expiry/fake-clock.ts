// A manual clock for tests of time-driven code: timers fire only when the test moves time.
import type { SchedulerClock } from './scheduler';

interface Timer {
  at: number;
  fn: () => void;
  seq: number;
}

export class FakeClock implements SchedulerClock {
  private timers = new Map<number, Timer>();
  private seq = 0;
  constructor(private time = Date.UTC(2026, 0, 1, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn, seq: id });
    return () => this.timers.delete(id);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order (a timer may set new ones). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = [...this.timers.values()]
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.timers.delete(next.seq);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = end;
  }

  /** Jumps the wall clock (sleep, clock change) WITHOUT firing timers. */
  jump(ms: number): void {
    this.time += ms;
  }
}
