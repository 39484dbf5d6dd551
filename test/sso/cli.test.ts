// The bundled `sso-tray` command (out/cli/sso-tray.cjs, built by the integration globalSetup)
// against the emulator, spawned the way users and credential_process run it.
import type { ChildProcess } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { followLikeBrowser } from './helpers';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { useSandboxPerTest } from '../support/signed-in';
import { cli, startCli } from '../support/cli';

async function waitForStderr(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        child.stderr?.off('data', onData);
        resolve(m);
      }
    };
    child.stderr?.on('data', onData);
    child.once('close', () => reject(new Error(`exited before ${pattern}: ${seen}`)));
  });
}

function expectNoStackOrSecret(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/accessToken|clientSecret|refreshToken/);
}

describe('sso-tray CLI', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  useSandboxPerTest({ accounts: 7 }, (s) => ({ emu, h } = s));
  afterEach(() => emu.configure({ autoApprove: true }));

  it('login --device-code --no-browser, then accounts --json lists every account and role', async () => {
    const login = await cli(['login', '--device-code', '--no-browser'], h.env);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Signed in to emu');
    const res = await cli(['accounts', '--json'], h.env);
    expect(res.code).toBe(0);
    const list = JSON.parse(res.stdout) as Array<{
      accountId: string;
      accountName: string;
      emailAddress: string;
      roles: string[];
    }>;
    const expected = [...emu.organisation.accounts]
      .sort((a, b) => a.accountName.localeCompare(b.accountName, 'en'))
      .map((a) => ({
        accountId: a.accountId,
        accountName: a.accountName,
        emailAddress: a.emailAddress,
        roles: [...a.roles].sort((x, y) => x.localeCompare(y, 'en')),
      }));
    expect(list).toEqual(expected);
    const table = await cli(['accounts'], h.env);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ACCOUNT ID\s+NAME\s+EMAIL\s+ROLES$/);
    for (const a of emu.organisation.accounts) expect(table.stdout).toContain(a.accountId);
    const out = await cli(['logout'], h.env);
    expect(out.code).toBe(0);
    const after = await cli(['accounts'], h.env);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('sso-tray login');
  });

  it('PKCE login with --no-browser: the printed URL completes the sign-in', async () => {
    const { child, done } = startCli(['login', '--no-browser'], h.env);
    const [url] = await waitForStderr(child, /http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/);
    expect(await followLikeBrowser(url)).toContain('you can close this tab');
    const res = await done;
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('Open this URL in a browser');
    expect((await cli(['accounts', '--json'], h.env)).code).toBe(0);
  });

  it('login --start-url --region --session adds the session and signs in', async () => {
    // a HOME without a config file
    await rm(h.configFile);
    const res = await cli(
      [
        'login',
        '--session',
        'work',
        '--start-url',
        emu.startUrl,
        '--region',
        emu.region,
        '--device-code',
        '--no-browser',
      ],
      h.env,
    );
    expect(res.code).toBe(0);
    expect((await cli(['accounts', '--session', 'work', '--json'], h.env)).code).toBe(0);
  });

  it('Ctrl+C while waiting cancels cleanly', async () => {
    emu.configure({ autoApprove: false });
    const { child, done } = startCli(['login', '--device-code', '--no-browser'], h.env);
    const [, code] = await waitForStderr(child, /code: (\S+)/);
    expect(code).toMatch(/\S/);
    child.kill('SIGINT');
    const res = await done;
    expect(res.code).toBe(130);
    expect(res.stderr).toMatch(/cancelled/i);
    expectNoStackOrSecret(res.stderr);
  });

  it('exit code 2 for usage errors, with a clear message and the usage', async () => {
    const unknown = await cli(['frobnicate'], h.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: sso-tray COMMAND');
    const flag = await cli(['accounts', '--bogus'], h.env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("'--bogus'");
    expect(flag.stderr).toContain('Usage: sso-tray accounts');
    const missing = await cli(['login', '--session'], h.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--session/);
    const half = await cli(['login', '--start-url', emu.startUrl], h.env);
    expect(half.code).toBe(2);
    const badRegion = await cli(
      ['login', '--start-url', emu.startUrl, '--region', 'nowhere'],
      h.env,
    );
    expect(badRegion.code).toBe(2);
    expect(badRegion.stderr).toContain('not an AWS region');
    // Two sessions in the config file and no --session: the user has to choose.
    await appendFile(
      h.configFile,
      `\n[sso-session other]\nsso_start_url = ${emu.startUrl}\nsso_region = us-east-1\n`,
    );
    const choose = await cli(['accounts'], h.env);
    expect(choose.code).toBe(2);
    expect(choose.stderr).toMatch(/choose one with --session NAME/i);
    for (const r of [unknown, flag, missing, half, badRegion, choose]) {
      expectNoStackOrSecret(r.stderr);
    }
  });

  it('exit code 3 when not signed in or the session was revoked', async () => {
    const res = await cli(['accounts'], h.env);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('sso-tray login');
    expect((await cli(['login', '--device-code', '--no-browser'], h.env)).code).toBe(0);
    emu.revoke();
    const revoked = await cli(['accounts', '--json'], h.env);
    expect(revoked.code).toBe(3);
    expect(revoked.stdout).toBe('');
    expectNoStackOrSecret(revoked.stderr);
  });

  it('exit code 4 for AWS and network failures, without a stack trace', async () => {
    const env = { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' };
    const res = await cli(['login', '--device-code', '--no-browser'], env);
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('Cannot reach http://127.0.0.1:9');
    expectNoStackOrSecret(res.stderr);
  });

  it('--help and --version', async () => {
    const help = await cli(['--help'], h.env);
    expect(help.code).toBe(0);
    for (const c of ['login', 'logout', 'accounts']) expect(help.stdout).toContain(`  ${c}`);
    const cmdHelp = await cli(['login', '--help'], h.env);
    expect(cmdHelp.stdout).toContain('--device-code');
    const version = await cli(['--version'], h.env);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
