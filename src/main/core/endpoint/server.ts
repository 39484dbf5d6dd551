// The local credentials endpoint: role credentials in the AWS container credentials format
// (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`) on 127.0.0.1, one URL per role, for
// processes whose SDK reads AWS_CONTAINER_CREDENTIALS_FULL_URI and
// AWS_CONTAINER_AUTHORIZATION_TOKEN. A request is answered only when its Host names this
// listener, it carries no Origin (no web page may read it; no CORS headers are ever sent) and
// its Authorization header holds the token, compared in constant time. Refusals and failures are
// JSON `{code, message}` with a 4xx/5xx status, which the SDKs put in the error they raise.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoleCredentials } from '../../../shared/schemas';
import { SsoTrayError, isSsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import { formatCliTime } from '../sso/time';
import {
  ENDPOINT_HOST,
  endpointEnv,
  parseRolePath,
  roleUrl,
  type EndpointEnv,
  type EndpointRole,
} from './routes';

/**
 * Credentials handed out have at least this long left when the role allows it: botocore starts
 * refreshing 15 minutes before expiry (and asks again on every call until it gets something
 * better), the JS SDK 5 minutes before.
 */
export const ENDPOINT_MIN_VALIDITY_MS = 16 * 60 * 1000;

/** Where the endpoint gets credentials: the core's cache, fetching when fewer than `minValidityMs` are left. */
export type CredentialsSource = (
  role: EndpointRole,
  minValidityMs: number,
) => Promise<RoleCredentials>;

export interface EndpointOptions {
  credentials: CredentialsSource;
  /** 0 or undefined: a free port. */
  port?: number;
  /** Only 127.0.0.1 (or `localhost`, the same) is accepted; anything else is refused. */
  host?: string;
  /** The bearer token; a new random one when not given. */
  token?: string;
  logger?: Logger;
}

export interface RunningEndpoint {
  readonly port: number;
  readonly token: string;
  url(role: EndpointRole): string;
  env(role: EndpointRole): EndpointEnv;
  close(): Promise<void>;
}

/** A new bearer token: 32 random bytes, base64url (no character any shell acts on). */
export function newEndpointToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Refuses any address but loopback IPv4: the endpoint is never reachable from another machine. */
export function checkBindHost(host: string | undefined): string {
  if (host === undefined || host === ENDPOINT_HOST || host.toLowerCase() === 'localhost') {
    return ENDPOINT_HOST;
  }
  throw new SsoTrayError(
    'INVALID_INPUT',
    `The credentials endpoint listens on ${ENDPOINT_HOST} only, not on ${JSON.stringify(host)}: any process that reaches it with the token gets credentials.`,
  );
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The Authorization header holds the token (as the SDKs send it) or `Bearer <token>`. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const given = header.startsWith('Bearer ') ? header.slice(7) : header;
  // Digests have the same length whatever was sent, so the comparison leaks nothing.
  return timingSafeEqual(digest(given), digest(token));
}

/** The Host header names this listener: 127.0.0.1:PORT or localhost:PORT. */
function hostMatches(header: string | undefined, port: number): boolean {
  if (header === undefined) return false;
  const h = header.toLowerCase();
  return h === `${ENDPOINT_HOST}:${port}` || h === `localhost:${port}`;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const fail = (status: number, code: string, message: string): Answer => ({
  status,
  body: { code, message },
});

/** An error of the core as the answer an SDK shows; the core's messages hold no secrets. */
function failureAnswer(e: unknown, role: EndpointRole): Answer {
  const who = `${role.roleName} in account ${role.accountId} (session ${role.session})`;
  if (!isSsoTrayError(e)) {
    return fail(500, 'InternalError', `SSO Tray could not get credentials for ${who}.`);
  }
  switch (e.code) {
    case 'NOT_SIGNED_IN':
      return fail(
        401,
        'NotSignedIn',
        `Session ${role.session} is not signed in. Sign in with SSO Tray (sso-tray login --session ${role.session}).`,
      );
    case 'SESSION_EXPIRED':
      return fail(
        401,
        'SessionExpired',
        `The sign-in of session ${role.session} has expired. Sign in again with SSO Tray (sso-tray login --session ${role.session}).`,
      );
    case 'ACCESS_DENIED':
      return fail(
        404,
        'RoleNotFound',
        `Session ${role.session} has no role ${role.roleName} in account ${role.accountId}: ${e.message}`,
      );
    case 'CONFIG':
      return fail(404, 'SessionNotFound', e.message);
    case 'THROTTLED':
      return fail(429, 'Throttled', e.message);
    case 'NETWORK':
      return fail(502, 'Unreachable', e.message);
    default:
      return fail(502, 'AwsError', e.message);
  }
}

function credentialsBody(c: RoleCredentials, role: EndpointRole): Record<string, unknown> {
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    Token: c.sessionToken,
    Expiration: formatCliTime(c.expiration),
    AccountId: role.accountId,
  };
}

/** Starts the endpoint; resolves once it listens. */
export async function startCredentialsEndpoint(opts: EndpointOptions): Promise<RunningEndpoint> {
  const host = checkBindHost(opts.host);
  const token = opts.token ?? newEndpointToken();
  const log = opts.logger ?? silentLogger;
  let port = opts.port ?? 0;

  async function answer(req: IncomingMessage): Promise<Answer> {
    // Order: who is asking (Host, Origin) before the token, the token before anything else.
    if (!hostMatches(req.headers.host, port)) {
      return fail(403, 'ForbiddenHost', `Only http://${ENDPOINT_HOST}:${port} is served here.`);
    }
    if (req.headers.origin !== undefined) {
      return fail(403, 'ForbiddenOrigin', 'Requests from web pages are refused.');
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      return req.headers.authorization === undefined
        ? fail(
            401,
            'MissingToken',
            'The Authorization header is missing: set AWS_CONTAINER_AUTHORIZATION_TOKEN.',
          )
        : fail(
            401,
            'InvalidToken',
            'The authorization token is not this endpoint\u2019s (SSO Tray makes a new one each time it starts).',
          );
    }
    if (req.method !== 'GET') return fail(405, 'MethodNotAllowed', 'Only GET is served.');
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/') return { status: 200, body: { service: 'sso-tray-credentials', version: 1 } };
    const parsed = parseRolePath(path);
    if (!parsed.ok) return fail(404, 'NotFound', parsed.message);
    try {
      const c = await opts.credentials(parsed.role, ENDPOINT_MIN_VALIDITY_MS);
      return { status: 200, body: credentialsBody(c, parsed.role) };
    } catch (e) {
      return failureAnswer(e, parsed.role);
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The body is never read: a GET has none, and anything sent is discarded.
    req.resume();
    void answer(req).then(
      (a) => {
        const path = (req.url ?? '').split('?')[0];
        const fields = { method: req.method, path, status: a.status };
        if (a.status === 200) log.debug('credentials endpoint request', fields);
        else
          log.info('credentials endpoint request refused or failed', {
            ...fields,
            code: a.body.code,
          });
        const text = JSON.stringify(a.body);
        res.writeHead(a.status, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(text);
      },
      () => res.destroy(),
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        new SsoTrayError(
          'INVALID_INPUT',
          e.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is in use: choose another with --port, or 0 for any free one.`
            : `The credentials endpoint could not listen on ${host}:${port}: ${e.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  log.info('credentials endpoint listening', { url: `http://${host}:${port}` });

  const address = { port, token };
  return {
    port,
    token,
    url: (role) => roleUrl(port, role),
    env: (role) => endpointEnv(address, role),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
