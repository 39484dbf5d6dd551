// What the limiter's tests share: a limiter and a simulated portal on one fake clock, the floors
// a listing is measured against, and a sampler of what the limiter reports over time.
import { RateLimiter } from '../rate-limiter';
import { FakeClock } from './fake-clock';
import { SimulatedPortal, type SimulatedPortalOptions } from './simulated-portal';

export function setup(o: Omit<SimulatedPortalOptions, 'clock'>, limiterOptions = {}) {
  const clock = new FakeClock();
  const limiter = new RateLimiter({ clock, ...limiterOptions });
  const portal = new SimulatedPortal({ clock, ...o });
  return { clock, limiter, portal };
}

/** With no limit: the accounts pages one after another, then the roles 64 at a time. */
export const unlimitedFloorMs = (accounts: number, latencyMs: number): number =>
  (Math.ceil(accounts / 100) + Math.ceil(accounts / 64)) * latencyMs;

/** A token bucket of `burst` refilled at `rate`: the burst at once, the rest at the rate. */
export const bucketFloorMs = (
  calls: number,
  rate: number,
  burst: number,
  latencyMs: number,
): number => (Math.max(0, calls - burst) / rate) * 1000 + latencyMs;

export const accepted = (portal: SimulatedPortal, op: string): number => {
  const c = portal.count(op);
  return c.calls - c.throttled;
};

/** Samples what the limiter reports for one operation every `everyMs` of simulated time. */
export function sample(clock: FakeClock, limiter: RateLimiter, op: string, everyMs: number) {
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
