// Faults from the local emulator, seen through the app core (what the window and tray use):
// server errors and throttling during a large listing, a token revoked mid-listing, an expired
// refresh token, the network going away and coming back, and a slow /token while signing in.
// Real SDK clients and real files in a temp HOME; only the OS is faked (test/app/helpers).
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { accountsCachePath } from '../../src/main/core/app/accounts-cache';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { app, signIn, type TestApp } from '../app/helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { endpointEnv, SESSION } from '../support/sandbox-home';
import { cli } from '../support/cli';

const QUICK = process.env.SSO_TRAY_QUICK === '1';

let box: Sandbox | undefined;
let t: TestApp | undefined;
let outage: Outage | undefined;
afterEach(async () => {
  await t?.core.dispose();
  await outage?.stop();
  await box?.close();
  box = undefined;
  t = undefined;
  outage = undefined;
});

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

type Org = Sandbox['emulator']['organisation']['accounts'];

/** Ids of the accounts whose roles differ from the emulator's organisation (none = all there). */
function accountsWithWrongRoles(
  list: {
    accounts: Array<{ accountId: string }>;
    /** Role names by account id, as main sends them. */
    roles: Record<string, string[]>;
  },
  org: Org,
): string[] {
  expect(list.accounts.map((a) => a.accountId).sort()).toEqual(org.map((a) => a.accountId).sort());
  return org
    .filter(
      (a) =>
        JSON.stringify(list.roles[a.accountId]?.slice().sort()) !==
        JSON.stringify([...a.roles].sort()),
    )
    .map((a) => a.accountId);
}

/** The accounts cache in dataDir parses as JSON, or is absent; never half-written. */
async function accountsCache(dataDir: string): Promise<'absent' | 'whole'> {
  let text: string;
  try {
    text = await readFile(accountsCachePath(dataDir, SESSION), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
  JSON.parse(text);
  return 'whole';
}

/**
 * A TCP forwarder in front of the emulator. Stopping it makes the endpoint refuse connections,
 * exactly as a stopped server does; starting it again on the same port brings the same emulator
 * (which still knows the signed-in session) back. A restarted emulator process would have
 * forgotten every token, which is the revoked case below.
 */
class Outage {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('faults from the emulator, through the app core', () => {
  it(`lists ${QUICK ? 300 : 2000} accounts and every role under 5% server errors and 50 rps throttling, with no error shown`, async () => {
    const accounts = QUICK ? 300 : 2000;
    box = await emulatorSandbox({ accounts, seed: 11 });
    t = app(box);
    // Faults start after the sign-in so the measured part is the listing.
    const done = t.next('accounts', (e) => e.session === SESSION && !e.loading, 180_000);
    box.emulator.configure({ failRate: 0.05, rateLimit: 50 });
    await signIn(box, t);
    const last = await done;
    expect(last.error).toBeUndefined();
    expect(last.progress).toEqual({ rolesLoaded: accounts, accounts });
    const errors = t.events.filter(
      (e) =>
        (e.name === 'accounts' && (e.payload as { error?: unknown }).error !== undefined) ||
        (e.name === 'notice' && (e.payload as { level: string }).level === 'error'),
    );
    expect(errors).toEqual([]);
    const list = await t.core.handlers['accounts.list']({ session: SESSION });
    expect(accountsWithWrongRoles(list, box.emulator.organisation.accounts)).toEqual([]);
    const state = box.emulator.state();
    // The faults really happened (and were absorbed).
    expect(state.failed.ListAccountRoles ?? 0).toBeGreaterThan(0);
    expect(state.throttled.ListAccountRoles ?? 0).toBeGreaterThan(0);
    expect((await t.core.handlers['state.get']({})).sessions[0]?.status).toBe('signed-in');
    console.info(
      `[reliability] ${accounts} accounts, 5% 500s, 50 rps: ListAccountRoles calls ${state.calls.ListAccountRoles}, ` +
        `500s ${state.failed.ListAccountRoles}, 429s ${state.throttled.ListAccountRoles}, ` +
        `ListAccounts calls ${state.calls.ListAccounts} (500s ${state.failed.ListAccounts}, 429s ${state.throttled.ListAccounts}), 0 failures`,
    );
  }, 240_000);

  it('a token revoked mid-listing ends in "sign in again", no crash, cache whole or absent', async () => {
    box = await emulatorSandbox({ accounts: 400, seed: 5, rateLimit: 40 });
    t = app(box);
    const someRoles = t.next(
      'accounts',
      (e) => e.session === SESSION && e.loading && e.progress.rolesLoaded >= 20,
    );
    const ended = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await signIn(box, t);
    const progress = await someRoles;
    expect(progress.progress.rolesLoaded).toBeLessThan(400);
    box.emulator.revoke();
    const last = await ended;
    expect(last.error?.code).toBe('SESSION_EXPIRED');
    expect(last.error?.message).toMatch(/sign in again/i);
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions[0]?.status).toBe('expired');
    expect(t.core.tray.status().icon).toBe('expired');
    expect(['absent', 'whole']).toContain(await accountsCache(box.dataDir));
    // The core still answers: the list keeps what was loaded and a new sign-in works.
    const list = await t.core.handlers['accounts.list']({ session: SESSION });
    expect(list.accounts).toHaveLength(400);
    const reloaded = t.next('accounts', (e) => e.session === SESSION && !e.loading, 120_000);
    box.emulator.configure({ rateLimit: 0 });
    await signIn(box, t);
    expect((await reloaded).error).toBeUndefined();
    expect(await accountsCache(box.dataDir)).toBe('whole');
  });

  it('an expired refresh token asks to sign in (app core and CLI)', async () => {
    box = await emulatorSandbox({ accounts: 3, tokenSeconds: 1, refreshTokenSeconds: 2 });
    t = app(box);
    const loaded = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await signIn(box, t);
    await loaded;
    // The session (refresh token) ends at most 2 s after the sign-in; the app may still refresh
    // just before that, and that last access token lives 1 s more. Past both, nothing is valid.
    await new Promise((r) => setTimeout(r, 3500));
    const account = box.emulator.organisation.accounts[0]!;
    const envelope = await dispatchInvoke(t.core.handlers, 'credentials.get', {
      session: SESSION,
      accountId: account.accountId,
      roleName: account.roles[0]!,
      forceRefresh: true,
    });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'SESSION_EXPIRED', message: expect.stringMatching(/sign in again/i) },
    });
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions[0]?.status).toBe('expired');
    const r = await cli(['accounts'], definedOnly(box.env));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sso-tray login/);
  });

  it('the endpoint going away shows NETWORK (still signed in) and recovers by itself on the same port', async () => {
    box = await emulatorSandbox({ accounts: 20, seed: 3 });
    outage = new Outage(new URL(box.emulator.url));
    await outage.start();
    box = {
      ...box,
      env: { ...box.env, ...endpointEnv(outage.url) },
    };
    t = app(box);
    const loaded = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await signIn(box, t);
    expect((await loaded).error).toBeUndefined();
    const org = box.emulator.organisation.accounts;
    const target = { session: SESSION, accountId: org[0]!.accountId, roleName: org[0]!.roles[0]! };

    await outage.stop();
    const offline = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await t.core.handlers['accounts.refresh']({ session: SESSION });
    const failed = await offline;
    expect(failed.error?.code).toBe('NETWORK');
    const cred = await dispatchInvoke(t.core.handlers, 'credentials.get', {
      ...target,
      forceRefresh: true,
    });
    expect(cred).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    // Offline is not a sign-out: the session stays signed in and the list stays.
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions[0]?.status).toBe('signed-in');
    expect((await t.core.handlers['accounts.list']({ session: SESSION })).accounts).toHaveLength(
      20,
    );

    await outage.start();
    const back = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await t.core.handlers['accounts.refresh']({ session: SESSION });
    expect((await back).error).toBeUndefined();
    const again = await dispatchInvoke(t.core.handlers, 'credentials.get', {
      ...target,
      forceRefresh: true,
    });
    expect(again.ok).toBe(true);
  });

  it('a slow /token never blocks other requests: state.get answers while sign-in polls', async () => {
    box = await emulatorSandbox({ accounts: 2 });
    t = app(box);
    await t.core.ready;
    box.emulator.configure({ latencyMs: 1200 });
    const order: string[] = [];
    const prompt = t.next('auth', (e) => e.type === 'prompt', 60_000);
    const done = t
      .next('auth', (e) => e.type !== 'prompt', 60_000)
      .then((e) => {
        order.push(`auth:${e.type}`);
        return e;
      });
    await t.core.handlers['auth.login']({ session: SESSION, flow: 'device' });
    const p = await prompt;
    if (p.type !== 'prompt' || p.userCode === undefined) throw new Error('no user code');
    const before = box.emulator.state().calls.CreateToken ?? 0;
    box.emulator.approve(p.userCode);
    // Requests issued while /token is slow all answer before the sign-in completes.
    const statePromise = Promise.resolve(t.core.handlers['state.get']({})).then((s) => {
      order.push('state.get');
      return s;
    });
    const pending = [
      statePromise,
      Promise.resolve(t.core.handlers['accounts.list']({ session: SESSION })).then(() =>
        order.push('accounts.list'),
      ),
      Promise.resolve(t.core.handlers['settings.update']({ patch: { theme: 'dark' } })).then(() =>
        order.push('settings.update'),
      ),
    ];
    await Promise.all(pending);
    const state = await statePromise;
    expect(state?.sessions[0]?.status).toBe('signing-in');
    const outcome = await done;
    expect(outcome.type).toBe('success');
    expect(order.indexOf('auth:success')).toBe(order.length - 1);
    expect(order.slice(0, 3).sort()).toEqual(['accounts.list', 'settings.update', 'state.get']);
    // The sign-in really went through the slow /token after the approval.
    expect(box.emulator.state().calls.CreateToken ?? 0).toBeGreaterThan(before);
  });
});
