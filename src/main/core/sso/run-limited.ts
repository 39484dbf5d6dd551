// One portal call under the shared limiter, with the retries each kind of failure gets.
import type { RateLimiter } from './rate-limiter';

export type Outcome =
  { kind: 'throttled'; retryAfterMs?: number } | { kind: 'retryable' } | { kind: 'fatal' };

export interface RetryPolicy {
  /** Which operation this is (each is paced on its own). */
  operation?: string;
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
 * Runs `call` under the limiter: retries 429s for as long as requests keep succeeding (this
 * request waits the Retry-After the server gave before it asks again), retries 5xx/network errors
 * with exponential backoff and full jitter up to `maxAttempts`, and rethrows anything else.
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
    const permit = await limiter.acquire(policy.operation, policy.signal);
    let outcome: Outcome;
    let error: unknown;
    try {
      const result = await call();
      permit.done('ok');
      return result;
    } catch (e) {
      error = e;
      outcome = classify(e);
      if (policy.signal?.aborted) permit.done('unreached');
      else if (outcome.kind === 'throttled') permit.done('throttled', outcome.retryAfterMs);
      else permit.done('failed');
    }
    if (outcome.kind === 'fatal') throw error;
    if (outcome.kind === 'throttled') {
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
