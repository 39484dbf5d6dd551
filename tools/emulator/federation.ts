// The AWS federation endpoint (`/federation` on the sign-in host), which turns temporary
// credentials into a console sign-in: `Action=getSigninToken&Session=<JSON>` answers
// `{"SigninToken"}` for credentials this emulator issued and that are still valid, and
// `Action=login&Destination=…&SigninToken=…` redirects to a small console page of the emulator
// that says which account and role the browser is signed in as (a stand-in for the console).
//
// The real endpoint answers a refused request with HTTP 400 and no token; what clients check is
// the status. The emulator does the same, with a short text body that says why.
import { timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context';
import type { Reply, Req } from './http';
import { consolePage, resultPage } from './pages';

const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;

function text(status: number, body: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    body,
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The operation name a federation request counts as. */
export function federationOp(req: Req): string {
  const action = req.query.get('Action');
  return action === 'getSigninToken' ? 'GetSigninToken' : 'FederationLogin';
}

export function federation(ctx: Ctx, req: Req): Reply {
  const action = req.query.get('Action');
  if (action === 'getSigninToken') return getSigninToken(ctx, req);
  if (action === 'login') return login(ctx, req);
  return text(400, 'Unknown or missing Action.');
}

function getSigninToken(ctx: Ctx, req: Req): Reply {
  const duration = req.query.get('SessionDuration');
  if (duration !== null) {
    const n = Number(duration);
    if (!Number.isInteger(n) || n < MIN_SESSION_SECONDS || n > MAX_SESSION_SECONDS) {
      return text(400, 'SessionDuration must be 900 to 43200 seconds.');
    }
  }
  let session: unknown;
  try {
    session = JSON.parse(req.query.get('Session') ?? '');
  } catch {
    return text(400, 'The Session parameter is missing or not JSON.');
  }
  const s = session as { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s.sessionId !== 'string' ||
    typeof s.sessionKey !== 'string' ||
    typeof s.sessionToken !== 'string'
  ) {
    return text(400, 'The Session needs sessionId, sessionKey and sessionToken.');
  }
  const creds = ctx.store.roleCredentialsFor(s.sessionId);
  if (
    creds === undefined ||
    !sameSecret(creds.secretAccessKey, s.sessionKey) ||
    !sameSecret(creds.sessionToken, s.sessionToken)
  ) {
    return text(400, 'The security token included in the request is invalid.');
  }
  if (creds.expiresAt <= ctx.now()) {
    return text(400, 'The security token included in the request is expired.');
  }
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ SigninToken: ctx.store.issueSigninToken(creds) }),
  };
}

function login(ctx: Ctx, req: Req): Reply {
  const token = req.query.get('SigninToken') ?? '';
  const grant = ctx.store.signinToken(token);
  if (grant === undefined) {
    return resultPage(
      'Sign-in failed',
      'The sign-in token is not valid or has expired. Ask for a new sign-in link.',
      400,
    );
  }
  const destination = req.query.get('Destination') ?? '';
  let url: URL | undefined;
  try {
    url = new URL(destination);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    return resultPage('Sign-in failed', 'The Destination must be an https URL.', 400);
  }
  const id = ctx.store.startConsoleSession({
    accountId: grant.accountId,
    roleName: grant.roleName,
    destination: url.href,
    issuer: req.query.get('Issuer') ?? undefined,
  });
  return {
    status: 302,
    headers: {
      Location: `${ctx.url}/console?session=${encodeURIComponent(id)}`,
      'Cache-Control': 'no-store',
    },
    body: '',
  };
}

/** `GET /console?session=…`: the emulator's stand-in for the console the login redirected to. */
export function consoleHome(ctx: Ctx, req: Req): Reply {
  const session = ctx.store.consoleSession(req.query.get('session') ?? '');
  if (session === undefined) {
    return resultPage('Not signed in', 'Open the console from SSO Tray again.', 403);
  }
  const account = ctx.accountsById.get(session.accountId);
  return consolePage({
    accountId: session.accountId,
    accountName: account?.accountName,
    roleName: session.roleName,
    destination: session.destination,
    userName: ctx.org.userName,
  });
}
