import { getEventListeners } from 'node:events';
// SsoCore against the local emulator with the real SDK clients and a temporary HOME.
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSsoTrayError, SsoTrayError } from '../../src/main/core/errors';
import { SsoCore, tokenFilePath, type LoginPrompt } from '../../src/main/core/sso';
import { followLikeBrowser, tokenFromEmulator } from './helpers';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { sandboxHome, type SandboxHome } from '../support/sandbox-home';

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return isSsoTrayError(e) ? e.code : `not an SsoTrayError: ${String(e)}`;
  }
  return 'no error';
}

/** The port of the loopback redirect in a PKCE authorize URL. */
function loopbackPort(authorizeUrl: string): number {
  const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '');
  expect(redirect.hostname).toBe('127.0.0.1');
  return Number(redirect.port);
}

/** Whether a TCP connection to 127.0.0.1:port is accepted (false when refused). */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function cacheFile(h: SandboxHome, name: string): string {
  return tokenFilePath(join(h.home, '.aws', 'sso', 'cache'), name);
}

describe('sign-in against the emulator (manual approval)', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 5 });
  });
  afterAll(() => emu.close());
  afterEach(() => h.cleanup());

  it('device flow: shows the code, polls until approved, writes an AWS CLI token file', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const prompts: LoginPrompt[] = [];
    const status = await core.login({
      flow: 'device',
      onPrompt: (p) => {
        prompts.push(p);
        emu.approve(p.userCode ?? '');
      },
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.flow).toBe('device');
    expect(prompts[0]?.url).toContain(emu.url);
    expect(prompts[0]?.userCode).toMatch(/\S/);
    expect(status).toMatchObject({ session: 'emu', state: 'signed-in', startUrl: emu.startUrl });
    const file = cacheFile(h, 'emu');
    expect(file).toMatch(/6551e797[0-9a-f]{32}\.json$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const token = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(token)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await core.listAccounts('emu')).toHaveLength(5);
    expect((await core.status('emu')).state).toBe('signed-in');
  });

  it('device flow: a denied request fails with AUTH_DENIED', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const code = await errorCode(
      core.login({ flow: 'device', onPrompt: (p) => emu.deny(p.userCode ?? '') }),
    );
    expect(code).toBe('AUTH_DENIED');
    expect((await core.status('emu')).state).toBe('signed-out');
  });

  it('device flow: cancelling stops polling with CANCELLED', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const abort = new AbortController();
    const before = emu.state().calls.CreateToken ?? 0;
    const code = await errorCode(
      core.login({ flow: 'device', signal: abort.signal, onPrompt: () => abort.abort() }),
    );
    expect(code).toBe('CANCELLED');
    const after = emu.state().calls.CreateToken ?? 0;
    await new Promise((r) => setTimeout(r, 1500));
    expect(emu.state().calls.CreateToken).toBe(after); // no polling after cancel
    expect(after - before).toBe(1);
  });

  it('PKCE: cancelling closes the loopback server', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const abort = new AbortController();
    let authorizeUrl = '';
    const code = await errorCode(
      core.login({
        signal: abort.signal,
        openBrowser: async (url) => {
          authorizeUrl = url;
          setTimeout(() => abort.abort(), 50);
          return true;
        },
      }),
    );
    expect(code).toBe('CANCELLED');
    const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/oauth/callback');
    await expect(fetch(redirect.href)).rejects.toThrow();
  });

  it('PKCE: cancelling while the browser is still opening closes the loopback server at once', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const abort = new AbortController();
    let authorizeUrl = '';
    let opening: () => void = () => undefined;
    const browserCalled = new Promise<void>((resolve) => (opening = resolve));
    const login = errorCode(
      core.login({
        signal: abort.signal,
        // a browser launcher that never comes back (hung `xdg-open`, a dialog left open)
        openBrowser: (url) => {
          authorizeUrl = url;
          opening();
          return new Promise<boolean>(() => undefined);
        },
      }),
    );
    await browserCalled;
    const port = loopbackPort(authorizeUrl);
    expect(await connects(port)).toBe(true); // listening while the browser opens
    abort.abort();
    expect(await login).toBe('CANCELLED');
    expect(await connects(port)).toBe(false);
  });

  it('reuses the client registration for the same session and flow', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const approve = (p: LoginPrompt): void => emu.approve(p.userCode ?? '');
    const before = emu.state().calls.RegisterClient ?? 0;
    await core.login({ flow: 'device', onPrompt: approve });
    await core.login({ flow: 'device', onPrompt: approve });
    expect((emu.state().calls.RegisterClient ?? 0) - before).toBe(1);
    const cacheDir = join(h.home, '.aws', 'sso', 'cache');
    const token = JSON.parse(await readFile(cacheFile(h, 'emu'), 'utf8')) as Record<string, string>;
    const { readdir } = await import('node:fs/promises');
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(2); // the token and the registration (AWS CLI key)
    const reg = files.find((f) => f !== `${cacheFile(h, 'emu').split('/').pop()}`) ?? '';
    expect(JSON.parse(await readFile(join(cacheDir, reg), 'utf8'))).toMatchObject({
      clientId: token.clientId,
      scopes: ['sso:account:access'],
    });
  });
});

describe('sign-in against the emulator (auto-approve)', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 4, autoApprove: true });
  });
  afterAll(() => emu.close());
  afterEach(() => h.cleanup());

  it('PKCE: the browser follows /authorize to the loopback callback and the token is stored', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    let page: Promise<string> | undefined;
    let authorizeUrl = '';
    const status = await core.login({
      openBrowser: async (url) => {
        authorizeUrl = url;
        page = followLikeBrowser(url);
        return true;
      },
    });
    expect(status.state).toBe('signed-in');
    expect(await page).toContain('you can close this tab');
    const q = new URL(authorizeUrl).searchParams;
    expect(authorizeUrl.startsWith(`${emu.url}/authorize?`)).toBe(true);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scopes')).toBe('sso:account:access');
    expect(q.get('state')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await core.listAccounts('emu')).toHaveLength(4);
  });

  it('PKCE falls back to the device flow when no browser opens, loopback server closed', async () => {
    for (const opener of [
      async () => false,
      async () => {
        throw new Error('no display');
      },
      (): Promise<boolean> => {
        throw new Error('spawn EACCES'); // before it returns a promise
      },
    ]) {
      h = await sandboxHome(emu);
      const core = new SsoCore({ env: h.env });
      const before = emu.state().calls.StartDeviceAuthorization ?? 0;
      const urls: string[] = [];
      const status = await core.login({
        openBrowser: (url) => {
          urls.push(url);
          return opener();
        },
      });
      expect(status.state).toBe('signed-in');
      expect((emu.state().calls.StartDeviceAuthorization ?? 0) - before).toBe(1);
      // the PKCE attempt's listener is gone (the device flow's own URL does not have one)
      const pkce = urls.find((u) => u.includes('redirect_uri=')) ?? '';
      expect(await connects(loopbackPort(pkce))).toBe(false);
      await h.cleanup();
    }
  });

  it('writes [sso-session] for a new start URL and keeps other sessions', async () => {
    h = await sandboxHome(emu, { session: 'other' });
    const core = new SsoCore({ env: h.env });
    const status = await core.login({ startUrl: emu.startUrl, region: emu.region, flow: 'device' });
    const derived = new URL(emu.startUrl).hostname.split('.')[0];
    expect(status.session).toBe(derived);
    const sessions = await core.listSessions();
    expect(sessions.map((s) => s.name)).toEqual(['other', derived]);
    expect(sessions[1]).toEqual({
      name: derived,
      startUrl: emu.startUrl,
      region: emu.region,
      scopes: ['sso:account:access'],
      kind: 'sso-session',
      cacheKey: derived,
      profiles: [],
    });
    expect(await readFile(h.configFile, 'utf8')).toMatch(/^\[sso-session other\]\n/);
    expect(await errorCode(core.resolveSession())).toBe('INVALID_INPUT'); // several: must choose (CLI exit 2)
    expect(await errorCode(core.login({ startUrl: 'http://x', region: emu.region }))).toBe(
      'INVALID_START_URL',
    );
    expect(await errorCode(core.login({ startUrl: emu.startUrl, region: 'moon-1' }))).toBe(
      'INVALID_REGION',
    );
  });

  it('creates a config file 0600 when there is none', async () => {
    h = await sandboxHome(emu, { session: false });
    const core = new SsoCore({ env: h.env });
    expect(await errorCode(core.resolveSession())).toBe('CONFIG');
    await core.login({
      session: 'mine',
      startUrl: emu.startUrl,
      region: emu.region,
      flow: 'device',
    });
    expect((await stat(h.configFile)).mode & 0o777).toBe(0o600);
    expect((await core.resolveSession()).name).toBe('mine');
  });

  it('logout calls Logout, removes the token and cached role credentials', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    await core.login({ flow: 'device' });
    const account = emu.organisation.accounts[0]!;
    const c1 = await core.getRoleCredentials('emu', account.accountId, account.roles[0]!);
    const before = emu.state().calls.Logout ?? 0;
    await core.logout('emu');
    expect((emu.state().calls.Logout ?? 0) - before).toBe(1);
    await expect(stat(cacheFile(h, 'emu'))).rejects.toThrow();
    expect((await core.status('emu')).state).toBe('signed-out');
    expect(await errorCode(core.listAccounts('emu'))).toBe('NOT_SIGNED_IN');
    expect(
      await errorCode(core.getRoleCredentials('emu', account.accountId, account.roles[0]!)),
    ).toBe('NOT_SIGNED_IN');
    expect(c1.accessKeyId).toMatch(/^ASIA/);
  });

  it('caches role credentials until shortly before expiry', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    await core.login({ flow: 'device' });
    const a = emu.organisation.accounts[1]!;
    const before = emu.state().calls.GetRoleCredentials ?? 0;
    const c1 = await core.getRoleCredentials('emu', a.accountId, a.roles[0]!);
    const c2 = await core.getRoleCredentials('emu', a.accountId, a.roles[0]!);
    expect(c2).toEqual(c1);
    expect((emu.state().calls.GetRoleCredentials ?? 0) - before).toBe(1);
    const c3 = await core.getRoleCredentials('emu', a.accountId, a.roles[0]!, {
      forceRefresh: true,
    });
    expect(c3.accessKeyId).not.toBe(c1.accessKeyId);
    expect(c1.expiration).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
  });

  it('a revoked token gives SESSION_EXPIRED', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    await core.login({ flow: 'device' });
    emu.revoke();
    expect(await errorCode(core.listAccounts('emu'))).toBe('SESSION_EXPIRED');
  });

  it('names the session in its errors and leaves the advice to the front end', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const caught = async (p: Promise<unknown>): Promise<SsoTrayError> => {
      const e: unknown = await p.then(
        () => undefined,
        (x: unknown) => x,
      );
      if (!isSsoTrayError(e)) throw new Error(`expected an SsoTrayError, got ${String(e)}`);
      return e;
    };
    const notIn = await caught(core.listAccounts('emu'));
    expect(notIn).toMatchObject({ code: 'NOT_SIGNED_IN', session: 'emu' });
    const missing = await caught(core.resolveSession('nope'));
    expect(missing).toMatchObject({
      code: 'CONFIG',
      session: 'nope',
      detail: { kind: 'missing-session' },
    });
    await core.login({ flow: 'device' });
    emu.revoke();
    const revoked = await caught(core.listAccounts('emu'));
    expect(revoked).toMatchObject({ code: 'SESSION_EXPIRED', session: 'emu' });
    for (const e of [notIn, missing, revoked]) {
      expect(e.message).toContain(String(e.session));
      expect(e.message).not.toMatch(/sso-tray|Run `/);
    }
  });

  it('reads a token the AWS CLI wrote (seconds form) and a legacy sha1(startUrl) file', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const { accessToken, expiresIn } = await tokenFromEmulator(emu);
    const expiresAt = new Date(Date.now() + expiresIn * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    await mkdir(join(h.home, '.aws', 'sso', 'cache'), { recursive: true });
    await writeFile(
      cacheFile(h, emu.startUrl),
      JSON.stringify({ startUrl: emu.startUrl, region: emu.region, accessToken, expiresAt }),
    );
    expect(await core.listAccounts('emu')).toHaveLength(4); // legacy file
    await writeFile(
      cacheFile(h, 'emu'),
      JSON.stringify({ startUrl: emu.startUrl, region: emu.region, accessToken, expiresAt }),
    );
    expect((await core.status('emu')).state).toBe('signed-in');
    expect(await core.listAccounts('emu')).toHaveLength(4);
  });

  it('an expired token without a refresh token is SESSION_EXPIRED', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    const { accessToken } = await tokenFromEmulator(emu);
    await mkdir(join(h.home, '.aws', 'sso', 'cache'), { recursive: true });
    await writeFile(
      cacheFile(h, 'emu'),
      JSON.stringify({ accessToken, expiresAt: '2020-01-01T00:00:00Z', region: emu.region }),
    );
    expect((await core.status('emu')).state).toBe('expired');
    expect(await errorCode(core.accessToken('emu'))).toBe('SESSION_EXPIRED');
  });
});

describe('token refresh', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 2, autoApprove: true, tokenSeconds: 120 });
  });
  afterAll(() => emu.close());
  afterEach(() => h.cleanup());

  it('refreshes with the refresh token when fewer than 15 minutes are left', async () => {
    h = await sandboxHome(emu);
    const core = new SsoCore({ env: h.env });
    await core.login({ flow: 'device' });
    const first = JSON.parse(await readFile(cacheFile(h, 'emu'), 'utf8')) as Record<string, string>;
    const t = await core.accessToken('emu');
    expect(t).not.toBe(first.accessToken);
    const second = JSON.parse(await readFile(cacheFile(h, 'emu'), 'utf8')) as Record<
      string,
      string
    >;
    expect(second.accessToken).toBe(t);
    expect(second.clientId).toBe(first.clientId);
    expect(second.clientSecret).toBe(first.clientSecret);
    expect(second.registrationExpiresAt).toBe(first.registrationExpiresAt);
    expect(second.refreshToken).toBeTruthy();
    expect(await core.listAccounts('emu')).toHaveLength(2);
  });

  it('uses the old token while it is valid when refresh fails, SESSION_EXPIRED after', async () => {
    h = await sandboxHome(emu);
    let now = Date.now();
    const core = new SsoCore({ env: h.env, now: () => now });
    await core.login({ flow: 'device' });
    const file = cacheFile(h, 'emu');
    const token = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    await writeFile(file, JSON.stringify({ ...token, refreshToken: 'not-a-valid-refresh-token' }));
    expect(await core.accessToken('emu')).toBe(token.accessToken);
    now += 10 * 60 * 1000;
    expect(await errorCode(core.accessToken('emu'))).toBe('SESSION_EXPIRED');
  });
});

describe('stale client registration', () => {
  it('registers again when the service no longer knows the cached client', async () => {
    const first = await startTestEmulator({ accounts: 1, autoApprove: true });
    const h = await sandboxHome(first);
    const second = await startTestEmulator({ accounts: 1, autoApprove: true });
    try {
      expect(second.startUrl).toBe(first.startUrl);
      await new SsoCore({ env: h.env }).login({ flow: 'device' });
      const env = {
        ...h.env,
        AWS_ENDPOINT_URL_SSO: second.url,
        AWS_ENDPOINT_URL_SSO_OIDC: second.url,
      };
      const status = await new SsoCore({ env }).login({ flow: 'device' });
      expect(status.state).toBe('signed-in');
      expect(second.state().calls.RegisterClient).toBe(1);
      expect(await new SsoCore({ env }).listAccounts('emu')).toHaveLength(1);
    } finally {
      await h.cleanup();
      await first.close();
      await second.close();
    }
  });
});

describe('device code expiry', () => {
  it('fails with AUTH_EXPIRED when nobody approves in time', async () => {
    const emu = await startTestEmulator({ deviceCodeSeconds: 2 });
    const h = await sandboxHome(emu);
    try {
      const core = new SsoCore({ env: h.env });
      expect(await errorCode(core.login({ flow: 'device' }))).toBe('AUTH_EXPIRED');
    } finally {
      await h.cleanup();
      await emu.close();
    }
  });
});

describe('portal listing', () => {
  it('pages through 250 accounts 100 at a time', async () => {
    const emu = await startTestEmulator({ accounts: 250, autoApprove: true });
    const h = await sandboxHome(emu);
    try {
      const core = new SsoCore({ env: h.env });
      await core.login({ flow: 'device' });
      const pages: number[] = [];
      const accounts = await core.listAccounts('emu', (p) => pages.push(p.length));
      expect(pages).toEqual([100, 100, 50]);
      expect(new Set(accounts.map((a) => a.accountId)).size).toBe(250);
      expect(emu.state().calls.ListAccounts).toBe(3);
    } finally {
      await h.cleanup();
      await emu.close();
    }
  });

  it('lists 500 accounts and every role under a 20 rps limit without a failure', async () => {
    const emu = await startTestEmulator({ accounts: 500, autoApprove: true, rateLimit: 20 });
    const h = await sandboxHome(emu);
    try {
      const core = new SsoCore({ env: h.env });
      await core.login({ flow: 'device' });
      const accounts = await core.listAccounts('emu');
      expect(accounts).toHaveLength(500);
      const streamed = new Set<string>();
      // A caller's stop, as a listing of several pages passes one to each page's role listing.
      const caller = new AbortController();
      const roles = await core.listAllRoles(
        'emu',
        accounts,
        (id) => streamed.add(id),
        caller.signal,
      );
      expect(streamed.size).toBe(500);
      // Done, it no longer listens for the caller's stop (one listener per page would pile up).
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      for (const a of emu.organisation.accounts) {
        expect(
          roles
            .get(a.accountId)
            ?.map((r) => r.roleName)
            .sort(),
        ).toEqual([...a.roles].sort());
      }
      const state = emu.state();
      expect(state.calls.ListAccountRoles! - state.throttled.ListAccountRoles!).toBe(500);
    } finally {
      await h.cleanup();
      await emu.close();
    }
  });
});
