// Session status (`status.get`) and "Sign in again" against the emulator: what the token cache
// and the last listing say, never a token; signing in while the portal session is active keeps
// its end, signing in again (sign out first) starts a new session with a fresh expiry.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFilePath } from '../../src/main/core/sso/cache-files';
import { app, eventually, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('session status and signing in again', () => {
  let box: Sandbox | undefined;
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.core.dispose();
    await box?.close();
    box = undefined;
    t = undefined;
  });

  const tokenFile = (b: Sandbox) => tokenFilePath(join(b.home, '.aws', 'sso', 'cache'), SESSION);

  /** Signs in with the device flow (after signing out first when `again`), approving the code. */
  async function login(b: Sandbox, a: TestApp, again: boolean): Promise<number> {
    const prompt = a.next('auth', (e) => e.type === 'prompt');
    const done = a.next('auth', (e) => e.type !== 'prompt');
    await a.core.handlers['auth.login']({ session: SESSION, flow: 'device', again });
    const p = await prompt;
    if (p.type !== 'prompt' || p.userCode === undefined) throw new Error('no user code');
    b.emulator.approve(p.userCode);
    const outcome = await done;
    if (outcome.type !== 'success') throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
    return outcome.expiresAt;
  }

  it('says signed out and never listed, then what the token cache and the listing hold', async () => {
    box = await emulatorSandbox({ accounts: 6, seed: 3 });
    t = app(box);
    await t.core.ready;
    expect(await t.core.handlers['status.get']({})).toEqual({
      sessions: [
        {
          session: SESSION,
          state: 'signed-out',
          expiresAt: null,
          refreshToken: false,
          registrationExpiresAt: null,
          accountsListedAt: null,
          accounts: null,
          roles: null,
        },
      ],
    });

    const loaded = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await signIn(box, t);
    await loaded;
    const { sessions } = await eventually(
      () => t!.core.handlers['status.get']({}),
      (s) => s.sessions[0]?.roles !== null && s.sessions[0]?.roles !== 0,
    );
    const org = box.emulator.organisation.accounts;
    const file = JSON.parse(await readFile(tokenFile(box), 'utf8')) as Record<string, string>;
    const status = sessions[0]!;
    expect(status).toMatchObject({
      session: SESSION,
      state: 'signed-in',
      expiresAt: Date.parse(file.expiresAt!),
      refreshToken: true,
      registrationExpiresAt: Date.parse(file.registrationExpiresAt!),
      accounts: org.length,
      roles: org.reduce((n, a) => n + a.roles.length, 0),
    });
    expect(status.accountsListedAt).toEqual(expect.any(Number));
    // Facts about the token, never the token.
    const text = JSON.stringify(sessions);
    for (const secret of [file.accessToken, file.refreshToken, file.clientSecret]) {
      expect(secret).toBeTruthy();
      expect(text).not.toContain(secret);
    }

    await t.core.handlers['auth.logout']({ session: SESSION });
    const after = (await t.core.handlers['status.get']({})).sessions[0]!;
    expect(after).toMatchObject({ state: 'signed-out', expiresAt: null, refreshToken: false });
    // The last listing is still known (the cache stays for the next sign-in).
    expect(after.accounts).toBe(org.length);
  });

  it('signing in while the portal session is active keeps its end; "again" signs out first and gets a fresh one', async () => {
    // A portal session of 10 minutes; access tokens would last an hour.
    box = await emulatorSandbox({ accounts: 2, tokenSeconds: 3600, refreshTokenSeconds: 600 });
    t = app(box);
    await t.core.ready;
    const first = await login(box, t, false);
    expect(first).toBeLessThanOrEqual(Date.now() + 600_000);
    // New portal sessions would now last two hours, but the current one has not ended.
    box.emulator.configure({ refreshTokenSeconds: 7200 });

    const logoutsBefore = box.emulator.state().calls.Logout ?? 0;
    const joined = await login(box, t, false);
    expect(joined).toBeLessThanOrEqual(first + 1000);
    expect(box.emulator.state().calls.Logout).toBe(logoutsBefore);

    const fresh = await login(box, t, true);
    expect(box.emulator.state().calls.Logout).toBe(logoutsBefore + 1);
    // A new portal session: the token lasts its full hour, well past the old session's end.
    expect(fresh).toBeGreaterThan(first + 40 * 60_000);
    const status = (await t.core.handlers['status.get']({})).sessions[0]!;
    // The token file keeps whole seconds.
    expect(status).toMatchObject({ state: 'signed-in', refreshToken: true });
    expect(Math.abs((status.expiresAt ?? 0) - fresh)).toBeLessThan(1000);
  });
});
