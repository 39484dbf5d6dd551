import { describe, expect, it } from 'vitest';
import { GiveUpError, RateLimiter, runLimited, type Outcome } from './rate-limiter';
import { FakeClock } from './testing/fake-clock';

const throttle: Outcome = { kind: 'throttled' };
class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
const classify = (e: unknown): Outcome =>
  e instanceof HttpError
    ? e.status === 429
      ? throttle
      : e.status >= 500
        ? { kind: 'retryable' }
        : { kind: 'fatal' }
    : { kind: 'fatal' };

describe('RateLimiter', () => {
  it('spaces requests at the current rate without busy waiting', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 10 });
    const granted: number[] = [];
    const all = Promise.all(
      [0, 1, 2, 3, 4].map(async () => {
        const release = await limiter.acquire();
        granted.push(clock.now());
        release();
      }),
    );
    await clock.run(() => granted.length === 5);
    await all;
    expect(granted).toEqual([0, 100, 200, 300, 400]);
  });

  it('limits the number of requests in flight', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 1000, maxConcurrency: 2 });
    const r1 = await limiter.acquire();
    const r2Promise = limiter.acquire();
    await clock.run(() => false);
    const r2 = await r2Promise;
    let third = false;
    const r3Promise = limiter.acquire().then((r) => {
      third = true;
      return r;
    });
    await clock.run(() => false);
    expect(third).toBe(false);
    r1();
    await clock.run(() => third);
    expect(third).toBe(true);
    r2();
    (await r3Promise)();
    expect(limiter.stats().inFlight).toBe(0);
  });

  it('grows fast until the first 429, then slowly', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 20, increasePerSecond: 2 });
    for (let i = 0; i < 10; i++) limiter.success();
    expect(limiter.rate).toBe(30);
    limiter.throttled();
    const after = limiter.rate;
    expect(after).toBeLessThan(30);
    limiter.success();
    expect(limiter.rate).toBeCloseTo(after + 2 / after, 6);
  });

  it('on a 429 drops to the rate the server accepted, once per cooldown', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 100, decreaseFactor: 0.5 });
    (await limiter.acquire())(); // first slot at t=0
    // 40 successes spread over the last second
    for (let i = 0; i < 40; i++) {
      clock.t = 25 * (i + 1);
      limiter.success();
    }
    const before = limiter.rate; // 140 after slow start
    limiter.throttled();
    expect(limiter.rate).toBeCloseTo(Math.max(before * 0.5, 40), 6);
    const once = limiter.rate;
    limiter.throttled(); // same burst of 429s: no second cut
    expect(limiter.rate).toBe(once);
    clock.t += 600;
    limiter.throttled();
    expect(limiter.rate).toBeLessThan(once);
  });

  it('never goes below the minimum rate', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 1, minRate: 0.5, decreaseCooldownMs: 0 });
    for (let i = 0; i < 20; i++) limiter.throttled();
    expect(limiter.rate).toBe(0.5);
  });
});

describe('runLimited', () => {
  it('retries 429s, waiting Retry-After, until the call succeeds', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 100 });
    let calls = 0;
    const started: number[] = [];
    const p = runLimited(
      limiter,
      async () => {
        started.push(clock.now());
        if (++calls < 4) throw new HttpError(429);
        return 'ok';
      },
      (e) =>
        classify(e).kind === 'throttled' ? { kind: 'throttled', retryAfterMs: 1000 } : classify(e),
    );
    let result: string | undefined;
    void p.then((r) => (result = r));
    await clock.run(() => result !== undefined);
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(1000);
    expect(limiter.stats().throttles).toBe(3);
  });

  it('retries 5xx with growing backoff, then gives up after maxAttempts', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 1000 });
    const started: number[] = [];
    const p = runLimited(
      limiter,
      async () => {
        started.push(clock.now());
        throw new HttpError(503);
      },
      classify,
      { maxAttempts: 4, baseDelayMs: 100, random: () => 1 },
    );
    let error: unknown;
    p.catch((e: unknown) => (error = e));
    await clock.run(() => error !== undefined);
    expect(error).toBeInstanceOf(GiveUpError);
    expect((error as GiveUpError).reason).toBe('attempts');
    expect(started).toHaveLength(4);
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
  });

  it('rethrows other errors at once', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    let calls = 0;
    await expect(
      runLimited(
        limiter,
        async () => {
          calls++;
          throw new HttpError(403);
        },
        classify,
      ),
    ).rejects.toBeInstanceOf(HttpError);
    expect(calls).toBe(1);
  });

  it('gives up on 429s only when nothing succeeded for the stall time', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, initialRate: 100 });
    const p = runLimited(
      limiter,
      async () => {
        throw new HttpError(429);
      },
      (e) =>
        classify(e).kind === 'throttled' ? { kind: 'throttled', retryAfterMs: 1000 } : classify(e),
      { stallMs: 10_000 },
    );
    let error: unknown;
    p.catch((e: unknown) => (error = e));
    await clock.run(() => error !== undefined);
    expect((error as GiveUpError).reason).toBe('throttled');
    expect(clock.now()).toBeGreaterThanOrEqual(10_000);
  });

  it('converges near a server limit of 50 rps with 40 ms latency (within 1.15x of ideal)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    // The emulator's bucket: refills at 50/s, burst 50; a 429 costs no token; Retry-After 1 s.
    const rate = 50;
    let tokens = rate;
    let last = 0;
    const take = (now: number): boolean => {
      tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    };
    const total = 1000;
    let done = 0;
    let throttled = 0;
    const calls = Array.from({ length: total }, () =>
      runLimited(
        limiter,
        async () => {
          const ok = take(clock.now());
          await clock.sleep(40);
          if (!ok) {
            throttled++;
            throw new HttpError(429);
          }
        },
        (e) =>
          classify(e).kind === 'throttled'
            ? { kind: 'throttled', retryAfterMs: 1000 }
            : classify(e),
      ).then(() => done++),
    );
    await clock.run(() => done === total);
    await Promise.all(calls);
    expect(done).toBe(total);
    expect(clock.now()).toBeLessThanOrEqual((total / rate) * 1000 * 1.15);
    expect(throttled).toBeLessThan(total / 2);
  });
});
