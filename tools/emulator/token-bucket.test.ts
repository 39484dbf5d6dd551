import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of `rate` requests, then refuses', () => {
    const b = new TokenBucket(5, 0);
    for (let i = 0; i < 5; i++) expect(b.take(0)).toEqual({ ok: true });
    expect(b.take(0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refills continuously at `rate` per second', () => {
    const b = new TokenBucket(10, 0);
    for (let i = 0; i < 10; i++) b.take(0);
    expect(b.take(0).ok).toBe(false);
    expect(b.take(100).ok).toBe(true); // 0.1 s at 10/s = one token
    expect(b.take(100).ok).toBe(false);
    // A long pause refills only up to the burst size.
    let ok = 0;
    for (let i = 0; i < 30; i++) if (b.take(60_000).ok) ok++;
    expect(ok).toBe(10);
  });

  it('reports Retry-After in whole seconds, at least 1, longer for slow rates', () => {
    const b = new TokenBucket(0.25, 0);
    expect(b.take(0).ok).toBe(true); // the burst is at least one request
    expect(b.take(0)).toEqual({ ok: false, retryAfterSeconds: 4 });
    expect(b.take(2000)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(b.take(3500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(b.take(4000)).toEqual({ ok: true });
  });

  it('ignores a clock going backwards', () => {
    const b = new TokenBucket(1, 10_000);
    expect(b.take(10_000).ok).toBe(true);
    expect(b.take(5_000).ok).toBe(false);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0, 0)).toThrow(RangeError);
  });
});

describe('RateLimiter', () => {
  it('keeps one bucket per operation', () => {
    const r = new RateLimiter(1);
    expect(r.take('ListAccounts', 0).ok).toBe(true);
    expect(r.take('ListAccounts', 0).ok).toBe(false);
    expect(r.take('GetRoleCredentials', 0).ok).toBe(true);
  });

  it('is unlimited without a rate, and setRate resets the buckets', () => {
    const r = new RateLimiter(undefined);
    for (let i = 0; i < 1000; i++) expect(r.take('X', 0).ok).toBe(true);
    r.setRate(1);
    expect(r.take('X', 0).ok).toBe(true);
    expect(r.take('X', 0).ok).toBe(false);
    r.setRate(0);
    expect(r.take('X', 0).ok).toBe(true);
  });
});
