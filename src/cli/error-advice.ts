// What the CLI tells the user to do about a core error. The core says what is wrong and names
// the session; the commands that fix it are the CLI's own words, so they live here.
import { commandPlatform, quoteWord } from '../main/core/credentials/command-line';
import type { SsoTrayError } from '../main/core/errors';

/** `--session NAME` with the name quoted as the user's shell needs it (spaces and all). */
export function sessionFlag(session: string): string {
  try {
    return `--session ${quoteWord({ value: session, what: 'session name' }, commandPlatform())}`;
  } catch {
    // a name no shell line can hold as is (control characters): show it as JSON text
    return `--session ${JSON.stringify(session)}`;
  }
}

/** The next step for this error as a `sso-tray` command line, when there is one. */
export function errorAdvice(e: SsoTrayError): string | undefined {
  const session = e.session === undefined ? '' : ` ${sessionFlag(e.session)}`;
  switch (e.detail?.kind) {
    case 'missing-session':
      return e.session === undefined
        ? 'Run `sso-tray login --start-url URL --region REGION` to add one.'
        : `Run \`sso-tray login${session} --start-url URL --region REGION\` to add it.`;
    case 'choose-session':
      return 'Choose one with --session NAME.';
    case undefined:
      break;
  }
  switch (e.code) {
    case 'NOT_SIGNED_IN':
      return `Run \`sso-tray login${session}\` to sign in.`;
    case 'SESSION_EXPIRED':
      return `Run \`sso-tray login${session}\` to sign in again.`;
    default:
      return undefined;
  }
}

/** The core's message followed by the CLI's advice. */
export function cliErrorMessage(e: SsoTrayError): string {
  const advice = errorAdvice(e);
  return advice === undefined ? e.message : `${e.message} ${advice}`;
}
