// The limiter on the fake clock when the server changes its limits during a listing, with
// several operations under the shared cap, and runLimited's retries (the steady regimes:
// rate-limiter.test.ts). Simulated time, so the assertions are exact.
import { describe, expect, it } from 'vitest';
import { GiveUpError, RateLimiter, runLimited, type Outcome } from './rate-limiter';
import { FakeClock } from './testing/fake-clock';
import { classifySimulated, SimulatedHttpError, simulateListing } from './testing/simulated-portal';
import { accepted, bucketFloorMs, sample, setup } from './testing/limiter-harness';

describe('RateLimiter: the server changes its mind', () => {
  it('a rate that drops mid-run (50 -> 20 req/s) is followed at once', async () => {
    const { clock, limiter, portal } = setup({ rate: 50, latencyMs: 40 });
    let before = 0;
    void clock.sleep(5000).then(() => {
      before = accepted(portal, 'ListAccountRoles');
      portal.setRate(20);
    });
    const probe = sample(clock, limiter, 'ListAccountRoles', 100);
    const r = await simulateListing(limiter, portal, clock, 1000);
    probe.stop();
    expect(r.listed).toBe(1000);
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
    // The new bucket starts full (20), so the first 429 comes about 0.7 s after the drop; a second
    // later the pace is at the new rate, give or take the gentle probes above it.
    const paceAfter = probe.seen.filter((s) => s.at >= 7000 && s.at < 30_000);
    expect(paceAfter.length).toBeGreaterThan(200);
    for (const s of paceAfter) expect(s.rate).toBeLessThan(1.15 * 20);
    // The rest after the drop, from a fresh bucket of 20.
    expect(r.ms).toBeLessThanOrEqual(1.05 * (5000 + bucketFloorMs(1000 - before, 20, 20, 40)));
  });

  it('a rate that rises mid-run (20 -> 50 req/s) is found within a few seconds', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    let before = 0;
    void clock.sleep(5000).then(() => {
      before = accepted(portal, 'ListAccountRoles');
      portal.setRate(50);
    });
    const probe = sample(clock, limiter, 'ListAccountRoles', 100);
    const r = await simulateListing(limiter, portal, clock, 1500);
    probe.stop();
    expect(r.listed).toBe(1500);
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
    const found = probe.seen.find((s) => s.at > 5000 && s.mode === 'paced' && (s.rate ?? 0) > 45);
    expect(found?.at).toBeLessThan(11_000);
    expect(r.ms).toBeLessThanOrEqual(1.1 * (5000 + bucketFloorMs(1500 - before, 50, 50, 40)));
  });

  it('a limit lifted mid-run: back to 64 in flight', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    void clock.sleep(5000).then(() => portal.setRate(undefined));
    const probe = sample(clock, limiter, 'ListAccountRoles', 20);
    const r = await simulateListing(limiter, portal, clock, 1000);
    probe.stop();
    expect(r.listed).toBe(1000);
    const full = probe.seen.find((s) => s.inFlight === 64);
    expect(full?.at).toBeLessThan(11_000);
    expect(r.ms).toBeLessThan(12_000);
  });

  it('a limit that appears mid-run: paced at it after one window of 429s', async () => {
    const { clock, limiter, portal } = setup({ latencyMs: 40 });
    void clock.sleep(400).then(() => portal.setRate(20));
    const r = await simulateListing(limiter, portal, clock, 1500);
    expect(r.listed).toBe(1500);
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('after an idle spell a new listing uses the refilled bucket and the rate it learnt', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    await simulateListing(limiter, portal, clock, 300);
    await clock.advance(30_000);
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(300, 20, 20, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });
});

describe('RateLimiter: operations and the shared cap', () => {
  it('paces each operation on its own: a credentials call does not wait behind a listing', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    let credentialsMs: number | undefined;
    void clock.sleep(3000).then(async () => {
      const t = clock.now();
      await runLimited(limiter, () => portal.call('GetRoleCredentials'), classifySimulated, {
        operation: 'GetRoleCredentials',
      });
      credentialsMs = clock.now() - t;
    });
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(credentialsMs).toBe(40);
  });

  it('never has more than maxConcurrency requests in flight over all operations', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, maxConcurrency: 10 });
    let inFlight = 0;
    let peak = 0;
    const run = (op: string) =>
      runLimited(
        limiter,
        async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await clock.sleep(40);
          inFlight--;
        },
        classifySimulated,
        { operation: op },
      );
    let done = 0;
    const all = Promise.all(
      Array.from({ length: 200 }, (_, i) => run(i % 2 ? 'A' : 'B').then(() => done++)),
    );
    await clock.run(() => done === 200);
    await all;
    expect(peak).toBe(10);
  });

  it('a waiter that is aborted leaves the queue; the rest go on', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, maxConcurrency: 1 });
    const first = await limiter.acquire('A');
    const stop = new AbortController();
    const aborted = limiter.acquire('A', stop.signal);
    const next = limiter.acquire('A');
    stop.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    first.done('ok');
    const permit = await next;
    permit.done('ok');
    expect(limiter.stats().inFlight).toBe(0);
    expect(limiter.stats().operations.A?.waiting).toBe(0);
  });

  it('counts each permit once', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const permit = await limiter.acquire('A');
    permit.done('ok');
    permit.done('ok');
    expect(limiter.stats().inFlight).toBe(0);
    expect(limiter.stats().successes).toBe(1);
  });
});

describe('runLimited', () => {
  const retryAfter1s = (e: unknown): Outcome =>
    classifySimulated(e).kind === 'throttled'
      ? { kind: 'throttled', retryAfterMs: 1000 }
      : classifySimulated(e);

  it('honours Retry-After: a throttled request asks again only after it', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    let calls = 0;
    const started: number[] = [];
    const p = runLimited(
      limiter,
      async () => {
        started.push(clock.now());
        if (++calls < 4) throw new SimulatedHttpError(429, 1000);
        return 'ok';
      },
      retryAfter1s,
    );
    let result: string | undefined;
    void p.then((r) => (result = r));
    await clock.run(() => result !== undefined);
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    for (let i = 1; i < started.length; i++) {
      expect(started[i]! - started[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    expect(limiter.stats().throttles).toBe(3);
  });

  it('honours Retry-After in a listing: no request is retried before its server said', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    const lastThrottleAt = new Map<number, number>();
    let violations = 0;
    let id = 0;
    const listed = await (async () => {
      let done = 0;
      const all = Array.from({ length: 200 }, () => {
        const me = id++;
        return runLimited(
          limiter,
          async () => {
            const until = lastThrottleAt.get(me);
            if (until !== undefined && clock.now() < until) violations++;
            try {
              await portal.call('ListAccountRoles');
            } catch (e) {
              if (e instanceof SimulatedHttpError && e.retryAfterMs !== undefined) {
                lastThrottleAt.set(me, clock.now() + e.retryAfterMs);
              }
              throw e;
            }
          },
          classifySimulated,
          { operation: 'ListAccountRoles' },
        ).then(() => done++);
      });
      await clock.run(() => done === 200);
      await Promise.all(all);
      return done;
    })();
    expect(listed).toBe(200);
    expect(lastThrottleAt.size).toBeGreaterThan(0);
    expect(violations).toBe(0);
  });

  it('retries 5xx with growing backoff, then gives up after maxAttempts', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const started: number[] = [];
    const p = runLimited(
      limiter,
      async () => {
        started.push(clock.now());
        throw new SimulatedHttpError(503);
      },
      classifySimulated,
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
          throw new SimulatedHttpError(403);
        },
        classifySimulated,
      ),
    ).rejects.toBeInstanceOf(SimulatedHttpError);
    expect(calls).toBe(1);
    expect(limiter.stats().inFlight).toBe(0);
  });

  it('gives up on 429s only when nothing succeeded for the stall time', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const p = runLimited(
      limiter,
      async () => {
        throw new SimulatedHttpError(429, 1000);
      },
      retryAfter1s,
      { stallMs: 10_000 },
    );
    let error: unknown;
    p.catch((e: unknown) => (error = e));
    await clock.run(() => error !== undefined);
    expect((error as GiveUpError).reason).toBe('throttled');
    expect(clock.now()).toBeGreaterThanOrEqual(10_000);
  });
});
