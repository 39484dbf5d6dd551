// The limiter against a simulated portal on the fake clock: token buckets like the emulator's,
// a latency, HTTP 500s. Every figure here is simulated time, so the assertions are exact and
// deterministic; they state how close the listing comes to what the server allows.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';
import { FakeClock } from './testing/fake-clock';
import { seededRandom, SimulatedPortal, simulateListing } from './testing/simulated-portal';
import { bucketFloorMs, sample, setup, unlimitedFloorMs } from './testing/limiter-harness';

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

  it('still shrinks its window when a queue at the server appears mid-listing', async () => {
    // From 1.5 s the server works on 16 requests at a time (before: 64); latency grows with the
    // number in flight, and a smaller window brings it down.
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    let atServer = 0;
    const capacity = () => (clock.now() < 1500 ? 64 : 16);
    const portal = new SimulatedPortal({
      clock,
      latencyMs: () => 40 * Math.max(1, atServer / capacity()),
    });
    const call = portal.call.bind(portal);
    portal.call = async (op) => {
      atServer++;
      try {
        await call(op);
      } finally {
        atServer--;
      }
    };
    const probe = sample(clock, limiter, 'ListAccountRoles', 100);
    const r = await simulateListing(limiter, portal, clock, 3000);
    probe.stop();
    expect(r.listed).toBe(3000);
    const later = probe.seen.filter((s) => s.at > 4000 && s.at < r.ms - 500);
    expect(later.length).toBeGreaterThan(10);
    // At most twice the server's capacity in flight: latency at most twice the lowest.
    for (const s of later) expect(s.inFlight).toBeLessThanOrEqual(32);
  });

  it('keeps its window when latency rises for reasons of its own (not with the number in flight)', async () => {
    // Mid-listing every request takes 150 ms instead of 40, however many are in flight (a slower
    // path, a client busy with other work). A smaller window does not bring that down; it would
    // only list fewer accounts per round trip.
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const portal = new SimulatedPortal({ clock, latencyMs: () => (clock.now() < 1500 ? 40 : 150) });
    const probe = sample(clock, limiter, 'ListAccountRoles', 50);
    const r = await simulateListing(limiter, portal, clock, 2000);
    probe.stop();
    expect(r.listed).toBe(2000);
    // Past the first slower round trips, never fewer than 48 in flight while plenty wait.
    const later = probe.seen.filter((s) => s.at > 2500 && s.at < r.ms - 500);
    expect(later.length).toBeGreaterThan(10);
    for (const s of later) expect(s.inFlight).toBeGreaterThanOrEqual(48);
    // Less than listing every account from the change on, 64 per 150 ms round trip.
    expect(r.ms).toBeLessThanOrEqual(1500 + Math.ceil(2000 / 64) * 150);
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

  it.each([
    [20, 40],
    [10, 80],
  ])(
    'after a 429 at %i requests/s (%i ms) the next request reaches an empty bucket as it refills',
    async (rate, latencyMs) => {
      // The 429's answer comes one latency after the server found the bucket empty; a request
      // started then arrives one latency later still. The next request must not wait out that
      // round trip on top of the token: it reaches the server within the token's time, plus
      // the margin (a quarter of a token when the latency is steady), plus as much again.
      const { clock, limiter, portal } = setup({ rate, latencyMs });
      const arrivals: Array<{ at: number; ok: boolean }> = [];
      const call = portal.call.bind(portal);
      portal.call = async (op) => {
        if (op !== 'ListAccountRoles') return call(op);
        try {
          await call(op);
          arrivals.push({ at: clock.now(), ok: true });
        } catch (e) {
          arrivals.push({ at: clock.now(), ok: false });
          throw e;
        }
      };
      const r = await simulateListing(limiter, portal, clock, 300);
      expect(r.listed).toBe(300);
      const gaps: number[] = [];
      arrivals.forEach((a, i) => {
        // Paced 429s, after the first burst.
        if (a.ok || a.at < 1000) return;
        const next = arrivals.slice(i + 1).find((b) => b.ok);
        if (next) gaps.push(next.at - a.at);
      });
      expect(gaps.length).toBeGreaterThan(1);
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual((1.5 / rate) * 1000);
    },
  );

  it('a slow rate (5/s): the probes stay rare', async () => {
    const { clock, limiter, portal } = setup({ rate: 5, latencyMs: 40 });
    const r = await simulateListing(limiter, portal, clock, 600);
    expect(r.listed).toBe(600);
    expect(r.ms).toBeLessThanOrEqual(1.05 * bucketFloorMs(600, 5, 5, 40));
    expect(r.throttled / r.calls).toBeLessThanOrEqual(0.05);
  });
});
