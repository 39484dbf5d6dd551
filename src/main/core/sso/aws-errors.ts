// Turning SDK and network errors into SsoTrayError codes a person can act on. Messages never carry
// tokens or secrets: AWS messages are shortened and anything that looks like a credential is cut.
import { SsoTrayError } from '../errors';
import type { Outcome } from './rate-limiter';
import { redact } from '../log/redact';

export { redact };

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  error?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function asObj(e: unknown): SdkLikeError {
  return typeof e === 'object' && e !== null ? (e as SdkLikeError) : {};
}

export function errorName(e: unknown): string {
  const n = asObj(e).name;
  return typeof n === 'string' ? n : '';
}

function httpStatus(e: unknown): number | undefined {
  return asObj(e).$metadata?.httpStatusCode;
}

/** The network error code (ECONNREFUSED, …) anywhere in the cause chain, if any. */
function networkErrorCode(e: unknown, depth = 0): string | undefined {
  if (depth > 5) return undefined;
  const o = asObj(e);
  if (typeof o.code === 'string' && NETWORK_CODES.has(o.code)) return o.code;
  const name = errorName(e);
  if (name === 'TimeoutError' || name === 'RequestTimeout') return 'ETIMEDOUT';
  if (Array.isArray(o.errors)) {
    for (const inner of o.errors) {
      const c = networkErrorCode(inner, depth + 1);
      if (c) return c;
    }
  }
  return o.cause !== undefined ? networkErrorCode(o.cause, depth + 1) : undefined;
}

function isThrottle(e: unknown): boolean {
  const n = errorName(e);
  return (
    httpStatus(e) === 429 ||
    n === 'TooManyRequestsException' ||
    n === 'ThrottlingException' ||
    n === 'Throttling'
  );
}

/** Seconds or HTTP-date `Retry-After` from an SDK error's raw response, in ms. */
export function retryAfterMs(e: unknown, now = Date.now()): number | undefined {
  const headers = asObj(e).$response?.headers;
  if (!headers) return undefined;
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** How the shared limiter should treat a failed portal call. */
export function classifyPortalError(e: unknown): Outcome {
  if (isThrottle(e)) return { kind: 'throttled', retryAfterMs: retryAfterMs(e) };
  const status = httpStatus(e);
  if (status !== undefined && status >= 500) return { kind: 'retryable' };
  if (networkErrorCode(e)) return { kind: 'retryable' };
  return { kind: 'fatal' };
}

function awsMessage(e: unknown): string {
  const o = asObj(e);
  const m = typeof o.message === 'string' && o.message !== 'UnknownError' ? o.message : '';
  const desc = (o as { error_description?: unknown }).error_description;
  return redact(m || (typeof desc === 'string' ? desc : ''));
}

export interface MapContext {
  /** What was being done, e.g. "list accounts". */
  action: string;
  /** The endpoint called, for NETWORK messages. */
  endpoint?: string;
  /** Whether a token existed (401 → SESSION_EXPIRED, else NOT_SIGNED_IN). */
  hadToken?: boolean;
}

/** Maps any error from an SDK call to an SsoTrayError. SsoTrayErrors pass through. */
export function toSsoTrayError(e: unknown, ctx: MapContext): SsoTrayError {
  if (e instanceof SsoTrayError) return e;
  const name = errorName(e);
  const status = httpStatus(e);
  if (name === 'AbortError') return new SsoTrayError('CANCELLED', 'Cancelled.');
  const net = networkErrorCode(e);
  if (net) {
    return new SsoTrayError(
      'NETWORK',
      `Cannot reach ${ctx.endpoint ?? 'AWS'} (${net}) to ${ctx.action}. Check the network connection.`,
    );
  }
  if (name === 'UnauthorizedException' || status === 401) {
    return ctx.hadToken === false
      ? new SsoTrayError('NOT_SIGNED_IN', 'Not signed in.')
      : new SsoTrayError('SESSION_EXPIRED', 'The sign-in session has expired or was revoked.');
  }
  if (
    name === 'ForbiddenException' ||
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    status === 403
  ) {
    const m = awsMessage(e);
    return new SsoTrayError(
      'ACCESS_DENIED',
      `Access denied when trying to ${ctx.action}${m ? `: ${m}` : '.'}`,
    );
  }
  if (isThrottle(e)) {
    return new SsoTrayError(
      'THROTTLED',
      `AWS kept throttling requests to ${ctx.action}. Try again later.`,
    );
  }
  const m = awsMessage(e);
  const what = [name || 'Error', status ? `HTTP ${status}` : ''].filter(Boolean).join(', ');
  return new SsoTrayError('AWS', `Could not ${ctx.action} (${what})${m ? `: ${m}` : '.'}`);
}
