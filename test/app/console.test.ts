// "Open console" both ways through the app core against the emulator: the portal's shortcut link
// by default, and the direct sign-in (GetRoleCredentials, the federation endpoint's sign-in
// token, its login URL, the emulator's console page), per session, in the chosen browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { app, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

/** Follows the login URL to the emulator's console page, as the browser would. */
async function consolePage(loginUrl: string): Promise<{ status: number; html: string }> {
  const first = await fetch(loginUrl, { redirect: 'manual' });
  if (first.status !== 302) return { status: first.status, html: await first.text() };
  const page = await fetch(first.headers.get('location') ?? '', { redirect: 'manual' });
  return { status: page.status, html: await page.text() };
}

describe('open console', () => {
  let box: Sandbox;
  let t: TestApp;
  const settings = new MemorySettingsStore();

  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 4, seed: 11 });
    t = app(box, settings);
    await signIn(box, t);
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  const target = () => {
    const account = box.emulator.organisation.accounts[1]!;
    return { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
  };

  it('uses the portal shortcut link until the session is switched to direct', async () => {
    expect(await t.core.handlers['console.getSettings']({ session: SESSION })).toEqual({
      way: 'shortcut',
      browser: { browser: 'default' },
    });
    await t.core.handlers['console.open'](target());
    expect(t.browser.opened.at(-1)).toBe(
      `${box.emulator.startUrl}/#/console?account_id=${target().accountId}&role_name=${target().roleName}`,
    );
  });

  it('signs in directly: the login URL reaches a console page for the account and role', async () => {
    const saved = await t.core.handlers['console.setSettings']({
      session: SESSION,
      settings: { way: 'direct', destination: '/ec2/home', browser: { browser: 'default' } },
    });
    expect(saved).toEqual({
      way: 'direct',
      destination: '/ec2/home',
      browser: { browser: 'default' },
    });
    const before = box.emulator.state().calls.GetSigninToken ?? 0;
    await t.core.handlers['console.open'](target());
    expect(box.emulator.state().calls.GetSigninToken).toBe(before + 1);
    const url = new URL(t.browser.opened.at(-1)!);
    expect(url.origin + url.pathname).toBe(`${box.emulator.url}/federation`);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe(box.emulator.startUrl);
    expect(url.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/ec2/home?region=us-east-1',
    );
    const page = await consolePage(url.href);
    expect(page.status).toBe(200);
    expect(page.html).toContain(target().accountId);
    expect(page.html).toContain(`data-testid="role">${target().roleName}<`);
    expect(page.html).toContain('https://console.aws.amazon.com/ec2/home?region=us-east-1');
    // the recents put the role first
    expect(t.core.state().recents[0]).toMatchObject({ accountId: target().accountId });
  });

  it('opens the console in a named browser and profile when the session says so', async () => {
    await t.core.handlers['console.setSettings']({
      session: SESSION,
      settings: { way: 'direct', browser: { browser: 'chrome', profile: 'Profile 2' } },
    });
    await t.core.handlers['console.open'](target());
    const launched = t.browser.launched.at(-1);
    expect(launched?.browser).toEqual({ browser: 'chrome', profile: 'Profile 2' });
    expect(new URL(launched!.url).searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/console/home?region=us-east-1',
    );
  });

  it('refuses expired role credentials at the federation endpoint, with a clear error', async () => {
    const other = box.emulator.organisation.accounts[2]!;
    const t2 = { session: SESSION, accountId: other.accountId, roleName: other.roles[0]! };
    await t.core.handlers['credentials.get'](t2); // cached by the app from now on
    box.emulator.expireRoleCredentials();
    const opened = t.browser.opened.length;
    const r = await dispatchInvoke(t.core.handlers, 'console.open', t2);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'ACCESS_DENIED',
        message: expect.stringMatching(/refused the role's credentials/),
      },
    });
    expect(t.browser.opened.length).toBe(opened);
  });

  it('validates the settings: a page off the console, a container outside Firefox', async () => {
    const bad = await dispatchInvoke(t.core.handlers, 'console.setSettings', {
      session: SESSION,
      settings: {
        way: 'direct',
        destination: 'https://evil.example.com/',
        browser: { browser: 'default' },
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const container = await dispatchInvoke(t.core.handlers, 'console.setSettings', {
      session: SESSION,
      settings: { way: 'direct', browser: { browser: 'chrome', container: 'Work' } },
    });
    expect(container).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // back to the defaults: nothing is stored for the session
    await t.core.handlers['console.setSettings']({
      session: SESSION,
      settings: { way: 'shortcut', browser: { browser: 'default' } },
    });
    expect(settings.get().consoleSessions).toEqual({});
  });
});
