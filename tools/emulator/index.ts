// The local AWS emulator: SSO OIDC, the SSO portal API and STS on one loopback port, speaking the
// real wire protocols (design.md §3.1, aws-reference.md), plus an admin API under /_emulator/ for
// tests. Plain node:http.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx, LiveOptions } from './context';
import { json, oidcError, portalError, stsError, type Reply, type Req } from './http';
import * as oidc from './oidc';
import { generateOrganisation } from './org';
import { deviceApprovalPage, deviceEntryPage, indexPage, resultPage } from './pages';
import * as portal from './portal';
import { stsAction, sts } from './sts';
import { Store } from './store';
import { RateLimiter } from './token-bucket';

export interface EmulatorOptions {
  port?: number; // 0 = any free port (default 0)
  accounts?: number; // default 12
  rolesPerAccount?: number; // fixed count; undefined = deterministic varying 1..6 per account
  seed?: number; // default 1
  latencyMs?: number; // added to every AWS request (not admin), default 0
  rateLimit?: number; // requests/second per operation; 0/undefined = unlimited
  failRate?: number; // 0..1 share of AWS requests answered 500
  autoApprove?: boolean; // device codes and /authorize approved at once
  tokenSeconds?: number; // access token lifetime (default 28800)
  refreshTokenSeconds?: number; // refresh token (session) lifetime (default 90 days)
  credentialSeconds?: number; // role credential lifetime (default 3600)
  deviceCodeSeconds?: number; // device code lifetime (default 600)
  pollIntervalSeconds?: number; // `interval` returned by StartDeviceAuthorization (default 1)
  /** The library never logs; `main.ts` uses this to silence its own stderr lines. */
  quiet?: boolean;
}

export interface EmulatorState {
  calls: Record<string, number>;
  throttled: Record<string, number>;
  failed: Record<string, number>;
  issuedAccessKeyIds: string[];
  activeTokens: number;
}

export type ConfigurePatch = Partial<
  Pick<
    EmulatorOptions,
    'latencyMs' | 'rateLimit' | 'failRate' | 'autoApprove' | 'tokenSeconds' | 'credentialSeconds'
  >
>;

export interface RunningEmulator {
  url: string;
  startUrl: string;
  region: string;
  /** The signed-in user's name as it appears in assumed-role ARNs (e.g. `alex.rivera@example.com`). */
  userName: string;
  organisation: {
    accounts: Array<{
      accountId: string;
      accountName: string;
      emailAddress: string;
      roles: string[];
    }>;
  };
  approve(userCode: string): void;
  deny(userCode: string): void;
  revoke(): void;
  state(): EmulatorState;
  /**
   * Every secret the emulator handed out, for tests that check none of them leaked into a log or
   * an answer. In-process only: no admin route serves it.
   */
  issuedSecrets(): string[];
  configure(patch: ConfigurePatch): void;
  close(): Promise<void>;
}

export const OPERATIONS = [
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'GetCallerIdentity',
  'Authorize',
] as const;

type Kind = 'portal' | 'oidc' | 'sts' | 'authorize';
type Handler = (ctx: Ctx, req: Req) => Reply;

interface Route {
  op: string;
  kind: Kind;
  handler: Handler;
}

const ROUTES: Record<string, Route> = {
  'GET /assignment/accounts': { op: 'ListAccounts', kind: 'portal', handler: portal.listAccounts },
  'GET /assignment/roles': {
    op: 'ListAccountRoles',
    kind: 'portal',
    handler: portal.listAccountRoles,
  },
  'GET /federation/credentials': {
    op: 'GetRoleCredentials',
    kind: 'portal',
    handler: portal.getRoleCredentials,
  },
  'POST /logout': { op: 'Logout', kind: 'portal', handler: portal.logout },
  'POST /client/register': { op: 'RegisterClient', kind: 'oidc', handler: oidc.registerClient },
  'POST /device_authorization': {
    op: 'StartDeviceAuthorization',
    kind: 'oidc',
    handler: oidc.startDeviceAuthorization,
  },
  'POST /token': { op: 'CreateToken', kind: 'oidc', handler: oidc.createToken },
  'GET /authorize': { op: 'Authorize', kind: 'authorize', handler: oidc.authorize },
};

const MAX_BODY = 1024 * 1024;
const REGION = 'us-east-1';

function throttledReply(kind: Kind, retryAfter: number, requestId: string): Reply {
  const h = { 'Retry-After': String(retryAfter) };
  switch (kind) {
    case 'portal':
      return portalError(429, 'TooManyRequestsException', 'Rate exceeded', h);
    case 'oidc':
      return oidcError('TooManyRequestsException', 'Rate exceeded', h);
    case 'sts':
      // Real STS answers throttling with 400 `Throttling`; both SDKs retry that code.
      return stsError(400, 'Throttling', 'Rate exceeded', requestId, h);
    case 'authorize': {
      const r = resultPage('Too many requests', 'Try again in a moment.', 429);
      return {
        ...r,
        headers: { ...r.headers, ...h, 'x-amzn-ErrorType': 'TooManyRequestsException' },
      };
    }
  }
}

function failedReply(kind: Kind, requestId: string): Reply {
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

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    ...reply.headers,
    'x-amzn-RequestId': requestId,
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function counters(): Record<string, number> {
  return Object.fromEntries(OPERATIONS.map((op) => [op, 0]));
}

function nonNegative(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new RangeError(`${name} must be a number >= 0`);
  return v;
}

function positive(v: unknown, name: string): number | undefined {
  const n = nonNegative(v, name);
  if (n === 0) throw new RangeError(`${name} must be > 0`);
  return n;
}

/** Validates option values shared by startEmulator and configure; throws RangeError. */
function validate(o: EmulatorOptions): void {
  nonNegative(o.latencyMs, 'latencyMs');
  nonNegative(o.rateLimit, 'rateLimit');
  const f = nonNegative(o.failRate, 'failRate');
  if (f !== undefined && f > 1) throw new RangeError('failRate must be between 0 and 1');
  if (o.autoApprove !== undefined && typeof o.autoApprove !== 'boolean')
    throw new RangeError('autoApprove must be a boolean');
  positive(o.tokenSeconds, 'tokenSeconds');
  positive(o.refreshTokenSeconds, 'refreshTokenSeconds');
  positive(o.credentialSeconds, 'credentialSeconds');
  positive(o.deviceCodeSeconds, 'deviceCodeSeconds');
  positive(o.pollIntervalSeconds, 'pollIntervalSeconds');
  const accounts = nonNegative(o.accounts, 'accounts');
  if (accounts !== undefined && !Number.isInteger(accounts))
    throw new RangeError('accounts must be an integer');
  const roles = positive(o.rolesPerAccount, 'rolesPerAccount');
  if (roles !== undefined && !Number.isInteger(roles))
    throw new RangeError('rolesPerAccount must be an integer');
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  validate(options);
  const org = generateOrganisation({
    seed: options.seed,
    accounts: options.accounts,
    rolesPerAccount: options.rolesPerAccount,
  });
  const live: LiveOptions = {
    latencyMs: options.latencyMs ?? 0,
    rateLimit: options.rateLimit,
    failRate: options.failRate ?? 0,
    autoApprove: options.autoApprove ?? false,
    tokenSeconds: options.tokenSeconds ?? 28800,
    refreshTokenSeconds: options.refreshTokenSeconds ?? 90 * 24 * 3600,
    credentialSeconds: options.credentialSeconds ?? 3600,
    deviceCodeSeconds: options.deviceCodeSeconds ?? 600,
    pollIntervalSeconds: options.pollIntervalSeconds ?? 1,
  };
  const now = (): number => Date.now();
  const store = new Store(now);
  const limiter = new RateLimiter(live.rateLimit);
  const calls = counters();
  const throttled = counters();
  const failed = counters();
  const ctx: Ctx = {
    url: '',
    org,
    accountsById: new Map(org.accounts.map((a) => [a.accountId, a])),
    store,
    options: live,
    now,
  };

  const state = (): EmulatorState => ({
    calls: { ...calls },
    throttled: { ...throttled },
    failed: { ...failed },
    issuedAccessKeyIds: [...store.issuedAccessKeyIds],
    activeTokens: store.activeTokens(),
  });

  const configure = (patch: ConfigurePatch): void => {
    validate(patch);
    if (patch.latencyMs !== undefined) live.latencyMs = patch.latencyMs;
    if ('rateLimit' in patch) {
      live.rateLimit = patch.rateLimit;
      limiter.setRate(patch.rateLimit);
    }
    if (patch.failRate !== undefined) live.failRate = patch.failRate;
    if (patch.autoApprove !== undefined) live.autoApprove = patch.autoApprove;
    if (patch.tokenSeconds !== undefined) live.tokenSeconds = patch.tokenSeconds;
    if (patch.credentialSeconds !== undefined) live.credentialSeconds = patch.credentialSeconds;
  };

  const decide = (userCode: string, status: 'approved' | 'denied'): void => {
    if (!store.decideDeviceCode(userCode, status))
      throw new Error(`No pending device authorization with user code ${userCode}`);
  };

  async function admin(req: Req): Promise<Reply> {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /_emulator/state') return json(200, state());
    if (route === 'GET /_emulator/organisation') {
      return json(200, {
        startUrl: org.startUrl,
        region: REGION,
        userName: org.userName,
        accounts: org.accounts,
      });
    }
    if (req.method !== 'POST') return json(404, { message: 'Unknown admin endpoint' });
    let input: Record<string, unknown> = {};
    if (req.body.length > 0) {
      try {
        const parsed: unknown = JSON.parse(req.body.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error();
        input = parsed as Record<string, unknown>;
      } catch {
        return json(400, { message: 'The body must be a JSON object' });
      }
    }
    switch (route) {
      case 'POST /_emulator/approve':
      case 'POST /_emulator/deny': {
        const userCode = input.userCode;
        if (typeof userCode !== 'string') return json(400, { message: 'userCode is required' });
        const ok = store.decideDeviceCode(
          userCode,
          route.endsWith('approve') ? 'approved' : 'denied',
        );
        return ok
          ? json(200, { ok: true })
          : json(404, {
              ok: false,
              message: 'No pending device authorization with that user code',
            });
      }
      case 'POST /_emulator/revoke':
        store.revokeAll();
        return json(200, { ok: true });
      case 'POST /_emulator/configure':
        try {
          configure(input as ConfigurePatch);
        } catch (e) {
          return json(400, { message: e instanceof Error ? e.message : 'Invalid configuration' });
        }
        return json(200, { ok: true });
      default:
        return json(404, { message: 'Unknown admin endpoint' });
    }
  }

  function pages(req: Req): Reply | undefined {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /device') {
      const userCode = req.query.get('user_code');
      if (!userCode) return deviceEntryPage();
      const code = store.pendingDeviceCode(
        userCode.length === 8 ? `${userCode.slice(0, 4)}-${userCode.slice(4)}` : userCode,
      );
      if (!code)
        return deviceEntryPage(
          'That code is not valid or has expired. Check it and try again.',
          404,
        );
      if (code.status === 'approved')
        return resultPage('Request approved', 'You can close this window.');
      if (code.status === 'denied')
        return resultPage('Request denied', 'You can close this window.');
      return deviceApprovalPage(
        code.userCode,
        store.clients.get(code.clientId)?.clientName ?? 'An application',
      );
    }
    if (route === 'POST /device/approve' || route === 'POST /device/deny') {
      const userCode = new URLSearchParams(req.body.toString('utf8')).get('user_code') ?? '';
      const approve = route.endsWith('approve');
      if (!store.decideDeviceCode(userCode, approve ? 'approved' : 'denied')) {
        return resultPage(
          'Request not found',
          'This code is not valid, has expired or was already used.',
          400,
        );
      }
      return approve
        ? resultPage('Request approved', 'You can close this window and return to the application.')
        : resultPage(
            'Request denied',
            'The application will not get access. You can close this window.',
          );
    }
    if (route === 'POST /authorize/approve') return oidc.decideAuthorize(ctx, req, true);
    if (route === 'POST /authorize/deny') return oidc.decideAuthorize(ctx, req, false);
    return undefined;
  }

  async function dispatch(req: Req): Promise<Reply> {
    if (req.path.startsWith('/_emulator/')) return admin(req);
    let route = ROUTES[`${req.method} ${req.path}`];
    if (
      !route &&
      req.path === '/' &&
      (req.method === 'POST' || (req.method === 'GET' && req.query.has('Action')))
    ) {
      const action = stsAction(req);
      route = {
        op: action && /^[A-Za-z]{1,64}$/.test(action) ? action : 'STS',
        kind: 'sts',
        handler: sts,
      };
    }
    if (!route) {
      if (req.method === 'GET' && req.path === '/') return indexPage(ctx.url, org.startUrl);
      return (
        pages(req) ??
        portalError(404, 'UnknownOperationException', `No operation at ${req.method} ${req.path}`)
      );
    }
    calls[route.op] = (calls[route.op] ?? 0) + 1;
    if (live.latencyMs > 0) await sleep(live.latencyMs);
    const take = limiter.take(route.op, now());
    if (!take.ok) {
      throttled[route.op] = (throttled[route.op] ?? 0) + 1;
      return throttledReply(route.kind, take.retryAfterSeconds, req.requestId);
    }
    if (live.failRate > 0 && Math.random() < live.failRate) {
      failed[route.op] = (failed[route.op] ?? 0) + 1;
      return failedReply(route.kind, req.requestId);
    }
    return route.handler(ctx, req);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const body = await readBody(req);
      if (!body) {
        send(
          res,
          json(
            413,
            { message: 'Request body too large' },
            { 'x-amzn-ErrorType': 'RequestEntityTooLargeException' },
          ),
          requestId,
        );
        return;
      }
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const rawQuery = q < 0 ? '' : raw.slice(q + 1);
      const path = q < 0 ? raw : raw.slice(0, q);
      const reply = await dispatch({
        method: req.method ?? 'GET',
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body,
        requestId,
      });
      send(res, reply, requestId);
    } catch {
      // Never echo the error: it could hold request data.
      if (!res.headersSent) {
        send(
          res,
          json(
            500,
            { message: 'Internal emulator error' },
            { 'x-amzn-ErrorType': 'InternalServerException' },
          ),
          requestId,
        );
      } else {
        res.destroy();
      }
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => void onRequest(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  ctx.url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    startUrl: org.startUrl,
    region: REGION,
    userName: org.userName,
    organisation: { accounts: org.accounts },
    approve: (userCode) => decide(userCode, 'approved'),
    deny: (userCode) => decide(userCode, 'denied'),
    revoke: () => store.revokeAll(),
    state,
    issuedSecrets: () => [...store.issuedSecrets],
    configure,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
