// Per-operation rate limiting: a token bucket refilled continuously at `rate` tokens per second
// with a burst of `rate` tokens (at least one), like the per-API throttles of the real services.

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The bucket size for a rate: one second's worth (at least one token). */
export function burstFor(rate: number): number {
  return Math.max(1, rate);
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly rate: number,
    now: number,
  ) {
    if (!(rate > 0)) throw new RangeError('rate must be > 0');
    this.capacity = burstFor(rate);
    this.tokens = this.capacity;
    this.last = now;
  }

  /** Takes one token at time `now` (ms), or says how many whole seconds to wait (at least 1). */
  take(now: number): TakeResult {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    const wait = (1 - this.tokens) / this.rate;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}

/** One bucket per operation name; a rate of 0 or undefined means unlimited. */
export class RateLimiter {
  private buckets = new Map<string, TokenBucket>();

  constructor(private rate: number | undefined) {}

  setRate(rate: number | undefined): void {
    this.rate = rate;
    this.buckets.clear();
  }

  take(operation: string, now: number): TakeResult {
    if (!this.rate || this.rate <= 0) return { ok: true };
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, now);
      this.buckets.set(operation, bucket);
    }
    return bucket.take(now);
  }
}
