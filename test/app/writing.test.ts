// What the app core writes into the user's AWS files, against the emulator: names and values with
// control characters are refused before anything is written (and later edits still work), and a
// profile SSO Tray did not write is replaced only when the window asks with `replace` (the user
// confirmed), never from the tray or by an auto refresh.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMenuItem } from '../../src/main/core/tray';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { app, eventually, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('app core: writing the user\u2019s files', () => {
  let box: Sandbox;
  let t: TestApp;
  const config = () => box.env.AWS_CONFIG_FILE!;

  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 4, seed: 3 });
    t = app(box, new MemorySettingsStore());
    await signIn(box, t);
    await eventually(
      () => t.core.handlers['accounts.list']({ session: SESSION }),
      (l) => !l.loading && l.accounts.length === 4,
    );
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  const org = () => box.emulator.organisation.accounts;
  const roleOf = (i: number) => {
    const a = org()[i]!;
    return { session: SESSION, accountId: a.accountId, roleName: a.roles[0]! };
  };

  it('refuses a session name with NUL or a start URL with U+2028, writes nothing, and later edits work', async () => {
    const before = await readFile(config());
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        {
          name: 'a\u0000b',
          startUrl: 'https://d-2222222222.awsapps.com/start',
          region: 'eu-west-1',
        },
        /\[sso-session a\?b\] contains a NUL character \(U\+0000\)/,
      ],
      [
        {
          name: 'sep',
          startUrl: 'https://d-2222222222.awsapps.com/st\u2028art',
          region: 'eu-west-1',
        },
        /sso_start_url .* contains a line separator \(U\+2028\)/,
      ],
      [
        {
          name: 'nel',
          startUrl: 'https://d-2222222222.awsapps.com/start\u0085',
          region: 'eu-west-1',
        },
        /contains a next-line character \(U\+0085\)/,
      ],
    ];
    for (const [payload, message] of cases) {
      // through the IPC dispatcher (the window's way in) and straight to the core's handler
      // The IPC contract's schemas refuse it first, naming the character…
      const viaIpc = await dispatchInvoke(t.core.handlers, 'sessions.add', payload);
      expect(viaIpc).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!viaIpc.ok) expect(viaIpc.error.message).toMatch(/\(U\+(0000|2028|0085)\)/);
      // …and the INI writer refuses it on its own when a caller skips them.
      const direct = await Promise.resolve()
        .then(() =>
          t.core.handlers['sessions.add'](
            payload as { name: string; startUrl: string; region: string },
          ),
        )
        .catch((e: unknown) => e);
      expect(direct).toMatchObject({ code: 'INVALID_INPUT' });
      expect((direct as Error).message).toMatch(message);
      expect((direct as Error).message).toMatch(/nothing was written/);
      expect((await readFile(config())).equals(before)).toBe(true);
    }
    // the config file is still fine: the next edit goes through
    const view = await t.core.handlers['sessions.add']({
      name: 'later',
      startUrl: 'https://d-3333333333.awsapps.com/start',
      region: 'eu-west-1',
    });
    expect(view).toMatchObject({ name: 'later', status: 'signed-out' });
    const text = await readFile(config(), 'utf8');
    expect(text.startsWith(before.toString('utf8'))).toBe(true);
    expect(parseIni(text).find((s) => s.header === 'sso-session later')?.values).toMatchObject({
      sso_start_url: 'https://d-3333333333.awsapps.com/start',
    });
    await t.core.handlers['sessions.remove']({ session: 'later' });
  });

  it('asks before replacing a profile it did not write; with replace it writes it', async () => {
    const target = roleOf(0);
    const profileName = `${target.accountId}_${target.roleName}`;
    const foreign =
      `# mine\n[${profileName}]\ncredential_process = /usr/bin/vault-creds --role admin\n` +
      '[default]\naws_access_key_id = AKIAEXAMPLELONG\naws_secret_access_key = LONGSECRET\n';
    await writeFile(box.credentialsFile, foreign);
    const refused = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_OURS' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain(`profile "${profileName}"`);
      expect(refused.error.message).toContain('a credential_process command');
      expect(refused.error.message).not.toMatch(/vault|AKIAEXAMPLE|LONGSECRET/);
    }
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(foreign);

    // [default] too
    const asDefault = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName: 'default',
    });
    expect(asDefault).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_OURS' } });
    if (!asDefault.ok) expect(asDefault.error.message).toContain('long-term access keys');
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(foreign);

    // `replace` is validated like every other field
    const bad = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName,
      replace: 'yes',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const written = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName,
      replace: true,
    });
    expect(written).toMatchObject({ ok: true, value: { profileName } });
    const creds = await t.core.handlers['credentials.get'](target);
    const text = await readFile(box.credentialsFile, 'utf8');
    expect(parseIni(text).find((s) => s.header === profileName)?.values).toEqual({
      credential_process: '/usr/bin/vault-creds --role admin',
      aws_access_key_id: creds.accessKeyId,
      aws_secret_access_key: creds.secretAccessKey,
      aws_session_token: creds.sessionToken,
    });
    // from now on it is SSO Tray's own: rewritten without asking
    const again = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName,
    });
    expect(again.ok).toBe(true);
  });

  it('asks before replacing a config profile it did not write (writeSsoProfile)', async () => {
    const target = roleOf(1);
    const before = await readFile(config(), 'utf8');
    const withForeign = `${before}[profile mine]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n`;
    await writeFile(config(), withForeign);
    const refused = await dispatchInvoke(t.core.handlers, 'credentials.writeSsoProfile', {
      ...target,
      profileName: 'mine',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_OURS' } });
    if (!refused.ok) expect(refused.error.message).toContain('role_arn (an assumed role)');
    expect(await readFile(config(), 'utf8')).toBe(withForeign);
    const written = await dispatchInvoke(t.core.handlers, 'credentials.writeSsoProfile', {
      ...target,
      profileName: 'mine',
      replace: true,
    });
    expect(written.ok).toBe(true);
    expect(
      parseIni(await readFile(config(), 'utf8')).find((s) => s.header === 'profile mine')?.values,
    ).toEqual({
      sso_session: SESSION,
      sso_account_id: target.accountId,
      sso_role_name: target.roleName,
    });
  });

  it('the tray never replaces a profile it did not write: a notice, and a notification to the window', async () => {
    const target = roleOf(2);
    const account = org()[2]!;
    const profileName = `${target.accountId}_${target.roleName}`;
    const foreign = `[${profileName}]\naws_access_key_id = ASIAOTHERTOOL\naws_secret_access_key = S\naws_session_token = T\n`;
    await writeFile(box.credentialsFile, foreign);
    const item = findMenuItem(t.core.tray.model(), {
      labelPath: [
        'Accounts',
        `${account.accountName} (${account.accountId})`,
        target.roleName,
        'Write profile',
      ],
    });
    expect(item?.action).toMatchObject({ kind: 'writeProfile' });
    const notice = t.next('notice');
    const shownBefore = t.notifier.shown.length;
    const result = await t.core.tray.click(item!.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_OURS' } });
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(foreign);
    const n = await notice;
    expect(n.level).toBe('warning');
    expect(n.message).toContain(`profile "${profileName}"`);
    expect(n.message).toContain('temporary keys from another tool');
    expect(n.message).toMatch(/write it from the window: open Access keys for this role\.$/);
    expect(n.message).not.toContain('ASIAOTHERTOOL');
    const shown = t.notifier.shown.slice(shownBefore);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe(`Profile ${profileName} was not replaced`);
    expect(t.core.notifications.list().find((x) => x.id === shown[0]?.id)?.onClick).toEqual({
      kind: 'openAccessKeys',
      ...target,
    });
    // clicking it opens Access keys for the role in the window
    const navigate = t.next('navigate');
    expect((await t.core.notifications.click(shown[0]!.id)).ok).toBe(true);
    expect(await navigate).toEqual({ to: 'accessKeys', ...target });
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(foreign);
  });

  it('an auto refresh never replaces a profile someone else took over', async () => {
    const a = app(box, new MemorySettingsStore());
    box.emulator.configure({ credentialSeconds: 240 });
    try {
      await a.core.handlers['state.get']({});
      const target = roleOf(3);
      const profileName = 'kept-fresh';
      await writeFile(box.credentialsFile, '');
      await a.core.handlers['credentials.writeProfile']({
        ...target,
        profileName,
        autoRefresh: true,
      });
      // another tool writes its own keys into the profile meanwhile
      const theirs = `[${profileName}]\naws_access_key_id=AKIAHANDWRITTEN\naws_secret_access_key=x\n`;
      await writeFile(box.credentialsFile, theirs);
      const notice = a.next('notice', (e) => e.message.includes(profileName));
      a.clock.advance(220_000); // past the auto refresh lead time (10% of 240 s)
      const n = await notice;
      expect(n.level).toBe('warning');
      expect(n.message).toMatch(
        /has changed since SSO Tray wrote it: it now holds long-term access keys/,
      );
      expect(await readFile(box.credentialsFile, 'utf8')).toBe(theirs);
      expect(
        a.notifier.shown.some((x) => x.title === `Profile ${profileName} was not replaced`),
      ).toBe(true);
    } finally {
      box.emulator.configure({ credentialSeconds: 3600 });
      await a.core.dispose();
    }
  });
});
