// Plain-words messages for the errors the app reports. Codes whose cause is always the same get
// a fixed sentence; the others carry a message written for people by the app itself.
import type { ErrorCode, ErrorInfo } from '../../shared/schemas';

const FIXED: Partial<Record<ErrorCode, string>> = {
  NOT_SIGNED_IN: 'You are not signed in. Sign in to continue.',
  SESSION_EXPIRED: 'Your AWS sign-in has expired. Sign in again.',
  ACCESS_DENIED: 'AWS refused access to this account or role.',
  THROTTLED: 'AWS is busy right now (too many requests). Try again in a moment.',
  NETWORK: 'AWS could not be reached. Check your network connection and try again.',
  INVALID_START_URL: 'AWS did not accept that start URL. Copy it from your AWS access portal.',
  INVALID_REGION: 'AWS did not accept that region. Use the region of your IAM Identity Center.',
  AUTH_DENIED: 'The sign-in request was denied in the browser.',
  AUTH_EXPIRED: 'The sign-in request expired before it was approved. Try again.',
  // CANCELLED carries its own words: a cancelled sign-in, or a question main asked that the
  // user said no to (a start URL outside AWS).
};

export function errorMessage(error: ErrorInfo | { code: ErrorCode; message: string }): string {
  return FIXED[error.code] ?? (error.message || 'Something went wrong. Try again.');
}

/** Reads `{code, message}` from anything thrown by the api (ApiError) or elsewhere. */
export function toInfo(e: unknown): ErrorInfo {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return { code: code as ErrorCode, message };
    }
  }
  return { code: 'AWS', message: 'Something went wrong. Try again.' };
}
