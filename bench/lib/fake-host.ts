// A stand-in for the web host (tools/web-host) that serves the built renderer and answers the bridge
// protocol of src/renderer/web-bridge.ts from canned data: a signed-in session whose account list
// (N accounts with their roles) comes "from the cache" at once. Requests still go through the
// contract's own `dispatchInvoke` (payload validation, envelopes), so the renderer sees exactly
// what the app would send it, and the measurement isolates the renderer.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { dispatchInvoke, type Handlers } from '../../src/main/core/ipc/dispatch';
import { writePageWithAnswers } from '../../src/main/core/ipc/boot-answers';
import type { StateSnapshot } from '../../src/shared/ipc-views';
import { stateFixture } from '../../src/shared/testing/fixtures';
import type { Account, Role } from '../../src/shared/schemas';
import { generateOrganisation } from '../../tools/emulator/org';
import { sortAccounts } from '../../src/shared/account-order';

const SESSION = 'bench';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface FakeHost {
  url: string;
  /** Calls per channel, so the bench can tell the renderer really asked for the list. */
  invoked: Record<string, number>;
  close(): Promise<void>;
}

/**
 * N accounts in display order (as main keeps them) and their role names by account id (the shape
 * `accounts.list` sends).
 */
export function fakeData(accounts: number): {
  accounts: Account[];
  roles: Record<string, string[]>;
} {
  const org = generateOrganisation({ seed: 1, accounts });
  return {
    accounts: sortAccounts(
      org.accounts.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
    ),
    roles: Object.fromEntries(org.accounts.map((a) => [a.accountId, [...a.roles]])),
  };
}

function handlers(data: ReturnType<typeof fakeData>): Handlers {
  const now = Date.now();
  const snapshot: StateSnapshot = stateFixture({
    sessions: [
      {
        name: SESSION,
        startUrl: 'https://d-9067000000.awsapps.com/start',
        region: 'us-east-1',
        status: 'signed-in',
        expiresAt: now + 8 * 3600_000,
        kind: 'sso-session',
        profiles: [],
      },
    ],
    activeSession: SESSION,
  });
  const creds = {
    accessKeyId: 'ASIABENCHBENCHBENCH0',
    secretAccessKey: 'bench-secret-not-real',
    sessionToken: 'bench-token-not-real',
    expiration: now + 3600_000,
  };
  return {
    'state.get': () => snapshot,
    'sessions.add': (p) => ({
      ...p,
      name: p.name ?? SESSION,
      status: 'signed-out',
      expiresAt: null,
      kind: 'sso-session',
      profiles: [],
    }),
    'sessions.adoptLegacy': (p) => ({
      name: p.name ?? p.session,
      startUrl: 'https://d-9067000000.awsapps.com/start',
      region: 'us-east-1',
      status: 'signed-out',
      expiresAt: null,
      kind: 'sso-session',
      profiles: [],
    }),
    'sessions.remove': () => null,
    'sessions.setActive': () => null,
    'auth.login': () => null,
    'auth.cancel': () => null,
    'auth.openVerification': () => null,
    'auth.logout': () => null,
    'accounts.list': (p) => {
      // Like main: `first` serves the first screen (those accounts and their roles) ahead.
      const accounts = p.first === undefined ? data.accounts : data.accounts.slice(0, p.first);
      const roles =
        accounts === data.accounts
          ? data.roles
          : Object.fromEntries(accounts.map((a) => [a.accountId, data.roles[a.accountId] ?? []]));
      return {
        accounts,
        roles,
        fromCache: true,
        loading: false,
        updatedAt: now,
        total: data.accounts.length,
      };
    },
    'accounts.refresh': () => null,
    'roles.list': (p): Role[] =>
      (data.roles[p.accountId] ?? []).map((roleName) => ({ accountId: p.accountId, roleName })),
    'credentials.get': () => creds,
    'credentials.copy': () => ({}),
    'credentials.writeProfile': (p) => ({
      path: '/tmp/credentials',
      profileName: p.profileName,
      expiresAt: creds.expiration,
    }),
    'credentials.writeSsoProfile': (p) => ({
      path: '/tmp/config',
      profileName: p.profileName ?? 'bench',
    }),
    'credentials.verify': (p) => ({
      arn: `arn:aws:sts::${p.accountId}:assumed-role/${p.roleName}/bench`,
      account: p.accountId,
      userId: 'AROABENCH:bench',
    }),
    'console.open': () => null,
    'console.getSettings': () => ({ way: 'shortcut', browser: { browser: 'default' } }),
    'console.setSettings': (p) => p.settings,
    'favourites.toggle': () => ({ favourite: true }),
    'settings.update': (p) => ({ ...snapshot.settings, ...p.patch }),
    'logs.openFolder': () => null,
    'endpoint.lines': () => ({ url: null, preview: null }),
    'endpoint.copy': () => ({}),
    'window.hide': () => null,
    'palette.close': () => null,
    'updates.check': () => snapshot.updates,
    'updates.restart': () => null,
    'updates.postpone': () => snapshot.updates,
    'updates.setOptions': (p) => ({ ...snapshot.updates, ...p.options }),
    'status.get': () => ({ sessions: [] }),
    // Settings → Profiles: the bench does not measure it; an up-to-date plan of every role.
    'profiles.settings': () => ({ template: '{account_name}.{role_name}' }),
    'profiles.preview': (p) => benchPlan(data, p.session, p.template, p.region),
    'profiles.write': (p) => ({
      ...benchPlan(data, p.session, p.template, p.region),
      cancelled: false,
    }),
  };
}

function benchPlan(
  data: ReturnType<typeof fakeData>,
  session: string,
  template = '{account_name}.{role_name}',
  region = 'us-east-1',
) {
  const roles = Object.values(data.roles).reduce((n, list) => n + list.length, 0);
  const none = { count: 0, first: [] };
  return {
    session,
    file: '/home/user/.aws/config',
    template,
    region,
    roles,
    names: none,
    add: none,
    change: none,
    unchanged: roles,
    remove: none,
    keptChanged: none,
    sessionAdded: false,
    problem: null,
  };
}

export async function startFakeHost(o: { root: string; accounts: number }): Promise<FakeHost> {
  const h = handlers(fakeData(o.accounts));
  const invoked: Record<string, number> = {};
  const token = randomBytes(16).toString('hex');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/api/invoke/')) {
        const channel = url.pathname.slice('/api/invoke/'.length);
        invoked[channel] = (invoked[channel] ?? 0) + 1;
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        let payload: unknown;
        try {
          payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          payload = undefined;
        }
        const envelope = await dispatchInvoke(h, channel, payload);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(envelope));
        return;
      }
      if (url.pathname === '/api/events') {
        // Kept open and quiet: the cached list is all the window gets during the bench.
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(': bench\n\n');
        return;
      }
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(o.root, rel));
      if (!file.startsWith(o.root)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        // As the web host does: the page asked for with the token carries the first answers.
        if (extname(file) === '.html' && url.searchParams.get('token') === token) {
          res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
          await writePageWithAnswers(res, body.toString('utf8'), h);
          return;
        }
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          // As the web host (tools/web-host/server.ts) serves them: the page is never cached,
          // the built scripts and styles (content-hashed names) for an hour.
          'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    invoked,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
