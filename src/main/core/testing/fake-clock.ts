// Test support: the one manual clock for every test of time-driven code (the expiry scheduler,
// the clipboard guard, the rate limiter, the file lock). Nothing fires until the test moves time:
//  - `advance(ms)` moves time synchronously, firing due timers and ending due sleeps in order
//    (for code driven by timer callbacks);
//  - `run(done)` fires one timer or sleep at a time and lets promise callbacks run after each,
//    until `done()` (for code that awaits sleeps: each waker sees the time it woke at);
//  - `jump(ms)` moves the wall clock without firing anything (a sleep of the machine, a clock
//    change), and `t` may be set directly;
//  - with `autoAdvance`, a sleep ends at once, moving time by its length (for code that sleeps
//    between real I/O, such as waiting for a file lock, which no test could step through).
import type { Clock } from '../clock';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private seq = 0;
  private readonly autoAdvance: boolean;
  /** The length of every sleep asked for, in order. */
  readonly sleeps: number[] = [];

  /** Starts at `start` (epoch ms; 0 unless a test needs a real date). */
  constructor(start = 0, options: { autoAdvance?: boolean } = {}) {
    this.time = start;
    this.autoAdvance = options.autoAdvance ?? false;
  }

  /** The current time; setting it moves time without firing anything. */
  get t(): number {
    return this.time;
  }
  set t(value: number) {
    this.time = value;
  }

  now = (): number => this.time;

  setTimer = (ms: number, fn: () => void): (() => void) => {
    const timer = this.add(ms, fn);
    return () => this.drop(timer);
  };

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.sleeps.push(ms);
      if (this.autoAdvance) {
        this.time += Math.max(0, ms);
        // other callbacks run first, as they would while the sleep lasted
        return void FakeClock.flush().then(resolve);
      }
      const timer = this.add(ms, resolve);
      signal?.addEventListener(
        'abort',
        () => {
          this.drop(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Timers and sleeps still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order (a timer may set new ones). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.next(end);
      if (next === undefined) break;
      this.fire(next);
    }
    this.time = end;
  }

  /** Jumps the wall clock (sleep, clock change) WITHOUT firing timers. */
  jump(ms: number): void {
    this.time += ms;
  }

  /** Lets every queued promise callback run. */
  static async flush(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
  }

  /** Fires timers in time order until `done()` is true, none are left or the next is after `limitMs`. */
  async run(done: () => boolean, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    await FakeClock.flush();
    while (!done()) {
      const next = this.next(limitMs);
      if (next === undefined) return;
      this.fire(next);
      await FakeClock.flush();
    }
  }

  private add(ms: number, fire: () => void): Timer {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fire };
    this.timers.push(timer);
    return timer;
  }

  private drop(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
  }

  /** The earliest timer due at or before `limit` (the first set among equals). */
  private next(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at > limit) continue;
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    this.drop(timer);
    this.time = Math.max(this.time, timer.at);
    timer.fire();
  }
}
