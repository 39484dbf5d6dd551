import type { Clock } from '../rate-limiter';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A manual clock for tests: sleeps resolve only when `run`/`advance` moves time forward. */
export class FakeClock implements Clock {
  t = 0;
  private timers: Timer[] = [];
  private seq = 0;

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
      this.timers.push(timer);
    });

  get pending(): number {
    return this.timers.length;
  }

  /** Lets every queued promise callback run. */
  static async flush(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
  }

  /** Fires timers in time order until `done()` is true or none are left. */
  async run(done: () => boolean, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    await FakeClock.flush();
    while (!done()) {
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > limitMs) return;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.resolve();
      await FakeClock.flush();
    }
  }

  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await this.run(() => false, target);
    this.t = target;
    await FakeClock.flush();
  }
}
