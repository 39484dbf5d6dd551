// The SSO service's checks of what a caller gives it, as typed errors. The rules themselves live
// in src/shared/schemas.ts; this only turns their verdicts into SsoTrayErrors.
import {
  configNameProblem,
  printable,
  regionMessage,
  regionProblem,
  sessionNameFromStartUrl,
  startUrlMessage,
  startUrlProblem,
} from '../../../shared/rules';
import { SsoTrayError } from '../errors';
import { forbiddenCharsMessage } from '../../../shared/text-rules';

export { sessionNameFromStartUrl };

/** Throws INVALID_REGION unless `region` looks like an AWS region name (e.g. `eu-west-1`). */
export function validateRegion(region: string): string {
  const r = region.trim();
  if (regionProblem(r) !== null) throw new SsoTrayError('INVALID_REGION', regionMessage(r));
  return r;
}

/** Throws INVALID_START_URL unless `url` is a usable https start URL (schemas.startUrlProblem). */
export function validateStartUrl(url: string): string {
  const forbidden = forbiddenCharsMessage('The start URL', url);
  if (forbidden !== undefined) throw new SsoTrayError('INVALID_START_URL', forbidden);
  const u = url.trim();
  const problem = startUrlProblem(u);
  if (problem !== null) throw new SsoTrayError('INVALID_START_URL', startUrlMessage(problem));
  return u;
}

/** Throws INVALID_INPUT unless SSO Tray may create a `[sso-session]` with this name. */
export function validateSessionName(name: string): string {
  const forbidden = forbiddenCharsMessage('The session name', name);
  if (forbidden !== undefined) throw new SsoTrayError('INVALID_INPUT', forbidden);
  const problem = configNameProblem('session', name);
  if (problem !== null) {
    throw new SsoTrayError(
      'INVALID_INPUT',
      `"${printable(name)}" cannot be used as a session name. ${problem}`,
    );
  }
  return name;
}
