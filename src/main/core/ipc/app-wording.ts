// What the app (window, tray, notifications) adds to a core error before it leaves main: the
// core says what is wrong and names the session, the app says what to do in its own terms (the
// window and the tray both offer "Sign in"). The CLI words the same errors with its commands
// (src/cli/error-advice.ts).
import type { ErrorCode } from '../../../shared/schemas';
import { SsoTrayError } from '../errors';

const SIGN_IN_ADVICE: Partial<Record<ErrorCode, string>> = {
  NOT_SIGNED_IN: 'Sign in to continue.',
  SESSION_EXPIRED: 'Sign in again.',
};

/** The message of an error as the app shows it: a session's sign-in errors get the advice. */
export function appErrorMessage(e: { code: ErrorCode; message: string }): string {
  const advice = SIGN_IN_ADVICE[e.code];
  if (advice === undefined || !(e instanceof SsoTrayError) || e.session === undefined) {
    return e.message;
  }
  return `${e.message} ${advice}`;
}
