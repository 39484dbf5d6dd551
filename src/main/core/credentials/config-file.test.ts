import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeSsoProfile } from './config-file';
import {
  credentialProcessCommand,
  quoteArg,
  resolveCliCommand,
  writeCredentialProcessProfile,
} from './credential-process';
import { isSsoTrayError } from '../errors';
import { TEST_SESSION, useConfigHome } from '../testing/config-home';
import { listWrittenProfiles } from './credentials-file';
import { readWrittenProfiles, writtenProfilesPath } from './written-profiles';

let env: Record<string, string>;
let config: string;
useConfigHome('config-', (h) => ({ env, config } = h));

const session = TEST_SESSION;

describe('writeSsoProfile', () => {
  it('adds the sso-session and the profile to a new file (0600)', async () => {
    const r = await writeSsoProfile({
      env,
      profileName: 'dev',
      session,
      accountId: '111111111111',
      roleName: 'Admin',
      region: 'eu-west-1',
    });
    expect(r).toEqual({ path: config, profileName: 'dev' });
    expect(readFileSync(config, 'utf8')).toBe(
      '[sso-session emu]\nsso_start_url = https://d-1234567890.awsapps.com/start\n' +
        'sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n' +
        '[profile dev]\nsso_session = emu\nsso_account_id = 111111111111\n' +
        'sso_role_name = Admin\nregion = eu-west-1\n',
    );
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });

  it('leaves an equal sso-session and everything else byte-identical, keeps the mode', async () => {
    const before =
      '# mine\r\n[sso-session emu]\r\nsso_start_url = https://d-1234567890.awsapps.com/start/\r\n' +
      'sso_region = us-east-1\r\n[default]\r\nregion = us-east-1\r\n';
    writeFileSync(config, before, { mode: 0o644 });
    const args = { env, profileName: 'default', session, accountId: '1', roleName: 'R' };
    // [default] is someone else's: nothing changes (not even the sso-session) until confirmed
    const err = await writeSsoProfile(args).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(
      /^SSO Tray did not write profile "default" in .*cfg: it holds settings \(region\)\./,
    );
    expect(readFileSync(config, 'utf8')).toBe(before);
    await writeSsoProfile({ ...args, force: true });
    expect(readFileSync(config, 'utf8')).toBe(
      before.replace(
        'sso_region = us-east-1\r\n[default]\r\nregion = us-east-1\r\n',
        'sso_region = us-east-1\r\nsso_registration_scopes = sso:account:access\r\n' +
          '[default]\r\nregion = us-east-1\r\nsso_session = emu\r\nsso_account_id = 1\r\n' +
          'sso_role_name = R\r\n',
      ),
    );
    expect(statSync(config).mode & 0o777).toBe(0o644);
  });

  it('refuses a config file the AWS tools cannot read, untouched', async () => {
    const before = '[profile a]\nregion = us-east-1\n[sso-session emu\n';
    writeFileSync(config, before);
    for (const run of [
      () => writeSsoProfile({ env, profileName: 'dev', session, accountId: '1', roleName: 'R' }),
      () =>
        writeCredentialProcessProfile({
          env,
          profileName: 'dev',
          session: 'emu',
          accountId: '1',
          roleName: 'R',
          command: ['/usr/bin/node', '/x/sso-tray.mjs'],
        }),
    ]) {
      const err = await run().catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toMatch(
        /Line 3 of .*cfg is a section header without its closing \]/,
      );
      expect(readFileSync(config, 'utf8')).toBe(before);
    }
  });

  it('never changes a different start URL of an existing sso-session', async () => {
    const before = '[sso-session emu]\nsso_start_url = https://other.awsapps.com/start\n';
    writeFileSync(config, before);
    const err = await writeSsoProfile({
      env,
      profileName: 'dev',
      session,
      accountId: '1',
      roleName: 'R',
    }).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'CONFIG')).toBe(true);
    expect((err as Error).message).toMatch(/sso_start_url = https:\/\/other/);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('refuses a profile set up another way unless forced, then removes the other source', async () => {
    const before = '[profile dev]\ncredential_process = /bin/other\noutput = json\n';
    writeFileSync(config, before);
    const args = { env, profileName: 'dev', session, accountId: '1', roleName: 'R' };
    const err = await writeSsoProfile(args).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(/credential_process/);
    expect((err as Error).message).not.toContain('/bin/other');
    expect(readFileSync(config, 'utf8')).toBe(before);
    await writeSsoProfile({ ...args, force: true });
    expect(readFileSync(config, 'utf8')).toContain(
      '[profile dev]\noutput = json\nsso_session = emu\nsso_account_id = 1\nsso_role_name = R\n',
    );
  });

  it('keeps legacy sso_ keys only when they are exactly the [sso-session] ones, as botocore requires', async () => {
    // botocore and the AWS CLI refuse a profile whose sso_start_url or sso_region differs in any
    // way from its [sso-session]'s ("inconsistent between profile and sso-session"), a trailing
    // slash included.
    const sessionSection = `[sso-session emu]\nsso_start_url = ${session.startUrl}/\nsso_region = us-east-1\n`;
    const profile = (url: string) =>
      `\n[profile dev]\nsso_start_url = ${url}\nsso_region = us-east-1\nsso_account_id = 1\n` +
      'sso_role_name = R\n';
    const args = { env, profileName: 'dev', session, accountId: '1', roleName: 'R', force: true };
    const written = () => {
      const text = readFileSync(config, 'utf8');
      return text.slice(text.indexOf('[profile dev]'));
    };

    // the same URL as the section's (which has the slash): harmless, kept
    writeFileSync(config, sessionSection + profile(`${session.startUrl}/`));
    await writeSsoProfile(args);
    expect(written()).toBe(
      `[profile dev]\nsso_start_url = ${session.startUrl}/\nsso_region = us-east-1\n` +
        'sso_account_id = 1\nsso_role_name = R\nsso_session = emu\n',
    );

    // the same portal spelt otherwise (no slash, another case): the AWS tools would refuse it
    for (const url of [
      session.startUrl,
      session.startUrl.replace('d-1234567890', 'D-1234567890'),
    ]) {
      writeFileSync(config, sessionSection + profile(url));
      await writeSsoProfile(args);
      expect(written()).toBe(
        '[profile dev]\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n' +
          'sso_session = emu\n',
      );
    }
  });
});

describe('credential_process profiles', () => {
  it('quotes words so shlex and sh read them back unchanged', () => {
    expect(quoteArg('/usr/bin/node', 'linux')).toBe('/usr/bin/node');
    expect(quoteArg('/a b/node', 'linux')).toBe(`'/a b/node'`);
    expect(quoteArg(`it's $HOME`, 'linux')).toBe(`'it'\\''s $HOME'`);
    expect(quoteArg('a b', 'win32')).toBe('"a b"');
    const words = ['/opt/my apps/node', `o'neil`, 'R+=,.@-', '$x`y`'];
    const line = words.map((w) => quoteArg(w, 'linux')).join(' ');
    const viaSh = execFileSync('sh', ['-c', `for w in ${line}; do printf '%s\\n' "$w"; done`], {
      encoding: 'utf8',
    });
    expect(viaSh.split('\n').slice(0, -1)).toEqual(words);
    let viaShlex: string;
    try {
      viaShlex = execFileSync(
        'python3',
        ['-c', 'import json,shlex,sys; print(json.dumps(shlex.split(sys.argv[1])))', line],
        { encoding: 'utf8' },
      );
    } catch {
      return; // python3 absent: the sh check above still ran
    }
    expect(JSON.parse(viaShlex)).toEqual(words);
  });

  it('builds the command line', () => {
    expect(credentialProcessCommand(['/usr/bin/node', '/x/sso-tray.mjs'], '1', 'R', 'emu')).toBe(
      '/usr/bin/node /x/sso-tray.mjs credential-process --account 1 --role R --session emu',
    );
  });

  it('resolves node plus the bundled CLI or sso-tray on PATH', () => {
    let cmd: string[] | undefined;
    try {
      cmd = resolveCliCommand({ PATH: '' });
    } catch (e) {
      expect(isSsoTrayError(e, 'CONFIG')).toBe(true); // no bundle built in this checkout yet
      return;
    }
    expect(cmd).toEqual([process.execPath, expect.stringMatching(/sso-tray\.cjs$/)]);
  });

  it('writes [profile NAME] credential_process and replaces its own older line', async () => {
    const base = { env, profileName: 'cp', accountId: '1', roleName: 'R', session: 'emu' };
    await writeCredentialProcessProfile({ ...base, command: ['/old/sso-tray'] });
    const r = await writeCredentialProcessProfile({
      ...base,
      command: ['/usr/bin/node', '/new dir/sso-tray.mjs'],
      region: 'us-east-1',
    });
    expect(r.credentialProcess).toBe(
      `/usr/bin/node '/new dir/sso-tray.mjs' credential-process --account 1 --role R --session emu`,
    );
    expect(readFileSync(config, 'utf8')).toBe(
      `[profile cp]\ncredential_process = ${r.credentialProcess}\nregion = us-east-1\n`,
    );
    await expect(
      writeCredentialProcessProfile({ ...base, command: ['/my #tools/sso-tray'] }),
    ).rejects.toThrow(/comment/);
    writeFileSync(config, '[profile cp]\nsso_session = emu\n');
    await expect(
      writeCredentialProcessProfile({ ...base, command: ['/x/sso-tray'] }),
    ).rejects.toThrow(/sso_session/);
  });
});

describe('config profiles SSO Tray did not write', () => {
  const cp = (extra: { force?: boolean; profileName?: string } = {}) =>
    writeCredentialProcessProfile({
      env,
      profileName: 'p',
      accountId: '111111111111',
      roleName: 'Admin',
      session: 'emu',
      command: ['/usr/bin/node', '/x/sso-tray.mjs'],
      ...extra,
    });
  const sso = (extra: { force?: boolean; region?: string; roleName?: string } = {}) =>
    writeSsoProfile({
      env,
      profileName: 'p',
      session,
      accountId: '111111111111',
      roleName: 'Admin',
      ...extra,
    });

  it('are changed only when forced, whatever they hold; the message names what, never a value', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        'aws_access_key_id = AKIALONGTERMKEY\naws_secret_access_key = SECRETVALUE\n',
        /long-term access keys/,
      ],
      ['role_arn = arn:aws:iam::1:role/x\nsource_profile = base\n', /role_arn \(an assumed role\)/],
      ['credential_process = /usr/bin/vault-creds\n', /a credential_process command/],
      [
        'sso_session = other\nsso_account_id = 2\nsso_role_name = R\n',
        /SSO settings \(sso_session, sso_account_id, sso_role_name\)/,
      ],
      ['output = json\n', /settings \(output\)/],
    ];
    for (const [body, holds] of cases) {
      for (const [write, header] of [
        [cp, '[profile p]'],
        [sso, '[profile p]'],
      ] as const) {
        rmSync(writtenProfilesPath(env), { force: true });
        const before = `# mine\n${header}\n${body}[profile after]\nregion = eu-west-1\n`;
        writeFileSync(config, before);
        const err = await write().catch((e: unknown) => e);
        expect(isSsoTrayError(err, 'PROFILE_NOT_OURS'), body).toBe(true);
        const message = (err as Error).message;
        expect(message).toMatch(/^SSO Tray did not write profile "p" in .*cfg: it holds /);
        expect(message).toMatch(holds);
        expect(message).not.toMatch(/AKIALONG|SECRETVALUE|arn:aws|vault|other/);
        expect(readFileSync(config, 'utf8'), body).toBe(before);
        await write({ force: true });
        const after = readFileSync(config, 'utf8');
        expect(after.startsWith('# mine\n[profile p]\n')).toBe(true);
        expect(after).toContain('\n[profile after]\nregion = eu-west-1\n');
        // the other ways of getting credentials are gone
        expect(after).not.toMatch(/AKIALONG|role_arn|vault|sso_session = other/);
      }
    }
  });

  it('[default] included', async () => {
    const before = '[default]\ncredential_process = /usr/bin/vault-creds\n';
    writeFileSync(config, before);
    const err = await cp({ profileName: 'default' }).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(/profile "default"/);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('its own are rewritten silently (also from one kind to the other), until someone changes them', async () => {
    await sso({ region: 'eu-west-1' });
    await sso({ region: 'us-east-1' });
    await cp();
    await sso();
    expect(readFileSync(config, 'utf8')).toContain(
      '[profile p]\nregion = us-east-1\nsso_session = emu\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
    );
    expect(readFileSync(config, 'utf8')).not.toContain('credential_process');
    // recorded as config profiles, not listed with the credentials file's profiles
    const record = await readWrittenProfiles(writtenProfilesPath(env));
    expect(record).toEqual([
      expect.objectContaining({ profileName: 'p', kind: 'config', file: config }),
    ]);
    expect(await listWrittenProfiles(env)).toEqual([]);

    const text = readFileSync(config, 'utf8').replace(
      'sso_role_name = Admin',
      'sso_role_name = ReadOnly',
    );
    writeFileSync(config, text);
    const err = await sso().catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(
      /^Profile "p" in .*cfg has changed since SSO Tray wrote it/,
    );
    expect(readFileSync(config, 'utf8')).toBe(text);
  });

  it('an unrecorded sso-tray credential_process line (an older version wrote it) is its own', async () => {
    writeFileSync(
      config,
      '[profile p]\ncredential_process = /old/sso-tray credential-process --account 1 --role R --session emu\n',
    );
    await cp();
    expect(readFileSync(config, 'utf8')).toBe(
      '[profile p]\ncredential_process = /usr/bin/node /x/sso-tray.mjs credential-process ' +
        '--account 111111111111 --role Admin --session emu\n',
    );
  });

  it('one that already says exactly what would be written is left alone, and stays theirs', async () => {
    const before =
      '[profile p]\nsso_session = emu\nsso_account_id = 111111111111\nsso_role_name = Admin\n' +
      '[sso-session emu]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n';
    writeFileSync(config, before);
    await sso();
    // only the sso-session's missing scopes were added
    expect(readFileSync(config, 'utf8')).toBe(
      `${before}sso_registration_scopes = sso:account:access\n`,
    );
    expect(await readWrittenProfiles(writtenProfilesPath(env))).toEqual([]);
    await expect(sso({ region: 'eu-west-1' })).rejects.toThrow(/did not write/);
  });
});
