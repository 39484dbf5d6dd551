import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentialProcessCommand,
  quoteArg,
  resolveCliCommand,
  writeCredentialProcessProfile,
  writeSsoProfile,
} from './config-file';
import { isSsoTrayError } from '../errors';

let home: string;
let env: Record<string, string>;
let config: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'config-'));
  config = join(home, 'cfg');
  env = { HOME: home, AWS_CONFIG_FILE: config };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const session = {
  name: 'emu',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
};

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
    await writeSsoProfile({ env, profileName: 'default', session, accountId: '1', roleName: 'R' });
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
    await expect(writeSsoProfile(args)).rejects.toThrow(/credential_process/);
    expect(readFileSync(config, 'utf8')).toBe(before);
    await writeSsoProfile({ ...args, force: true });
    expect(readFileSync(config, 'utf8')).toContain(
      '[profile dev]\noutput = json\nsso_session = emu\nsso_account_id = 1\nsso_role_name = R\n',
    );
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
    expect(cmd).toEqual([process.execPath, expect.stringMatching(/sso-tray\.mjs$/)]);
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
