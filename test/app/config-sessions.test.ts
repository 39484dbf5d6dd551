// The app core over a user's real, messy config file: a section that cannot be used is listed with
// its reason and never breaks the window or the other sessions; legacy SSO profiles are offered
// as a session and can be given an [sso-session] without touching them.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { createApi } from '../../src/shared/ipc-renderer';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { app, eventually, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';

let box: Sandbox | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.core.dispose();
  await box?.close();
  box = undefined;
  t = undefined;
});

/** The window's own client over the app core's handlers. */
const windowApi = (core: TestApp['core']) =>
  createApi({
    invoke: (channel, payload) => dispatchInvoke(core.handlers, channel, payload),
    subscribe: () => () => undefined,
  });

async function signInTo(b: Sandbox, a: TestApp, session: string): Promise<void> {
  const prompt = a.next('auth', (e) => e.type === 'prompt' && e.session === session);
  const done = a.next('auth', (e) => e.type !== 'prompt' && e.session === session);
  await a.core.handlers['auth.login']({ session, flow: 'device' });
  const p = await prompt;
  if (p.type !== 'prompt' || p.userCode === undefined) throw new Error('no user code');
  b.emulator.approve(p.userCode);
  expect(await done).toMatchObject({ type: 'success' });
}

describe('a config file with sections SSO Tray cannot use', () => {
  it('shows them with reasons while the good session signs in and lists accounts', async () => {
    box = await emulatorSandbox({ accounts: 2 });
    const good = await readFile(box.env.AWS_CONFIG_FILE!, 'utf8');
    const config =
      `${good}\n[sso-session has space]\nsso_start_url = ${box.emulator.startUrl}\nsso_region = us-east-1\n` +
      `\n[sso-session x]\nsso_start_url = https://d-0000000000.awsapps.com/start\n` +
      `\n[sso-session bad-url]\nsso_start_url = https://d-1.awsapps\u2028.com/start\nsso_region = us-east-1\n`;
    await writeFile(box.env.AWS_CONFIG_FILE!, config);
    t = app(box);
    const api = windowApi(t.core);
    const state = await api.getState();
    expect(state.sessions.map((s) => s.name)).toEqual(['emu']);
    expect(state.configFile).toBe(box.env.AWS_CONFIG_FILE);
    expect(state.configIssues.map((i) => [i.section, i.reason])).toEqual([
      ['sso-session has space', 'has a space in its name, so botocore skips it'],
      ['sso-session x', 'no sso_region'],
      ['sso-session bad-url', 'start URL contains a line separator (U+2028)'],
    ]);
    await signInTo(box, t, 'emu');
    const list = await eventually(
      () => api.listAccounts({ session: 'emu' }),
      (l) => !l.loading && l.accounts.length === 2,
    );
    expect(list.accounts).toHaveLength(2);
    // The unusable session is refused by name, with the reason, wherever it is used.
    const refused = await dispatchInvoke(t.core.handlers, 'auth.login', { session: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIG' } });
    expect(await readFile(box.env.AWS_CONFIG_FILE!, 'utf8')).toBe(config);
  });
});

describe('legacy SSO profiles', () => {
  it('are offered as a session, sign in, and get an [sso-session] without being touched', async () => {
    box = await emulatorSandbox({ accounts: 2 });
    const account = box.emulator.organisation.accounts[0]!;
    const legacy =
      `# written by aws configure sso in 2021\n[profile dev]\nsso_start_url = ${box.emulator.startUrl}\n` +
      `sso_region = ${box.emulator.region}\nsso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\n` +
      `\n[profile prod]\nsso_start_url = ${box.emulator.startUrl}\nsso_region = ${box.emulator.region}\n` +
      `sso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\n`;
    await writeFile(box.env.AWS_CONFIG_FILE!, legacy);
    t = app(box);
    const api = windowApi(t.core);
    const state = await api.getState();
    const name = new URL(box.emulator.startUrl).hostname.split('.')[0]!;
    expect(state.sessions).toEqual([
      expect.objectContaining({ name, kind: 'legacy', profiles: ['dev', 'prod'] }),
    ]);
    await signInTo(box, t, name);
    await t.core.handlers['favourites.toggle']({
      session: name,
      accountId: account.accountId,
      roleName: account.roles[0]!,
    });

    const adopted = await api.adoptLegacySession({ session: name });
    expect(adopted).toMatchObject({ name, kind: 'sso-session', status: 'signed-in' });
    const after = await readFile(box.env.AWS_CONFIG_FILE!, 'utf8');
    // The legacy profiles are byte for byte as they were; the new section follows them.
    expect(after.startsWith(legacy)).toBe(true);
    expect(parseIni(after).find((s) => s.header === `sso-session ${name}`)?.values).toEqual({
      sso_start_url: box.emulator.startUrl,
      sso_region: box.emulator.region,
      sso_registration_scopes: 'sso:account:access',
    });
    const again = await api.getState();
    expect(again.sessions.map((s) => [s.name, s.kind, s.status])).toEqual([
      [name, 'sso-session', 'signed-in'],
    ]);
    expect(again.favourites.map((f) => f.session)).toEqual([name]);
    // Still signed in: credentials come without a new sign-in.
    const creds = await t.core.handlers['credentials.get']({
      session: name,
      accountId: account.accountId,
      roleName: account.roles[0]!,
    });
    expect(box.emulator.state().issuedAccessKeyIds).toContain(creds.accessKeyId);
    // An [sso-session] is not adopted twice.
    const twice = await dispatchInvoke(t.core.handlers, 'sessions.adoptLegacy', { session: name });
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('can take another name for the new [sso-session]; settings follow it', async () => {
    box = await emulatorSandbox({ accounts: 1 });
    const account = box.emulator.organisation.accounts[0]!;
    await writeFile(
      box.env.AWS_CONFIG_FILE!,
      `[default]\nsso_start_url = ${box.emulator.startUrl}\nsso_region = ${box.emulator.region}\n` +
        `sso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\n`,
    );
    t = app(box);
    const [legacy] = (await windowApi(t.core).getState()).sessions;
    const adopted = await t.core.handlers['sessions.adoptLegacy']({
      session: legacy!.name,
      name: 'corp',
    });
    expect(adopted.name).toBe('corp');
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions.map((s) => s.name)).toEqual(['corp']);
    expect(state.activeSession).toBe('corp');
    const bad = await dispatchInvoke(t.core.handlers, 'sessions.adoptLegacy', {
      session: 'corp',
      name: 'x"&calc&"',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
