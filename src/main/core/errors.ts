import type { ErrorCode, ErrorInfo } from '../../shared/schemas';

/**
 * What a front end needs to word its own advice for an error: the CLI names a command, the window
 * shows a button. The core's message says what is wrong, never which command or button fixes it.
 */
export type ErrorDetail =
  /** CONFIG: the config file has no usable `[sso-session]` (by the error's `session` name, if set). */
  | { kind: 'missing-session' }
  /** INVALID_INPUT: several sessions and the caller named none. */
  | { kind: 'choose-session'; sessions: readonly string[] };

export interface SsoTrayErrorOptions {
  cause?: unknown;
  /** The `[sso-session]` the error is about (sign-in needed, expired, missing, …). */
  session?: string;
  detail?: ErrorDetail;
}

/**
 * The one error type core services throw. `message` is written for a person and must never
 * contain a secret (tokens, keys); callers may show it as is, and add their own advice from
 * `code`, `session` and `detail`.
 */
export class SsoTrayError extends Error {
  readonly code: ErrorCode;
  readonly session: string | undefined;
  readonly detail: ErrorDetail | undefined;
  constructor(code: ErrorCode, message: string, options: SsoTrayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SsoTrayError';
    this.code = code;
    this.session = options.session;
    this.detail = options.detail;
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isSsoTrayError(e: unknown, code?: ErrorCode): e is SsoTrayError {
  return e instanceof SsoTrayError && (code === undefined || e.code === code);
}
