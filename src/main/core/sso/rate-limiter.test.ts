// The limiter against a simulated portal on the fake clock: token buckets like the emulator's,
// a latency, HTTP 500s. Every figure here is simulated time, so the assertions are exact and
// deterministic; they state how close the listing comes to what the server allows.
import { describe, expect, it } from 'vitest';
import { GiveUpError, RateLimiter, runLimited, type Outcome } from './rate-limiter';
import { FakeClock } from './testing/fake-clock';
import {
  classifySimulated,
  seededRandom,
  SimulatedHttpError,
  SimulatedPortal,
  simulateListing,
  type SimulatedPortalOptions,
} from './testing/simulated-portal';

function setup(o: Omit<SimulatedPortalOptions, 'clock'>, limiterOptions = {}) {
  const clock = new FakeClock();
  const limiter = new RateLimiter({ clock, ...limiterOptions });
  const portal = new SimulatedPortal({ clock, ...o });
  return { clock, limiter, portal };
}

/** With no limit: the accounts pages one after another, then the roles 64 at a time. */
const unlimitedFloorMs = (accounts: number, latencyMs: number): number =>
  (Math.ceil(accounts / 100) + Math.ceil(accounts / 64)) * latencyMs;

/** A token bucket of `burst` refilled at `rate`: the burst at once, the rest at the rate. */
const bucketFloorMs = (calls: number, rate: number, burst: number, latencyMs: number): number =>
  (Math.max(0, calls - burst) / rate) * 1000 + latencyMs;

const accepted = (portal: SimulatedPortal, op: string): number => {
  const c = portal.count(op);
  return c.calls - c.throttled;
};

/** Samples what the limiter reports for one operation every `everyMs` of simulated time. */
function sample(clock: FakeClock, limiter: RateLimiter, op: string, everyMs: number) {
  const seen: Array<{ at: number; mode: string; rate: number | null; inFlight: number }> = [];
  let stop = false;
  void (async () => {
    while (!stop) {
      await clock.sleep(everyMs);
      const s = limiter.stats().operations[op];
      if (s) seen.push({ at: clock.now(), mode: s.mode, rate: s.rate, inFlight: s.inFlight });
    }
  })();
  return {
    seen,
    stop: () => {
      stop = true;
    },
  };
}

describe('RateLimiter: nothing throttles', () => {
  it.each([40, 150])(
    'reaches 64 in flight within a few round trips and lists near the latency floor (%i ms)',
    async (latencyMs) => {
      const { clock, limiter, portal } = setup({ latencyMs });
      let peak = 0;
      const probe = sample(clock, limiter, 'ListAccountRoles', 5);
      const r = await simulateListing(limiter, portal, clock, 300);
      probe.stop();
      for (const s of probe.seen) peak = Math.max(peak, s.inFlight);
      expect(r.listed).toBe(300);
      expect(r.throttled).toBe(0);
      expect(peak).toBe(64);
      // The pages, then rounds of 8, 16, 32 and 64 before running 64 at a time: two round trips
      // more than a client that starts 64 at once.
      expect(r.ms).toBeLessThanOrEqual(unlimitedFloorMs(300, latencyMs) + 2 * latencyMs);
    },
  );

  it('doubles a round only once the round before has answered', async () => {
    const { clock, limiter, portal } = setup({ latencyMs: 40 });
    const starts: number[] = [];
    const call = portal.call.bind(portal);
    portal.call = (op) => {
      if (op === 'ListAccountRoles') starts.push(clock.now());
      return call(op);
    };
    await simulateListing(limiter, portal, clock, 200);
    const perInstant = new Map<number, number>();
    for (const t of starts) perInstant.set(t, (perInstant.get(t) ?? 0) + 1);
    expect([...perInstant.values()].slice(0, 4)).toEqual([8, 16, 32, 64]);
  });

  it('stops growing when latency rises with the number in flight', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    // A server that works on 8 requests at a time and queues the rest: latency grows with the load.
    let atServer = 0;
    let peak = 0;
    const portal = new SimulatedPortal({ clock, latencyMs: () => 40 * Math.max(1, atServer / 8) });
    const call = portal.call.bind(portal);
    portal.call = async (op) => {
      atServer++;
      peak = Math.max(peak, atServer);
      try {
        await call(op);
      } finally {
        atServer--;
      }
    };
    const r = await simulateListing(limiter, portal, clock, 400);
    expect(r.listed).toBe(400);
    expect(peak).toBeLessThanOrEqual(32);
  });
});

describe('RateLimiter: a token bucket', () => {
  it('20 requests/s, burst 20: within 5% of the bucket floor, at most 5% answered 429', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(r.failedAccounts).toBe(0);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(300, 20, 20, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
    // It found the rate: paced at it, within 1%.
    const s = limiter.stats().operations.ListAccountRoles;
    expect(s?.mode).toBe('paced');
    expect(Math.abs((s?.rate ?? 0) - 20)).toBeLessThan(0.2);
  });

  it('50 requests/s, 2000 accounts: within 5% of the bucket floor, at most 5% answered 429', async () => {
    const { clock, limiter, portal } = setup({ rate: 50, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 2000);
    expect(r.listed).toBe(2000);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(2000, 50, 50, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('5% HTTP 500s at 20 requests/s: every one retried, none failed, still at the floor', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40, failRate: 0.05 });
    const r = await simulateListing(limiter, portal, clock, 1000);
    const answered500 = portal.count('ListAccountRoles').failed;
    expect(answered500).toBeGreaterThan(20);
    expect(r.listed).toBe(1000);
    expect(r.failedAccounts).toBe(0);
    // A 500 used a token of the bucket too (the emulator answers it after taking one).
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(1000 + answered500, 20, 20, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('varying latency (30–60 ms) costs no more 429s', async () => {
    const random = seededRandom(3);
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: () => 30 + 30 * random() });
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(300, 20, 20, 60));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it("timers that fire late (a busy event loop) do not cost the server's tokens", async () => {
    // The limiter's own sleeps wake up to 30 ms late; the server's bucket keeps the tokens.
    const clock = new FakeClock();
    const random = seededRandom(5);
    const late = {
      now: clock.now,
      sleep: (ms: number, signal?: AbortSignal) => clock.sleep(ms + 30 * random(), signal),
    };
    const limiter = new RateLimiter({ clock: late });
    const portal = new SimulatedPortal({ clock, rate: 50, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 1000);
    expect(r.listed).toBe(1000);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(1000, 50, 50, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('a client that stalls (400 ms of every 2 s) catches up from the bucket the server kept', async () => {
    // Nothing of the client runs during a stall: its timers fire and answers are read after it.
    const clock = new FakeClock();
    const stallLeft = () => Math.max(0, 400 - (clock.now() % 2000));
    const stalled = {
      now: clock.now,
      sleep: (ms: number, signal?: AbortSignal) => {
        const phase = (clock.now() + ms) % 2000;
        return clock.sleep(ms + (phase < 400 ? 400 - phase : 0), signal);
      },
    };
    const limiter = new RateLimiter({ clock: stalled });
    const portal = new SimulatedPortal({ clock, rate: 50, latencyMs: 40 });
    const call = portal.call.bind(portal);
    portal.call = async (op) => {
      try {
        await call(op);
      } finally {
        if (stallLeft() > 0) await clock.sleep(stallLeft());
      }
    };
    const r = await simulateListing(limiter, portal, clock, 1000);
    expect(r.listed).toBe(1000);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(1000, 50, 50, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('answers read late by a busy client do not make the bounds lie', async () => {
    // Reading an answer takes 2 ms, one at a time: a round of 429s is read over ~100 ms though
    // the server decided them all at once. Taken as decision times, those reading times would
    // bound the rate far below the truth.
    const { clock, limiter, portal } = setup({ rate: 50, latencyMs: 40, readCostMs: 2 });
    const r = await simulateListing(limiter, portal, clock, 2000);
    expect(r.listed).toBe(2000);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(2000, 50, 50, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('a 429 without Retry-After is paced all the same', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, latencyMs: 40, retryAfter: false });
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(300, 20, 20, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('a burst smaller than a second of the rate: it searches the rate upward', async () => {
    const { clock, limiter, portal } = setup({ rate: 20, burst: 5, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 300);
    expect(r.listed).toBe(300);
    expect(r.ms).toBeLessThanOrEqual(1.1 * bucketFloorMs(300, 20, 5, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });

  it('a slow rate (5/s): the probes stay rare', async () => {
    const { clock, limiter, portal } = setup({ rate: 5, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 600);
    expect(r.listed).toBe(600);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(600, 5, 5, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });
});

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
