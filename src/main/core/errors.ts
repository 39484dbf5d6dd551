import type { ErrorCode, ErrorInfo } from '../../shared/schemas';

/**
 * The one error type core services throw. `message` is written for a person and must never
 * contain a secret (tokens, keys); callers may show it as is.
 */
export class SsoTrayError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SsoTrayError';
    this.code = code;
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isSsoTrayError(e: unknown, code?: ErrorCode): e is SsoTrayError {
  return e instanceof SsoTrayError && (code === undefined || e.code === code);
}
