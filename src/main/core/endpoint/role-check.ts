// Asks a running credentials endpoint for one role, the way an SDK will, before anything is
// started against it (`sso-tray exec --endpoint`): a role that does not exist or a session that is
// not signed in is said at once instead of by the first AWS call inside the command. The
// credentials in the answer are dropped unread; a refusal becomes the SsoTrayError the core would
// have thrown for it, so the CLI gives the same advice and exit code as without the endpoint.
import type { ErrorCode } from '../../../shared/rules';
import { printable } from '../../../shared/rules';
import { SsoTrayError } from '../errors';
import { roleUrl, type EndpointAddress, type EndpointRole } from './routes';

/** The endpoint's refusal codes (server.ts failureAnswer) as the core's error codes. */
const CODES: Record<string, ErrorCode> = {
  NotSignedIn: 'NOT_SIGNED_IN',
  SessionExpired: 'SESSION_EXPIRED',
  RoleNotFound: 'ACCESS_DENIED',
  SessionNotFound: 'CONFIG',
  Throttled: 'THROTTLED',
  Unreachable: 'NETWORK',
  NotFound: 'INVALID_INPUT',
};

function refusal(status: number, body: unknown, role: EndpointRole): SsoTrayError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof b.code === 'string' ? b.code : '';
  const message = typeof b.message === 'string' ? b.message : '';
  const session = { session: role.session };
  // Said here without the endpoint's own advice, which the CLI adds in its words.
  if (code === 'NotSignedIn') {
    return new SsoTrayError('NOT_SIGNED_IN', `Session ${role.session} is not signed in.`, session);
  }
  if (code === 'SessionExpired') {
    return new SsoTrayError(
      'SESSION_EXPIRED',
      `The sign-in of session ${role.session} has expired.`,
      session,
    );
  }
  const said =
    message === ''
      ? `The credentials endpoint answered HTTP ${status} for ${role.roleName} in account ${role.accountId}.`
      : // the endpoint is SSO Tray's (its token was accepted) and its messages hold no secrets
        message.replace(/[^\x20-\x7e\u00a0-\u2027\u202a-\uffff]/g, '?').slice(0, 500);
  return new SsoTrayError(CODES[code] ?? 'AWS', said, session);
}

/**
 * Resolves when the endpoint at `address` serves credentials for `role`; otherwise throws an
 * SsoTrayError saying why (not signed in, no such role, endpoint gone, …).
 */
export async function checkEndpointRole(
  address: EndpointAddress,
  role: EndpointRole,
  timeoutMs = 30_000,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(roleUrl(address.port, role), {
      headers: { Authorization: address.token },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new SsoTrayError(
      'NETWORK',
      `The local credentials endpoint on port ${address.port} did not answer (${printable(e instanceof Error ? e.message : String(e))}).`,
      { cause: e },
    );
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.status === 200) {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.AccessKeyId === 'string' && typeof b.Expiration === 'string') return;
  }
  throw refusal(res.status, body, role);
}
