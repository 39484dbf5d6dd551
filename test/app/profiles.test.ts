// Settings → Profiles through the app core against the emulator: the preview (counts and first
// names, a bad template's message, the listing's progress), Write all (every role, every other
// byte kept), a second write byte-identical, Prune only after main's dialog and only what populate
// wrote, the template kept per session, and a written profile used by the AWS CLI.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import type { AccountsEvent } from '../../src/shared/ipc-views';
import { app, signIn, ScriptedConfirm, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';
import { runAsync } from '../credentials/helpers';
import { populateRoles } from '../../src/main/core/credentials/populate';

const AWS_V1 =
  spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0 ? 'aws' : undefined;
if (!AWS_V1) console.warn('profiles: no `aws` on PATH, the AWS CLI check is skipped');

// the safe-name rule as the README states it, written out again here
const safe = (s: string) =>
  s
    .replace(/[^A-Za-z0-9_.:@+/-]+/g, '-')
    .replace(/-*\.-*/g, '.')
    .replace(/^[^A-Za-z0-9_]+/, '')
    .replace(/-+$/, '');

describe('app core: a profile for every role (Settings → Profiles)', () => {
  let box: Sandbox;
  let t: TestApp;
  let confirm: ScriptedConfirm;
  const config = () => box.configFile;
  const mine = '# my own notes\n[profile mine]\nregion = eu-west-2   \n\n';

  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 5, rolesPerAccount: 2, seed: 11 });
    await writeFile(config(), mine + (await readFile(config(), 'utf8')));
  });
  afterEach(async () => {
    await t?.core.dispose();
  });
  afterAll(async () => {
    await box?.close();
  });

  /** Every role in display order (accounts by name, then roles), as the window lists them. */
  const roles = () =>
    populateRoles(
      box.emulator.organisation.accounts,
      new Map(
        box.emulator.organisation.accounts.map((a) => [
          a.accountId,
          a.roles.map((roleName) => ({ accountId: a.accountId, roleName })),
        ]),
      ),
    );
  const defaultNames = () => roles().map((r) => `${safe(r.accountName)}.${safe(r.roleName)}`);

  const start = (answers: boolean[] = [], settings = new MemorySettingsStore()) => {
    confirm = new ScriptedConfirm(answers);
    t = app(box, settings, confirm);
    return t;
  };

  it('refuses before sign-in and reports a bad template without listing or writing', async () => {
    start();
    const before = await readFile(config(), 'utf8');
    const signedOut = await dispatchInvoke(t.core.handlers, 'profiles.preview', {
      session: SESSION,
    });
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

    const bad = await t.core.handlers['profiles.preview']({ session: SESSION, template: '{acct}' });
    expect(bad.problem).toMatch(/unknown placeholder \{acct\}/);
    expect(bad.add.count).toBe(0);
    const write = await dispatchInvoke(t.core.handlers, 'profiles.write', {
      session: SESSION,
      template: '{acct}',
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!write.ok) expect(write.error.message).toMatch(/unknown placeholder \{acct\}/);
    expect(await readFile(config(), 'utf8')).toBe(before);
    // a region the contract refuses never reaches the service
    const region = await dispatchInvoke(t.core.handlers, 'profiles.preview', {
      session: SESSION,
      region: 'moon-1',
    });
    expect(region).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('previews, writes all, writes again byte-identical, prunes only after a yes; the CLI uses one', async () => {
    const settings = new MemorySettingsStore();
    start([false, true], settings);
    await signIn(box, t);
    const before = await readFile(config(), 'utf8');
    const expected = defaultNames();
    expect(new Set(expected).size).toBe(expected.length);

    // the preview waits for the complete listing, whose progress reached the window
    const preview = await t.core.handlers['profiles.preview']({ session: SESSION });
    expect(preview).toMatchObject({
      session: SESSION,
      file: config(),
      template: '{account_name}.{role_name}',
      region: 'us-east-1',
      roles: expected.length,
      add: { count: expected.length, first: expected.slice(0, 8) },
      change: { count: 0, first: [] },
      unchanged: 0,
      remove: { count: 0, first: [] },
      problem: null,
    });
    const listing = t.events
      .filter((e) => e.name === 'accounts')
      .map((e) => e.payload as AccountsEvent);
    expect(listing.some((e) => e.loading)).toBe(true);
    expect(listing.at(-1)).toMatchObject({
      loading: false,
      progress: { rolesLoaded: 5, accounts: 5 },
    });
    expect(await readFile(config(), 'utf8')).toBe(before);

    // Write all: every role, in the region asked for, every other byte kept
    const written = await t.core.handlers['profiles.write']({
      session: SESSION,
      region: 'eu-west-1',
    });
    expect(written).toMatchObject({ cancelled: false, add: { count: expected.length } });
    const text = await readFile(config(), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const sections = new Map(parseIni(text).map((s) => [s.header, s.values]));
    roles().forEach((r, i) => {
      expect(sections.get(`profile ${expected[i]}`)).toEqual({
        sso_session: SESSION,
        sso_account_id: r.accountId,
        sso_role_name: r.roleName,
        region: 'eu-west-1',
      });
    });
    // the region asked for is kept for the session (the template is the default: not stored)
    expect(settings.get().profileSessions[SESSION]).toEqual({
      template: '{account_name}.{role_name}',
      region: 'eu-west-1',
    });
    expect(await t.core.handlers['profiles.settings']({ session: SESSION })).toEqual({
      template: '{account_name}.{role_name}',
      region: 'eu-west-1',
    });

    // a second write with nothing new: not one byte changes
    const again = await t.core.handlers['profiles.write']({ session: SESSION, prune: true });
    expect(again).toMatchObject({
      cancelled: false,
      region: 'eu-west-1',
      add: { count: 0 },
      change: { count: 0 },
      remove: { count: 0 },
      unchanged: expected.length,
    });
    expect(confirm.asked).toEqual([]);
    expect(await readFile(config(), 'utf8')).toBe(text);

    // one profile written on its own from the window: never pruned
    const single = roles()[1]!;
    await t.core.handlers['credentials.writeSsoProfile']({
      session: SESSION,
      accountId: single.accountId,
      roleName: single.roleName,
      profileName: 'single',
    });
    const withSingle = await readFile(config(), 'utf8');

    // another template with Prune: the preview says what goes, the dialog names it, a no keeps all
    const template = '{account_id}-{role_name}';
    const next = roles().map((r) => `${r.accountId}-${r.roleName}`);
    const p2 = await t.core.handlers['profiles.preview']({ session: SESSION, template });
    expect(p2).toMatchObject({
      add: { count: next.length, first: next.slice(0, 8) },
      remove: { count: expected.length, first: expected.slice(0, 8) },
    });
    const no = await t.core.handlers['profiles.write']({ session: SESSION, template, prune: true });
    expect(no.cancelled).toBe(true);
    expect(confirm.asked).toHaveLength(1);
    expect(confirm.asked[0]).toMatchObject({
      title: 'Remove profiles',
      message: `Remove ${expected.length} profiles from ${config()}?`,
      confirmLabel: 'Remove profiles',
    });
    expect(confirm.asked[0]?.detail).toContain(expected.slice(0, 8).join(', '));
    expect(confirm.asked[0]?.detail).toContain(`and ${expected.length - 8} more`);
    expect(await readFile(config(), 'utf8')).toBe(withSingle);
    expect(settings.get().profileSessions[SESSION]?.template).toBe('{account_name}.{role_name}');

    const yes = await t.core.handlers['profiles.write']({
      session: SESSION,
      template,
      prune: true,
    });
    expect(yes).toMatchObject({
      cancelled: false,
      add: { count: next.length },
      remove: { count: expected.length },
    });
    const pruned = await readFile(config(), 'utf8');
    expect(pruned.startsWith(mine)).toBe(true);
    expect(
      parseIni(pruned)
        .map((s) => s.header)
        .filter((h) => h.startsWith('profile ')),
    ).toEqual(['profile mine', 'profile single', ...next.map((n) => `profile ${n}`)]);
    expect(settings.get().profileSessions[SESSION]).toEqual({ template, region: 'eu-west-1' });

    if (AWS_V1) {
      // botocore through the AWS CLI: the app's token cache, GetRoleCredentials, STS
      const r = roles()[3]!;
      const out = await runAsync(
        AWS_V1,
        ['--profile', `${r.accountId}-${r.roleName}`, 'sts', 'get-caller-identity'],
        { ...box.env, AWS_DEFAULT_OUTPUT: 'json' },
      );
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const id = JSON.parse(out.stdout) as { Account: string; Arn: string };
      expect(id.Account).toBe(r.accountId);
      expect(id.Arn).toContain(`:assumed-role/${r.roleName}/`);
    }
  });
  it('a listing that fails ends the preview with its error, and nothing is written', async () => {
    start();
    const loaded = t.next('accounts', (e) => e.session === SESSION && !e.loading);
    await signIn(box, t);
    await loaded;
    const before = await readFile(config(), 'utf8');
    box.emulator.revoke();
    // the preview waits for the listing under way, which fails: it fails with it
    await t.core.handlers['accounts.refresh']({ session: SESSION });
    const preview = await dispatchInvoke(t.core.handlers, 'profiles.preview', {
      session: SESSION,
    });
    expect(preview).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    const write = await dispatchInvoke(t.core.handlers, 'profiles.write', { session: SESSION });
    expect(write.ok).toBe(false);
    expect(await readFile(config(), 'utf8')).toBe(before);
  });
});
