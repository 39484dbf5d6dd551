// One adaptive rate limiter shared by every portal call (design.md §5). It spaces requests at a
// rate it learns from the server: it starts moderately, grows quickly until the first 429
// (slow start), then grows slowly (additive increase) and, on a 429, drops to the rate the server
// actually accepted over the last second (multiplicative decrease, never below what got through).
// Nothing busy-waits: callers sleep on an injectable clock until their slot.

import { systemClock, type SleepClock } from '../clock';

/** The part of the core's one clock (../clock.ts) the limiter needs. */
export type Clock = SleepClock;
export { systemClock };

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}

export interface RateLimiterOptions {
  clock?: Clock;
  /** Requests per second before anything is learnt (default 20). */
  initialRate?: number;
  minRate?: number;
  maxRate?: number;
  /** Most requests in flight at once (default 64). */
  maxConcurrency?: number;
  /** Additive increase after the first 429, in requests/second per second (default 5). */
  increasePerSecond?: number;
  /** Multiplicative decrease factor on a 429 (default 0.8). */
  decreaseFactor?: number;
  /** At most one decrease per this many ms: 429s of requests already in flight count once. */
  decreaseCooldownMs?: number;
}

export interface RateLimiterStats {
  rate: number;
  inFlight: number;
  successes: number;
  throttles: number;
  slowStart: boolean;
}

const WINDOW_MS = 1000;

export class RateLimiter {
  readonly clock: Clock;
  private currentRate: number;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly maxConcurrency: number;
  private readonly increasePerSecond: number;
  private readonly decreaseFactor: number;
  private readonly decreaseCooldownMs: number;
  private nextSlotAt = 0;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private inSlowStart = true;
  private lastDecreaseAt = -Infinity;
  private firstSlotAt: number | undefined;
  private recentSuccesses: number[] = [];
  private successes = 0;
  private throttles = 0;
  /** Time of the last success, for "still making progress" decisions. */
  lastSuccessAt = -Infinity;

  constructor(opts: RateLimiterOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.minRate = opts.minRate ?? 0.5;
    this.maxRate = opts.maxRate ?? 1000;
    this.currentRate = clamp(opts.initialRate ?? 20, this.minRate, this.maxRate);
    this.maxConcurrency = Math.max(1, opts.maxConcurrency ?? 64);
    this.increasePerSecond = opts.increasePerSecond ?? 5;
    this.decreaseFactor = opts.decreaseFactor ?? 0.8;
    this.decreaseCooldownMs = opts.decreaseCooldownMs ?? 500;
  }

  get rate(): number {
    return this.currentRate;
  }

  stats(): RateLimiterStats {
    return {
      rate: this.currentRate,
      inFlight: this.inFlight,
      successes: this.successes,
      throttles: this.throttles,
      slowStart: this.inSlowStart,
    };
  }

  /**
   * Waits for a free request slot and returns the function that releases it. Always call the
   * release exactly once, then report the outcome with `success()` / `throttled()`.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    await this.takePermit(signal);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.waiters.shift()?.();
    };
    try {
      const now = this.clock.now();
      const slot = Math.max(now, this.nextSlotAt);
      this.nextSlotAt = slot + 1000 / this.currentRate;
      this.firstSlotAt ??= slot;
      if (slot > now) await this.clock.sleep(slot - now, signal);
      return release;
    } catch (e) {
      release();
      throw e;
    }
  }

  private takePermit(signal?: AbortSignal): Promise<void> {
    if (this.inFlight < this.maxConcurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.inFlight++;
        resolve();
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  /** A request went through: grow the rate (fast until the first 429, slowly after). */
  success(): void {
    const now = this.clock.now();
    this.successes++;
    this.lastSuccessAt = now;
    this.recentSuccesses.push(now);
    this.prune(now);
    const step = this.inSlowStart ? 1 : this.increasePerSecond / this.currentRate;
    this.setRate(this.currentRate + step);
  }

  /** The server answered 429: slow down to what it accepted, at most once per cooldown. */
  throttled(): void {
    const now = this.clock.now();
    this.throttles++;
    this.inSlowStart = false;
    if (now - this.lastDecreaseAt < this.decreaseCooldownMs) return;
    this.lastDecreaseAt = now;
    this.prune(now);
    const elapsed = Math.min(WINDOW_MS, now - (this.firstSlotAt ?? now));
    const accepted = elapsed >= WINDOW_MS / 4 ? (this.recentSuccesses.length * 1000) / elapsed : 0;
    const next = Math.min(
      this.currentRate,
      Math.max(this.currentRate * this.decreaseFactor, accepted),
    );
    this.setRate(next);
    // Slots already handed out at the old rate stay; new ones follow the new spacing.
  }

  private setRate(rate: number): void {
    this.currentRate = clamp(rate, this.minRate, this.maxRate);
  }

  private prune(now: number): void {
    const cutoff = now - WINDOW_MS;
    let i = 0;
    while (i < this.recentSuccesses.length && (this.recentSuccesses[i] ?? 0) <= cutoff) i++;
    if (i > 0) this.recentSuccesses = this.recentSuccesses.slice(i);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export type Outcome =
  { kind: 'throttled'; retryAfterMs?: number } | { kind: 'retryable' } | { kind: 'fatal' };

export interface RetryPolicy {
  /** Attempts for 5xx / network errors (default 5). */
  maxAttempts?: number;
  /** Base backoff for 5xx / network errors in ms (default 200, doubled per attempt, cap 10 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Give up on 429s only when nothing at all succeeded for this long (default 120 s). */
  stallMs?: number;
  random?: () => number;
  signal?: AbortSignal;
}

export class GiveUpError extends Error {
  constructor(
    readonly reason: 'throttled' | 'attempts',
    readonly last: unknown,
  ) {
    super(reason === 'throttled' ? 'still throttled' : 'too many failed attempts');
    this.name = 'GiveUpError';
  }
}

/**
 * Runs `call` under the limiter: retries 429s for as long as requests keep succeeding (waiting
 * Retry-After for this request when the server gives one), retries 5xx/network errors with
 * exponential backoff and full jitter up to `maxAttempts`, and rethrows anything else.
 */
export async function runLimited<T>(
  limiter: RateLimiter,
  call: () => Promise<T>,
  classify: (e: unknown) => Outcome,
  policy: RetryPolicy = {},
): Promise<T> {
  const clock = limiter.clock;
  const maxAttempts = policy.maxAttempts ?? 5;
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 10_000;
  const stallMs = policy.stallMs ?? 120_000;
  const random = policy.random ?? Math.random;
  const started = clock.now();
  let failures = 0;
  for (;;) {
    const release = await limiter.acquire(policy.signal);
    let outcome: Outcome;
    let error: unknown;
    try {
      const result = await call();
      release();
      limiter.success();
      return result;
    } catch (e) {
      release();
      error = e;
      outcome = classify(e);
    }
    if (outcome.kind === 'fatal') throw error;
    if (outcome.kind === 'throttled') {
      limiter.throttled();
      const now = clock.now();
      if (now - Math.max(started, limiter.lastSuccessAt) >= stallMs) {
        throw new GiveUpError('throttled', error);
      }
      if (outcome.retryAfterMs && outcome.retryAfterMs > 0) {
        await clock.sleep(outcome.retryAfterMs, policy.signal);
      }
      continue;
    }
    failures++;
    if (failures >= maxAttempts) throw new GiveUpError('attempts', error);
    const delay = random() * Math.min(cap, base * 2 ** (failures - 1));
    await clock.sleep(delay, policy.signal);
  }
}
