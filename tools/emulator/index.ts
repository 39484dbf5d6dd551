// The local AWS emulator: SSO OIDC, the SSO portal API and STS on one loopback port, speaking the
// real wire protocols, plus the admin API under /_emulator/ (./admin.ts) for tests. This file
// wires the routes to one plain node:http server; each protocol lives in its own module.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  adminRoute,
  createControls,
  newCounters,
  type EmulatorState,
  type OrganisationChange,
} from './admin';
import type { Ctx } from './context';
import { failedReply, throttledReply, type Kind } from './faults';
import { json, portalError, type Reply, type Req } from './http';
import { consoleHome, federation, federationOp } from './federation';
import * as oidc from './oidc';
import { liveOptions, validateOptions, type ConfigurePatch, type EmulatorOptions } from './options';
import { generateOrganisation } from './org';
import { deviceApprovalPage, deviceEntryPage, indexPage, resultPage } from './pages';
import * as portal from './portal';
import { stsAction, sts } from './sts';
import { Store } from './store';
import { RateLimiter } from './token-bucket';

export type { EmulatorState, OrganisationChange } from './admin';
export type { ConfigurePatch, EmulatorOptions } from './options';

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
  /** Every role credential issued so far is expired from now on (STS and federation refuse it). */
  expireRoleCredentials(): void;
  state(): EmulatorState;
  /**
   * Every secret the emulator handed out, for tests that check none of them leaked into a log or
   * an answer. In-process only: no admin route serves it.
   */
  issuedSecrets(): string[];
  configure(patch: ConfigurePatch): void;
  /**
   * Moves the emulator's clock forward by `ms` (in process only, for tests): what it issued
   * expires as if that time had passed, without waiting for it.
   */
  advanceClock(ms: number): void;
  /** Adds or removes an account or a role while running (admin.ts; RangeError when invalid). */
  changeOrganisation(change: OrganisationChange): void;
  close(): Promise<void>;
}

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

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  validateOptions(options);
  const org = generateOrganisation({
    seed: options.seed,
    accounts: options.accounts,
    rolesPerAccount: options.rolesPerAccount,
  });
  const live = liveOptions(options);
  let clockOffsetMs = 0;
  const now = (): number => Date.now() + clockOffsetMs;
  const store = new Store(now);
  const limiter = new RateLimiter(live.rateLimit);
  const counters = newCounters();
  const { calls, throttled, failed } = counters;
  const ctx: Ctx = {
    url: '',
    org,
    accountsById: new Map(org.accounts.map((a) => [a.accountId, a])),
    store,
    options: live,
    now,
  };
  const controls = createControls({
    org,
    accountsById: ctx.accountsById,
    region: REGION,
    store,
    live,
    limiter,
    counters,
  });

  const decide = (userCode: string, status: 'approved' | 'denied'): void => {
    if (!controls.decide(userCode, status))
      throw new Error(`No pending device authorization with user code ${userCode}`);
  };

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
    if (route === 'GET /console') return consoleHome(ctx, req);
    if (route === 'POST /authorize/approve') return oidc.decideAuthorize(ctx, req, true);
    if (route === 'POST /authorize/deny') return oidc.decideAuthorize(ctx, req, false);
    return undefined;
  }

  async function dispatch(req: Req): Promise<Reply> {
    if (req.path.startsWith('/_emulator/')) return adminRoute(req, controls);
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
    // The federation endpoint: one path, the operation named by `Action`.
    if (!route && req.method === 'GET' && req.path === '/federation') {
      route = { op: federationOp(req), kind: 'federation', handler: federation };
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
    revoke: () => controls.revoke(),
    expireRoleCredentials: () => controls.expireRoleCredentials(),
    state: () => controls.state(),
    issuedSecrets: () => [...store.issuedSecrets],
    configure: (patch) => controls.configure(patch),
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceClock needs ms >= 0');
      clockOffsetMs += ms;
    },
    changeOrganisation: (change) => controls.changeOrganisation(change),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
