// The answers to requests the emulator throttles (rate limit) or fails on purpose (fail rate),
// each in the error shape of the protocol the request was for.
import { oidcError, portalError, stsError, type Reply } from './http';
import { resultPage } from './pages';

/** The protocol family of a route, which decides how its errors look. */
export type Kind = 'portal' | 'oidc' | 'sts' | 'authorize' | 'federation';

/** The federation endpoint answers in plain text (it is not an AWS API). */
function federationText(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body };
}

export function throttledReply(kind: Kind, retryAfter: number, requestId: string): Reply {
  const h = { 'Retry-After': String(retryAfter) };
  switch (kind) {
    case 'portal':
      return portalError(429, 'TooManyRequestsException', 'Rate exceeded', h);
    case 'oidc':
      return oidcError('TooManyRequestsException', 'Rate exceeded', h);
    case 'sts':
      // Real STS answers throttling with 400 `Throttling`; both SDKs retry that code.
      return stsError(400, 'Throttling', 'Rate exceeded', requestId, h);
    case 'federation':
      return federationText(429, 'Rate exceeded', h);
    case 'authorize': {
      const r = resultPage('Too many requests', 'Try again in a moment.', 429);
      return {
        ...r,
        headers: { ...r.headers, ...h, 'x-amzn-ErrorType': 'TooManyRequestsException' },
      };
    }
  }
}

export function failedReply(kind: Kind, requestId: string): Reply {
  switch (kind) {
    case 'portal':
      return portalError(
        500,
        'InternalServerException',
        'An internal error occurred (injected by the emulator)',
      );
    case 'oidc':
      return oidcError(
        'InternalServerException',
        'An internal error occurred (injected by the emulator)',
      );
    case 'sts':
      return stsError(
        500,
        'InternalFailure',
        'An internal error occurred (injected by the emulator)',
        requestId,
      );
    case 'federation':
      return federationText(500, 'An internal error occurred (injected by the emulator)');
    case 'authorize': {
      const r = resultPage(
        'Something went wrong',
        'An internal error occurred (injected by the emulator).',
        500,
      );
      return { ...r, headers: { ...r.headers, 'x-amzn-ErrorType': 'InternalServerException' } };
    }
  }
}
