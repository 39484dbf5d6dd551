// The credentials commands of the bundled `sso-tray` against the emulator, in a temporary HOME.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, login } from './helpers';
import {
  formatCredentialProcess,
  formatEnv,
  formatJson,
  formatProfileBlock,
} from '../../src/shared/credential-formats';
import type { RunningEmulator } from '../support/emulator';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { roleOf, useSandboxPerTest } from '../support/signed-in';
import { cli } from '../support/cli';

describe('sso-tray credentials commands', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let account: string;
  let role: string;
  let role2: { account: string; role: string };
  useSandboxPerTest({ accounts: 3, rolesPerAccount: 2 }, (s) => {
    ({ emu, h, accountId: account, roleName: role } = s);
    const b = roleOf(emu, 1, 1);
    role2 = { account: b.accountId, role: b.roleName };
  });

  it('credential-process exits 3 with "run sso-tray login" when signed out, printing nothing', async () => {
    const r = await cli(['credential-process', '--account', account, '--role', role], h.env);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/sso-tray login/);
    expect(expectNoStack(r.stderr)).toBe(true);
  });

  it('credential-process answers from the cache without loading any package (no SDK, no zod)', async () => {
    await login(h.env);
    // Hooks write down every package the command loads: import() through a module resolve hook,
    // require() through the CommonJS loader (the bundle is CommonJS).
    const log = join(h.home, 'packages.log');
    writeFileSync(
      join(h.home, 'import-hook.mjs'),
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function resolve(specifier, context, next) {\n' +
        '  if (!/^(node:|file:|data:|[./])/.test(specifier)) appendFileSync(process.env.PKG_LOG, `${specifier}\\n`);\n' +
        '  return next(specifier, context);\n' +
        '}\n',
    );
    writeFileSync(
      join(h.home, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./import-hook.mjs', import.meta.url);\n",
    );
    writeFileSync(
      join(h.home, 'require-hook.cjs'),
      "const Module = require('node:module');\nconst { appendFileSync } = require('node:fs');\n" +
        'const load = Module._load;\n' +
        'Module._load = function (request, ...rest) {\n' +
        "  if (!request.startsWith('node:') && !/^[./]/.test(request) && !Module.isBuiltin(request)) appendFileSync(process.env.PKG_LOG, `${request}\\n`);\n" +
        '  return load.call(this, request, ...rest);\n' +
        '};\n',
    );
    writeFileSync(log, '');
    const traced = (args: string[]) =>
      cli(args, { ...h.env, PKG_LOG: log }, [
        '--import',
        join(h.home, 'register.mjs'),
        '--require',
        join(h.home, 'require-hook.cjs'),
      ]);
    const args = ['credential-process', '--account', account, '--role', role];
    const first = await traced(args);
    expect(first.code).toBe(0);
    // Fetching the credentials needs the portal client (and shows the hooks see it).
    expect(readFileSync(log, 'utf8')).toMatch(/^@aws-sdk\/client-sso$/m);
    writeFileSync(log, '');
    const second = await traced(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // No package at all: neither the SDK nor zod (the commands load what needs it when they run).
    expect(readFileSync(log, 'utf8')).toBe('');
    writeFileSync(log, '');
    // The require hook sees packages too: the same hook catches zod when something requires it.
    const probe = spawnSync(
      process.execPath,
      ['--require', join(h.home, 'require-hook.cjs'), '-e', "require('zod')"],
      { env: { ...h.env, PKG_LOG: log }, cwd: process.cwd(), encoding: 'utf8' },
    );
    expect(probe.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('zod\n');
  });

  it('prints every format of the same cached credentials; powershell is exactly three lines', async () => {
    await login(h.env);
    const args = ['credentials', '--account', account, '--role', role];
    const json = await cli([...args, '--format', 'json'], h.env);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as Record<string, string>;
    const creds = {
      accessKeyId: j.accessKeyId ?? '',
      secretAccessKey: j.secretAccessKey ?? '',
      sessionToken: j.sessionToken ?? '',
      expiration: Date.parse(j.expiration ?? ''),
    };
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(json.stdout).toBe(formatJson(creds));

    const ps = await cli([...args, '--format', 'powershell'], h.env);
    expect(ps.code).toBe(0);
    const lines = ps.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`$Env:AWS_ACCESS_KEY_ID="${creds.accessKeyId}"`);
    expect(lines[1]).toBe(`$Env:AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"`);
    expect(lines[2]).toBe(`$Env:AWS_SESSION_TOKEN="${creds.sessionToken}"`);

    expect((await cli(args, h.env)).stdout).toBe(formatEnv(creds, 'macos'));
    expect((await cli([...args, '--format', 'cmd'], h.env)).stdout).toBe(
      formatEnv(creds, 'windows'),
    );
    expect((await cli([...args, '--format', 'ini'], h.env)).stdout).toBe(
      formatProfileBlock(creds, `${account}_${role}`),
    );
    expect((await cli([...args, '--format', 'process'], h.env)).stdout).toBe(
      formatCredentialProcess(creds),
    );
  });

  it('credential-process: a second call reuses the cached credentials (no GetRoleCredentials)', async () => {
    await login(h.env);
    const args = ['credential-process', '--account', role2.account, '--role', role2.role];
    const calls = (): number => emu.state().calls.GetRoleCredentials ?? 0;
    const before = calls();
    const first = await cli(args, h.env);
    expect(first.code).toBe(0);
    expect(calls()).toBe(before + 1);
    const second = await cli([...args, '--session', 'emu'], h.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(calls()).toBe(before + 1);
    const out = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ]);
    expect(out.Version).toBe(1);
    expect(out.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('a session given by name needs no config file: credential-process (cached or not) and logout', async () => {
    await login(h.env);
    const args = ['credential-process', '--account', account, '--role', role];
    const first = await cli([...args, '--session', SESSION], h.env);
    expect(first.code).toBe(0);
    rmSync(h.configFile);
    // the cached answer, and the full command (--verbose is never answered from the cache)
    const cached = await cli([...args, '--session', SESSION], h.env);
    expect(cached).toEqual(first);
    const full = await cli([...args, '--session', SESSION, '--verbose'], h.env);
    expect(full.code).toBe(0);
    expect(full.stdout).toBe(first.stdout);
    // without a name the config file must name the session, and there is none
    const unnamed = await cli(args, h.env);
    expect(unnamed.code).toBe(4);
    expect(unnamed.stdout).toBe('');
    const out = await cli(['logout', '--session', SESSION], h.env);
    expect(out).toMatchObject({ code: 0, stdout: `Signed out of ${SESSION}.\n` });
    // Signed out, the cached credentials went with the token: new ones need the session's
    // config, which is gone.
    const after = await cli([...args, '--session', SESSION], h.env);
    expect(after.code).toBe(4);
    expect(after.stdout).toBe('');
    expect(after.stderr).toMatch(/no \[sso-session emu\]/);
  });

  it('write-profile changes nothing but its own section of a hand-written CRLF file', async () => {
    await login(h.env);
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    const handWritten =
      '\ufeff# my long-term keys \u2014 do not touch\r\n[default]\r\n' +
      'aws_access_key_id = AKIAEXAMPLEEXAMPLE\r\naws_secret_access_key = abc\r\n\r\n' +
      '; another\r\n[other]\r\nregion=eu-west-1\r\n';
    writeFileSync(file, handWritten, { mode: 0o644 });
    const r = await cli(['write-profile', '--account', account, '--role', role], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote profile ${account}_${role} to ${file}`);
    expect(r.stdout).toMatch(/expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in \d+m \d\ds\)/);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(handWritten)).toBe(true);
    expect(after.slice(handWritten.length)).toMatch(
      new RegExp(
        `^\\r\\n\\[${account}_${role}\\]\\r\\naws_access_key_id=ASIA\\S+\\r\\n` +
          'aws_secret_access_key=\\S+\\r\\naws_session_token=\\S+\\r\\n$',
      ),
    );

    // the same, still valid, credentials again: the file already holds them, and says so
    const again = await cli(['write-profile', '--account', account, '--role', role], h.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Profile ${account}_${role} in ${file} already holds these credentials: nothing to write.`,
    );
    expect(again.stdout).not.toContain('Wrote profile');
    expect(readFileSync(file, 'utf8')).toBe(after);

    // [default] was not written by SSO Tray: left alone, exit 4
    const refused = await cli(['remove-profile', '--profile', 'default'], h.env);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/not written by SSO Tray/);
    expect(readFileSync(file, 'utf8')).toBe(after);

    const removed = await cli(['remove-profile', '--profile', `${account}_${role}`], h.env);
    expect(removed.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(handWritten + '\r\n');
  });

  it('verify prints the caller ARN the emulator reports', async () => {
    await login(h.env);
    const r = await cli(['verify', '--account', account, '--role', role], h.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`arn:aws:sts::${account}:assumed-role/${role}/${emu.userName}\n`);
  });

  it('write-config-profile writes an sso_session profile and a credential_process profile', async () => {
    await login(h.env);
    const base = ['write-config-profile', '--account', account, '--role', role];
    const sso = await cli([...base, '--profile', 'dev', '--region', 'eu-west-1'], h.env);
    expect(sso.code).toBe(0);
    const cp = await cli([...base, '--profile', 'cp', '--credential-process'], h.env);
    expect(cp.code).toBe(0);
    const config = readFileSync(h.configFile, 'utf8');
    expect(config).toContain(
      `[profile dev]\nsso_session = emu\nsso_account_id = ${account}\nsso_role_name = ${role}\nregion = eu-west-1\n`,
    );
    expect(config).toMatch(
      new RegExp(
        `\\[profile cp\\]\\ncredential_process = \\S*node \\S*sso-tray\\.cjs credential-process ` +
          `--account ${account} --role ${role} --session emu\\n`,
      ),
    );
  });

  it('usage errors exit 2 with a clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['credentials', '--role', 'R'], /--account is required/],
      [['credentials', '--account', 'abc', '--role', 'R'], /12-digit/],
      [['credentials', '--account', account, '--role', role, '--format', 'xml'], /--format/],
      [['write-profile', '--account', account, '--role', role, '--profile', 'a b'], /whitespace/],
      [['remove-profile'], /--profile is required/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, h.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
