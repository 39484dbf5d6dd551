// The app core end to end against the local emulator: sign-in, accounts (network, then cache),
// copy with clipboard clearing, write profile, favourites/recents, tray, expiry notifications,
// auto refresh, and a revoked session. Real SDK clients, real files in a temp HOME; only the OS
// (clipboard, notifications, browser) is recorded by fakes, and time is a fake clock.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMenuItem } from '../../src/main/core/tray';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { formatEnv, formatProfileBlock } from '../../src/shared/credential-formats';
import { sortAccounts } from '../../src/shared/account-order';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { app, eventually, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('app core', () => {
  let box: Sandbox;
  let t: TestApp;
  const settings = new MemorySettingsStore();

  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 30, seed: 7 });
    t = app(box, settings);
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  const org = () => box.emulator.organisation.accounts;
  const sortedIds = (list: Array<{ accountId: string }>) => list.map((a) => a.accountId).sort();
  /** The access key id of a profile in the credentials file. */
  const keyIn = async (profileName: string) =>
    parseIni(await readFile(box.credentialsFile, 'utf8')).find((s) => s.header === profileName)
      ?.values.aws_access_key_id;
  /**
   * The profile still holds `firstKey` after `quiet` ms of the app's clock, and new keys once
   * `more` ms further have passed (its auto-refresh lead time).
   */
  const expectRenewedAt = async (
    a: TestApp,
    profileName: string,
    firstKey: string | undefined,
    quiet: number,
    more: number,
  ) => {
    a.clock.advance(quiet);
    expect(await keyIn(profileName)).toBe(firstKey);
    a.clock.advance(more);
    const newKey = await eventually(
      () => keyIn(profileName),
      (k) => k !== firstKey,
    );
    expect(newKey).toMatch(/^ASIA/);
  };
  /** Writes the first role of the organisation's `index`th account as a profile kept fresh. */
  const writeKeptFresh = (a: TestApp, index: number, profileName: string) => {
    const account = org()[index]!;
    return a.core.handlers['credentials.writeProfile']({
      session: SESSION,
      accountId: account.accountId,
      roleName: account.roles[0]!,
      profileName,
      autoRefresh: true,
    });
  };

  it('starts signed out with the session of the config file', async () => {
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions).toEqual([
      expect.objectContaining({ name: SESSION, status: 'signed-out', expiresAt: null }),
    ]);
    expect(state.activeSession).toBe(SESSION);
    expect(t.core.tray.status().icon).toBe('signed-out');
  });

  it('signs in with the device flow, opening the approval page, then loads every account and role', async () => {
    const loaded = t.next(
      'accounts',
      (e) => e.session === SESSION && !e.loading && e.error === undefined,
    );
    await signIn(box, t);
    // One browser tab for the approval page (the flow announces it and asks to open it).
    expect(t.browser.opened.filter((u) => u.startsWith(`${box.emulator.url}/device`))).toHaveLength(
      1,
    );
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions[0]).toMatchObject({ status: 'signed-in' });
    expect(state.sessions[0]?.expiresAt).toBeGreaterThan(Date.now());

    const last = await loaded;
    expect(last.progress).toEqual({ rolesLoaded: org().length, accounts: org().length });
    const list = await t.core.handlers['accounts.list']({ session: SESSION });
    expect(list.fromCache).toBe(false);
    expect(sortedIds(list.accounts)).toEqual(sortedIds(org()));
    for (const account of org()) {
      expect(list.roles[account.accountId]?.slice().sort()).toEqual([...account.roles].sort());
    }
    // No secret in any event so far.
    expect(JSON.stringify(t.events)).not.toMatch(/accessToken|secretAccessKey|refreshToken/);
  });

  it('lists accounts in display order; `first` serves the first screen with the total', async () => {
    const list = await t.core.handlers['accounts.list']({ session: SESSION });
    expect(list.accounts.map((a) => a.accountId)).toEqual(
      sortAccounts(list.accounts).map((a) => a.accountId),
    );
    expect(list.total).toBe(org().length);
    const first = await t.core.handlers['accounts.list']({ session: SESSION, first: 5 });
    expect(first.accounts).toEqual(list.accounts.slice(0, 5));
    expect(first.total).toBe(org().length);
    expect(Object.keys(first.roles).sort()).toEqual(first.accounts.map((a) => a.accountId).sort());
    const more = await t.core.handlers['accounts.list']({ session: SESSION, first: 1000 });
    expect(more.accounts).toEqual(list.accounts);
    for (const bad of [0, -1, 1.5, 1001, '5']) {
      const answer = await dispatchInvoke(t.core.handlers, 'accounts.list', {
        session: SESSION,
        first: bad,
      });
      expect(answer.ok, String(bad)).toBe(false);
    }
  });

  it('serves the accounts from the on-disk cache at the next start', async () => {
    const again = app(box, new MemorySettingsStore(settings.get()));
    try {
      // The network is slowed down: an answer from the cache cannot come from it.
      box.emulator.configure({ latencyMs: 1500 });
      const started = Date.now();
      const list = await again.core.handlers['accounts.list']({ session: SESSION });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(list.fromCache).toBe(true);
      expect(sortedIds(list.accounts)).toEqual(sortedIds(org()));
      expect(Object.keys(list.roles)).toHaveLength(org().length);
      expect(list.updatedAt).not.toBeNull();
    } finally {
      box.emulator.configure({ latencyMs: 0 });
      await again.core.dispose();
    }
  });

  it('copies the exact format and clears the clipboard after the delay only if unchanged', async () => {
    const account = org()[0]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    const creds = await t.core.handlers['credentials.get'](target);
    const copiedAt = t.clock.now();
    const { clearsAt } = await t.core.handlers['credentials.copy']({
      ...target,
      what: 'env-macos',
    });
    expect(t.clipboard.text).toBe(formatEnv(creds, 'macos'));
    expect(t.clipboard.text).toBe(
      `export AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\n` +
        `export AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\n` +
        `export AWS_SESSION_TOKEN="${creds.sessionToken}"\n`,
    );
    // Default delay: 60 s.
    expect(clearsAt).toBeGreaterThanOrEqual(copiedAt + 60_000);
    expect(clearsAt).toBeLessThanOrEqual(t.clock.now() + 60_000);
    t.clock.advance(clearsAt! - t.clock.now() - 1_000);
    expect(t.clipboard.text).toBe(formatEnv(creds, 'macos'));
    t.clock.advance(1_000);
    await eventually(
      () => t.clipboard.text,
      (text) => text === '',
    );

    // The user copied something else meanwhile: it stays.
    await t.core.handlers['credentials.copy']({ ...target, what: 'profile' });
    expect(t.clipboard.text).toBe(
      formatProfileBlock(creds, `${target.accountId}_${target.roleName}`),
    );
    t.clipboard.text = 'something the user copied';
    t.clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.clipboard.text).toBe('something the user copied');

    const state = await t.core.handlers['state.get']({});
    expect(state.recents[0]).toMatchObject({ ...target, accountName: account.accountName });
    expect(state.credentials).toContainEqual(
      expect.objectContaining({ ...target, source: 'copied', expiresAt: creds.expiration }),
    );
  });

  it('writes a profile into the credentials file, keeping what else is there', async () => {
    const account = org()[1]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    await writeFile(box.credentialsFile, '# mine\n[default]\naws_access_key_id = AKIAOLD\n');
    const profileName = `${target.accountId}_${target.roleName}`;
    const written = await t.core.handlers['credentials.writeProfile']({ ...target, profileName });
    const creds = await t.core.handlers['credentials.get'](target);
    expect(written).toMatchObject({ profileName, expiresAt: creds.expiration });
    const text = await readFile(box.credentialsFile, 'utf8');
    expect(text.startsWith('# mine\n[default]\naws_access_key_id = AKIAOLD\n')).toBe(true);
    const section = parseIni(text).find((s) => s.header === profileName);
    expect(section?.values).toMatchObject({
      aws_access_key_id: creds.accessKeyId,
      aws_secret_access_key: creds.secretAccessKey,
      aws_session_token: creds.sessionToken,
    });
    const state = await t.core.handlers['state.get']({});
    expect(state.credentials).toContainEqual(
      expect.objectContaining({ ...target, source: 'written', profileName }),
    );
  });

  it('numbers its state: every change a higher revision, each event as state.get answers then', async () => {
    const account = org()[2]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    const before = await t.core.handlers['state.get']({});
    const from = t.events.length;
    await t.core.handlers['favourites.toggle'](target);
    await t.core.handlers['favourites.toggle'](target);
    const sent = t.events.slice(from).flatMap((e) => (e.name === 'state' ? [e.payload] : []));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const revisions = sent.map((s) => (s as { revision: number }).revision);
    expect(revisions[0]).toBeGreaterThan(before.revision);
    revisions.slice(1).forEach((r, i) => expect(r).toBeGreaterThan(revisions[i]!));
    const after = await t.core.handlers['state.get']({});
    expect(after).toEqual(sent.at(-1));
  });

  it('toggles favourites and keeps recents, most recent first', async () => {
    const account = org()[2]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    expect(await t.core.handlers['favourites.toggle'](target)).toEqual({ favourite: true });
    let state = await t.core.handlers['state.get']({});
    expect(state.favourites).toEqual([{ ...target, accountName: account.accountName }]);
    expect(await t.core.handlers['favourites.toggle'](target)).toEqual({ favourite: false });
    state = await t.core.handlers['state.get']({});
    expect(state.favourites).toEqual([]);
    expect(state.recents.map((r) => r.accountId).slice(0, 2)).toEqual([
      org()[1]!.accountId,
      org()[0]!.accountId,
    ]);
  });

  it('lists roles in the tray and copies for PowerShell when the item is clicked', async () => {
    const model = t.core.tray.model();
    const accountsMenu = model.find((i) => i.label === 'Accounts');
    expect(accountsMenu?.submenu?.length).toBe(30);
    const account = [...org()].sort((a, b) => a.accountName.localeCompare(b.accountName))[3]!;
    const role = account.roles[0]!;
    const item = findMenuItem(model, {
      labelPath: [
        'Accounts',
        `${account.accountName} (${account.accountId})`,
        role,
        'Copy for PowerShell',
      ],
    });
    expect(item?.action).toMatchObject({ kind: 'copy', format: 'env-powershell' });
    const result = await t.core.tray.click(item!.id);
    expect(result.ok).toBe(true);
    const creds = await t.core.handlers['credentials.get']({
      session: SESSION,
      accountId: account.accountId,
      roleName: role,
    });
    expect(t.clipboard.text).toBe(
      `$Env:AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\n` +
        `$Env:AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\n` +
        `$Env:AWS_SESSION_TOKEN="${creds.sessionToken}"\n`,
    );
    expect(t.core.tray.status().icon).toBe('ok');
  });

  it('warns at once about credentials that expire in 4 minutes; clicking copies fresh ones', async () => {
    // A fresh app (and clock): the shared one's clock has been moved ahead of real time, and
    // credentials carry real-time expiries.
    const t = app(box, new MemorySettingsStore(settings.get()));
    box.emulator.configure({ credentialSeconds: 240 });
    try {
      const account = org()[4]!;
      const target = {
        session: SESSION,
        accountId: account.accountId,
        roleName: account.roles[0]!,
      };
      // What the dialog shows is what Copy copies, even for credentials this short-lived.
      const displayed = await t.core.handlers['credentials.get'](target);
      const before = t.notifier.shown.length;
      await t.core.handlers['credentials.copy']({ ...target, what: 'env-macos' });
      const first = t.clipboard.text;
      expect(first).toBe(formatEnv(displayed, 'macos'));
      const shown = t.notifier.shown.slice(before);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ title: 'AWS credentials expire in 4 minutes' });
      expect(shown[0]?.body).toContain(account.accountId);
      expect(t.core.tray.status().icon).toBe('expiring');

      const click = await t.core.notifications.click(shown[0]!.id);
      expect(click.ok).toBe(true);
      expect(t.clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID="/);
      expect(t.clipboard.text).not.toBe(first);
      const keyOf = (text: string) => /AWS_ACCESS_KEY_ID="([^"]+)"/.exec(text)?.[1];
      expect(keyOf(t.clipboard.text)).not.toBe(keyOf(first));
    } finally {
      box.emulator.configure({ credentialSeconds: 3600 });
      await t.core.dispose();
    }
  });

  it('rewrites a written profile with new credentials shortly before they expire (auto refresh)', async () => {
    const t = app(box, new MemorySettingsStore(settings.get()));
    box.emulator.configure({ credentialSeconds: 240 });
    try {
      const profileName = 'auto-refreshed';
      await writeKeptFresh(t, 5, profileName);
      const firstKey = await keyIn(profileName);
      expect(firstKey).toMatch(/^ASIA/);
      expect(t.settings.get().autoRefreshProfiles).toContainEqual(
        expect.objectContaining({ profileName }),
      );
      // 10% of the 240 s lifetime before expiry.
      await expectRenewedAt(t, profileName, firstKey, 215_000, 2_000);
      // Kept fresh: no "expires in" warning for this profile.
      expect(t.notifier.shown.some((n) => n.title.includes(profileName))).toBe(false);
    } finally {
      box.emulator.configure({ credentialSeconds: 3600 });
      await t.core.dispose();
    }
  });

  it('goes on renewing a profile it keeps fresh after a restart (from the record of written profiles)', async () => {
    box.emulator.configure({ credentialSeconds: 240 });
    const profileName = 'kept-fresh-across-restarts';
    const store = new MemorySettingsStore(settings.get());
    const before = app(box, store);
    let firstKey: string | undefined;
    try {
      await writeKeptFresh(before, 6, profileName);
      firstKey = await keyIn(profileName);
      expect(firstKey).toMatch(/^ASIA/);
    } finally {
      await before.core.dispose();
    }
    // The app starts again (same settings, same files); nothing is written until the lead time.
    const after = app(box, new MemorySettingsStore(store.get()));
    try {
      await after.core.handlers['state.get']({});
      await expectRenewedAt(after, profileName, firstKey, 200_000, 17_000);
      expect((await after.core.handlers['state.get']({})).credentials).toContainEqual(
        expect.objectContaining({ profileName, source: 'written' }),
      );
    } finally {
      box.emulator.configure({ credentialSeconds: 3600 });
      await after.core.dispose();
    }
  });

  it('verifies credentials with STS, writes an sso_session profile and opens the console', async () => {
    const account = org()[8]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    const who = await t.core.handlers['credentials.verify'](target);
    expect(who.arn).toMatch(
      new RegExp(`^arn:aws:sts::${account.accountId}:assumed-role/${target.roleName}/`),
    );
    expect(who.account).toBe(account.accountId);

    const sso = await t.core.handlers['credentials.writeSsoProfile']({
      ...target,
      region: 'eu-west-1',
    });
    expect(sso.profileName).toBe(`${account.accountId}_${target.roleName}`);
    const config = parseIni(await readFile(box.env.AWS_CONFIG_FILE!, 'utf8'));
    expect(config.find((x) => x.header === `profile ${sso.profileName}`)?.values).toEqual({
      sso_session: SESSION,
      sso_account_id: account.accountId,
      sso_role_name: target.roleName,
      region: 'eu-west-1',
    });

    await t.core.handlers['console.open'](target);
    // The access portal's console link for the role.
    expect(t.browser.opened.at(-1)).toBe(
      `${box.emulator.startUrl}/#/console?account_id=${account.accountId}&role_name=${target.roleName}`,
    );
  });

  it('adds a session to the config file and cancels a sign-in that waits', async () => {
    const view = await t.core.handlers['sessions.add']({
      name: 'other',
      startUrl: 'https://d-0000000000.awsapps.com/start',
      region: 'eu-central-1',
    });
    expect(view).toMatchObject({ name: 'other', status: 'signed-out' });
    const config = parseIni(await readFile(box.env.AWS_CONFIG_FILE!, 'utf8'));
    expect(config.find((x) => x.header === 'sso-session other')?.values).toMatchObject({
      sso_start_url: 'https://d-0000000000.awsapps.com/start',
      sso_region: 'eu-central-1',
    });
    // Same name, other start URL: refused, file untouched.
    const clash = await dispatchInvoke(t.core.handlers, 'sessions.add', {
      name: 'other',
      startUrl: 'https://d-1111111111.awsapps.com/start',
      region: 'eu-central-1',
    });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFIG' } });

    // A second sign-in of the emulator session, cancelled while it waits for approval.
    const prompt = t.next('auth', (e) => e.type === 'prompt' && e.session === SESSION);
    const failure = t.next('auth', (e) => e.type === 'failure' && e.session === SESSION);
    await t.core.handlers['auth.login']({ session: SESSION, flow: 'device' });
    expect((await t.core.handlers['state.get']({})).sessions[0]?.status).toBe('signing-in');
    await prompt;
    await t.core.handlers['auth.cancel']({ session: SESSION });
    const outcome = await failure;
    expect(outcome).toMatchObject({ type: 'failure', error: { code: 'CANCELLED' } });
    // The earlier sign-in (token still cached) is what counts again.
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions.find((x) => x.name === SESSION)?.status).toBe('signed-in');
    await t.core.handlers['sessions.remove']({ session: 'other' });
    expect((await t.core.handlers['state.get']({})).sessions.map((x) => x.name)).toEqual([SESSION]);
  });

  it('applies settings: auto refresh for new profiles, no clipboard clearing at 0', async () => {
    const updated = await t.core.handlers['settings.update']({
      patch: { autoRefreshProfiles: true, clipboardClearSeconds: 0, thresholdsMinutes: [5, 30] },
    });
    expect(updated).toMatchObject({
      autoRefreshProfiles: true,
      clipboardClearSeconds: 0,
      thresholdsMinutes: [30, 5],
    });
    expect((await t.core.handlers['state.get']({})).settings).toEqual(updated);
    const account = org()[9]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    await t.core.handlers['credentials.writeProfile']({
      ...target,
      profileName: 'follows-setting',
    });
    expect(t.settings.get().autoRefreshProfiles).toContainEqual(
      expect.objectContaining({ profileName: 'follows-setting' }),
    );
    expect(await t.core.handlers['credentials.copy']({ ...target, what: 'accessKeyId' })).toEqual(
      {},
    );
    expect(t.clipboard.text).toMatch(/^ASIA\w+$/);
    // The choice survives a restart (kept in the app's data folder).
    const again = app(box, new MemorySettingsStore(t.settings.get()));
    try {
      expect((await again.core.handlers['state.get']({})).settings.autoRefreshProfiles).toBe(true);
    } finally {
      await again.core.dispose();
    }
    const off = await t.core.handlers['settings.update']({ patch: { autoRefreshProfiles: false } });
    expect(off.autoRefreshProfiles).toBe(false);
    expect(t.settings.get().autoRefreshProfiles).toEqual([]);
  });

  it('turns to "sign in again" once when the session is revoked', async () => {
    const account = org()[6]!;
    const target = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
    box.emulator.revoke();
    const before = t.notifier.shown.length;
    const envelope = await dispatchInvoke(t.core.handlers, 'credentials.get', {
      ...target,
      forceRefresh: true,
    });
    expect(envelope).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'SESSION_EXPIRED' }),
    });
    const other = org()[7]!;
    const again = await dispatchInvoke(t.core.handlers, 'credentials.get', {
      session: SESSION,
      accountId: other.accountId,
      roleName: other.roles[0]!,
      forceRefresh: true,
    });
    expect(again.ok).toBe(false);
    const state = await t.core.handlers['state.get']({});
    expect(state.sessions[0]?.status).toBe('expired');
    const shown = t.notifier.shown.slice(before);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'AWS sign-in ended' });
    expect(shown[0]?.actions?.[0]).toMatchObject({ id: 'signIn' });
    expect(t.core.tray.status().icon).toBe('expired');
    expect(JSON.stringify(envelope)).not.toMatch(/ASIA|secret/i);
  });

  // Last: it signs out. The profile kept fresh is tracked again once the session signs in again.
  it('tracks profiles kept fresh again at the next sign-in', async () => {
    await signIn(box, t);
    const profileName = 'kept-fresh-across-sign-ins';
    await writeKeptFresh(t, 7, profileName);
    const tracked = async () =>
      (await t.core.handlers['state.get']({})).credentials.some(
        (c) => c.profileName === profileName,
      );
    expect(await tracked()).toBe(true);
    await t.core.handlers['auth.logout']({ session: SESSION });
    expect(await tracked()).toBe(false);
    await signIn(box, t);
    expect(await eventually(tracked, (v) => v)).toBe(true);
  });
});
