// What the `sso-tray` command writes into the user's files, against the emulator: control
// characters in a name or value are refused before anything is written (and the next edit still
// works), and a profile SSO Tray did not write is replaced only with --force (exit 4 without).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { expectNoStack, login } from './helpers';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { useSandboxPerTest } from '../support/signed-in';
import { cli } from '../support/cli';

describe('sso-tray: writing the user\u2019s files', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let account: string;
  let role: string;
  useSandboxPerTest(
    { accounts: 2, rolesPerAccount: 1 },
    (s) => ({ emu, h, accountId: account, roleName: role } = s),
  );

  /** runCli in this process: argv may hold what no process argument can (NUL). */
  async function inProcess(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      env: h.env,
      stdout: { write: (s: string) => void (stdout += s) },
      stderr: { write: (s: string) => void (stderr += s) },
    });
    return { code, stdout, stderr };
  }

  it('refuses a session name with NUL, NEL or U+2028 and such a start URL; the config stays byte-identical', async () => {
    const before = readFileSync(h.configFile);
    const login = (session: string, startUrl: string) => [
      'login',
      '--session',
      session,
      '--start-url',
      startUrl,
      '--region',
      'us-east-1',
      '--device-code',
      '--no-browser',
    ];
    const url = 'https://d-4444444444.awsapps.com/start';
    const cases: Array<[string[], RegExp]> = [
      [login('a\u0000b', url), /The session name contains a NUL character \(U\+0000\)/],
      [login('a\u0085b', url), /The session name contains a next-line character \(U\+0085\)/],
      [login('a\u2028b', url), /The session name contains a line separator \(U\+2028\)/],
      [login('ok', `${url}\u2028x`), /The start URL contains a line separator \(U\+2028\)/],
      [login('ok', `${url}\u0085`), /The start URL contains a next-line character \(U\+0085\)/],
    ];
    for (const [args, message] of cases) {
      const r = await inProcess(args);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(readFileSync(h.configFile).equals(before)).toBe(true);
    }
    // the same through the bundled command, for what a process argument can carry
    for (const [args, message] of cases.slice(1)) {
      const r = await cli(args, h.env);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(expectNoStack(r.stderr)).toBe(true);
      expect(readFileSync(h.configFile).equals(before)).toBe(true);
    }
    // a normal edit still works: a new session is added and signed in
    const ok = await cli(login('later', emu.startUrl), h.env);
    expect(ok.stderr).not.toMatch(/error/i);
    expect(ok.code).toBe(0);
    const text = readFileSync(h.configFile, 'utf8');
    expect(text.startsWith(before.toString('utf8'))).toBe(true);
    expect(parseIni(text).find((s) => s.header === 'sso-session later')?.values).toMatchObject({
      sso_start_url: emu.startUrl,
    });
  });

  it('write-profile: a profile it did not write is refused with exit 4 and a --force hint; --force replaces it', async () => {
    await login(h.env);
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE!;
    const foreign =
      '[default]\ncredential_process = /usr/bin/vault-creds --role admin\n' +
      '[other]\naws_access_key_id = ASIAOTHERTOOL\naws_secret_access_key = S\naws_session_token = T\n';
    writeFileSync(file, foreign);
    for (const [profile, holds] of [
      ['default', 'a credential_process command'],
      ['other', 'temporary keys from another tool'],
    ] as const) {
      const args = ['write-profile', '--account', account, '--role', role, '--profile', profile];
      const refused = await cli(args, h.env);
      expect(refused.code).toBe(4);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain(`SSO Tray did not write profile "${profile}"`);
      expect(refused.stderr).toContain(holds);
      expect(refused.stderr).toMatch(/run the command again with --force to replace it\.\n$/);
      expect(refused.stderr).not.toMatch(/vault|ASIAOTHERTOOL/);
      expect(readFileSync(file, 'utf8')).toBe(foreign);
    }
    const forced = await cli(
      ['write-profile', '--account', account, '--role', role, '--profile', 'default', '--force'],
      h.env,
    );
    expect(forced.code).toBe(0);
    const written = parseIni(readFileSync(file, 'utf8')).find((s) => s.header === 'default');
    expect(written?.values.aws_access_key_id).toMatch(/^ASIA/);
    // SSO Tray's own now: written again without --force
    const again = await cli(
      ['write-profile', '--account', account, '--role', role, '--profile', 'default'],
      h.env,
    );
    expect(again.code).toBe(0);
  });

  it('write-config-profile: a profile it did not write is refused with exit 4; --force replaces it', async () => {
    await login(h.env);
    const withForeign =
      readFileSync(h.configFile, 'utf8') +
      '[profile dev]\naws_access_key_id = AKIALONGTERMKEY\naws_secret_access_key = LONGSECRET\n';
    writeFileSync(h.configFile, withForeign);
    for (const extra of [[], ['--credential-process']]) {
      const args = [
        'write-config-profile',
        '--account',
        account,
        '--role',
        role,
        '--profile',
        'dev',
        ...extra,
      ];
      const refused = await cli(args, h.env);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('SSO Tray did not write profile "dev"');
      expect(refused.stderr).toContain('long-term access keys');
      expect(refused.stderr).toContain('--force');
      expect(refused.stderr).not.toMatch(/AKIALONG|LONGSECRET/);
      expect(readFileSync(h.configFile, 'utf8')).toBe(withForeign);
    }
    const forced = await cli(
      ['write-config-profile', '--account', account, '--role', role, '--profile', 'dev', '--force'],
      h.env,
    );
    expect(forced.code).toBe(0);
    expect(
      parseIni(readFileSync(h.configFile, 'utf8')).find((s) => s.header === 'profile dev')?.values,
    ).toEqual({ sso_session: 'emu', sso_account_id: account, sso_role_name: role });
    // its own now: switched to credential_process without --force
    const switched = await cli(
      [
        'write-config-profile',
        '--account',
        account,
        '--role',
        role,
        '--profile',
        'dev',
        '--credential-process',
      ],
      h.env,
    );
    expect(switched.code).toBe(0);
  });
});
