// A portal on the fake clock, for testing the limiter: per-operation token buckets that work like
// the emulator's (a request takes its token when it reaches the handler, after the latency; a 429
// says Retry-After in whole seconds), a latency, a share of HTTP 500s, and a listing that pages
// the accounts and then asks for every account's roles at once, as SsoCore does.
import { runLimited, type Outcome, type RateLimiter } from '../rate-limiter';
import type { FakeClock } from './fake-clock';

export class SimulatedHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

export const classifySimulated = (e: unknown): Outcome => {
  if (!(e instanceof SimulatedHttpError)) return { kind: 'fatal' };
  if (e.status === 429) {
    return e.retryAfterMs === undefined
      ? { kind: 'throttled' }
      : { kind: 'throttled', retryAfterMs: e.retryAfterMs };
  }
  return e.status >= 500 ? { kind: 'retryable' } : { kind: 'fatal' };
};

class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: ((1 - this.tokens) / this.rate) * 1000 };
  }
}

export interface SimulatedPortalOptions {
  clock: FakeClock;
  /** Requests per second per operation; undefined = no limit. */
  rate?: number;
  /** Bucket size (default: one second of the rate, like the emulator). */
  burst?: number;
  /** ms per request, fixed or drawn per request. */
  latencyMs: number | (() => number);
  /** Share of requests that pass the bucket and are answered 500. */
  failRate?: number;
  /** Answer 429s with Retry-After (whole seconds, at least 1, as the emulator does; default true). */
  retryAfter?: boolean;
  /** Deterministic randomness for the 500s (default: a fixed-seed generator). */
  random?: () => number;
  /**
   * A busy client: reading each answer takes this long, one answer at a time, so answers that
   * arrive together are read one after the other (default 0).
   */
  readCostMs?: number;
}

export interface OperationCounts {
  calls: number;
  throttled: number;
  failed: number;
}

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SimulatedPortal {
  readonly counts = new Map<string, OperationCounts>();
  private buckets = new Map<string, Bucket>();
  private rate: number | undefined;
  private burst: number | undefined;
  private readonly random: () => number;
  /** When the client's reader is free again. */
  private readerFreeAt = 0;

  constructor(private readonly o: SimulatedPortalOptions) {
    this.rate = o.rate;
    this.burst = o.burst;
    this.random = o.random ?? seededRandom(1);
  }

  /** Changes the limit from now on (fresh, full buckets, as the emulator's configure does). */
  setRate(rate: number | undefined, burst?: number): void {
    this.rate = rate;
    this.burst = burst;
    this.buckets.clear();
  }

  count(op: string): OperationCounts {
    let c = this.counts.get(op);
    if (!c) {
      c = { calls: 0, throttled: 0, failed: 0 };
      this.counts.set(op, c);
    }
    return c;
  }

  total(): OperationCounts {
    const t = { calls: 0, throttled: 0, failed: 0 };
    for (const c of this.counts.values()) {
      t.calls += c.calls;
      t.throttled += c.throttled;
      t.failed += c.failed;
    }
    return t;
  }

  async call(op: string): Promise<void> {
    const c = this.count(op);
    c.calls++;
    const latency = typeof this.o.latencyMs === 'number' ? this.o.latencyMs : this.o.latencyMs();
    await this.o.clock.sleep(latency);
    try {
      this.decide(op, c);
    } finally {
      await this.read();
    }
  }

  /** The answer reaches the client now; it is read once the reader is free. */
  private async read(): Promise<void> {
    const cost = this.o.readCostMs ?? 0;
    if (cost <= 0) return;
    const now = this.o.clock.now();
    this.readerFreeAt = Math.max(this.readerFreeAt, now) + cost;
    await this.o.clock.sleep(this.readerFreeAt - now);
  }

  private decide(op: string, c: OperationCounts): void {
    const now = this.o.clock.now();
    if (this.rate !== undefined) {
      let bucket = this.buckets.get(op);
      if (!bucket) {
        bucket = new Bucket(this.rate, this.burst ?? Math.max(1, this.rate), now);
        this.buckets.set(op, bucket);
      }
      const take = bucket.take(now);
      if (!take.ok) {
        c.throttled++;
        const retryAfter = this.o.retryAfter ?? true;
        throw new SimulatedHttpError(
          429,
          retryAfter ? Math.max(1, Math.ceil(take.waitMs / 1000)) * 1000 : undefined,
        );
      }
    }
    if (this.o.failRate && this.random() < this.o.failRate) {
      c.failed++;
      throw new SimulatedHttpError(500);
    }
  }
}

export interface SimulatedListing {
  ms: number;
  /** Accounts whose roles were listed. */
  listed: number;
  /** Accounts whose listing failed after retries. */
  failedAccounts: number;
  calls: number;
  throttled: number;
}

/**
 * Lists `accounts` accounts like SsoCore: ListAccounts pages of 100 one after another, then one
 * ListAccountRoles per account, all at once, each under the limiter.
 */
export async function simulateListing(
  limiter: RateLimiter,
  portal: SimulatedPortal,
  clock: FakeClock,
  accounts: number,
): Promise<SimulatedListing> {
  const start = clock.now();
  const before = portal.total();
  let finished = false;
  let listed = 0;
  let failedAccounts = 0;
  const jitter = seededRandom(7);
  const run = (async () => {
    for (let page = 0; page < Math.ceil(accounts / 100); page++) {
      await runLimited(limiter, () => portal.call('ListAccounts'), classifySimulated, {
        operation: 'ListAccounts',
      });
    }
    await Promise.all(
      Array.from({ length: accounts }, () =>
        runLimited(limiter, () => portal.call('ListAccountRoles'), classifySimulated, {
          operation: 'ListAccountRoles',
          random: jitter,
        }).then(
          () => listed++,
          () => failedAccounts++,
        ),
      ),
    );
  })().finally(() => (finished = true));
  await clock.run(() => finished);
  await run;
  const after = portal.total();
  return {
    ms: clock.now() - start,
    listed,
    failedAccounts,
    calls: after.calls - before.calls,
    throttled: after.throttled - before.throttled,
  };
}
