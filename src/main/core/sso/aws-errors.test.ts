import { describe, expect, it } from 'vitest';
import { SsoTrayError } from '../errors';
import { classifyPortalError, redact, retryAfterMs, toSsoTrayError } from './aws-errors';

function sdkError(
  name: string,
  status: number,
  message = 'UnknownError',
  headers: Record<string, string> = {},
): Error {
  const e = new Error(message) as Error & Record<string, unknown>;
  e.name = name;
  e.$metadata = { httpStatusCode: status };
  e.$response = { headers };
  return e;
}

describe('mapping SDK errors', () => {
  const ctx = { action: 'list accounts', endpoint: 'https://portal.sso.us-east-1.amazonaws.com' };
  it.each([
    ['UnauthorizedException', 401, 'SESSION_EXPIRED'],
    ['ForbiddenException', 403, 'ACCESS_DENIED'],
    ['AccessDeniedException', 400, 'ACCESS_DENIED'],
    ['TooManyRequestsException', 429, 'THROTTLED'],
    ['ResourceNotFoundException', 404, 'AWS'],
    ['InternalServerException', 500, 'AWS'],
  ])('%s (%d) -> %s', (name, status, code) => {
    expect(toSsoTrayError(sdkError(name, status), ctx).code).toBe(code);
  });
  it('says NOT_SIGNED_IN for a 401 when there was no token', () => {
    expect(
      toSsoTrayError(sdkError('UnauthorizedException', 401), { ...ctx, hadToken: false }).code,
    ).toBe('NOT_SIGNED_IN');
  });
  it('maps connection failures to NETWORK naming the endpoint', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const mapped = toSsoTrayError(e, ctx);
    expect(mapped.code).toBe('NETWORK');
    expect(mapped.message).toContain('https://portal.sso.us-east-1.amazonaws.com');
    const nested = new Error('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
    });
    expect(toSsoTrayError(nested, ctx).code).toBe('NETWORK');
  });
  it('never repeats a token or key from the AWS message', () => {
    const secret = 'aoJGZXIvYXdzEKb//////////wEaDJ2Sn1d1Yy0k9pPtcCKzAbExampleToken';
    const mapped = toSsoTrayError(
      sdkError('ValidationException', 400, `bad token ${secret} for ASIAABCDEFGHIJKLMNOP`),
      ctx,
    );
    expect(mapped.code).toBe('AWS');
    expect(mapped.message).not.toContain(secret);
    expect(mapped.message).not.toContain('ASIAABCDEFGHIJKLMNOP');
    expect(redact('short words stay')).toBe('short words stay');
  });
  it('passes SsoTrayErrors through', () => {
    const e = new SsoTrayError('FILE', 'x');
    expect(toSsoTrayError(e, ctx)).toBe(e);
  });
});

describe('classifying portal errors for the limiter', () => {
  it('429 is throttling and carries Retry-After', () => {
    const out = classifyPortalError(
      sdkError('TooManyRequestsException', 429, 'x', { 'retry-after': '2' }),
    );
    expect(out).toEqual({ kind: 'throttled', retryAfterMs: 2000 });
  });
  it('5xx and network errors are retryable, 4xx are not', () => {
    expect(classifyPortalError(sdkError('InternalServerException', 500)).kind).toBe('retryable');
    expect(classifyPortalError(Object.assign(new Error('x'), { code: 'ECONNRESET' })).kind).toBe(
      'retryable',
    );
    expect(classifyPortalError(sdkError('UnauthorizedException', 401)).kind).toBe('fatal');
  });
  it('reads HTTP-date Retry-After', () => {
    const now = Date.UTC(2026, 0, 1);
    const e = sdkError('TooManyRequestsException', 429, 'x', {
      'Retry-After': new Date(now + 3000).toUTCString(),
    });
    expect(retryAfterMs(e, now)).toBe(3000);
  });
});
