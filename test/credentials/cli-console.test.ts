// `sso-tray console` through the bundled CLI against the emulator: the direct sign-in URL
// (printed on request, followed to the emulator's console page), the portal link, expired
// credentials refused, a named browser started without a shell, and bad flags.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, login } from './helpers';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { roleOf, useSandboxPerTest } from '../support/signed-in';
import { cli } from '../support/cli';

/** Follows a login URL to the emulator's console page, as a browser would. */
async function follow(loginUrl: string): Promise<{ status: number; html: string }> {
  const first = await fetch(loginUrl, { redirect: 'manual' });
  if (first.status !== 302) return { status: first.status, html: await first.text() };
  const page = await fetch(first.headers.get('location') ?? '', { redirect: 'manual' });
  return { status: page.status, html: await page.text() };
}

describe('sso-tray console', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let account: string;
  let role: string;
  useSandboxPerTest({ accounts: 2, rolesPerAccount: 2 }, (s) => {
    ({ emu, h } = s);
    ({ accountId: account, roleName: role } = roleOf(emu, 0, 1));
  });

  const args = (...more: string[]) => ['console', '--account', account, '--role', role, ...more];

  /**
   * A program `name` on a PATH of its own that writes its arguments to a file (one a line) and
   * then runs `then`; `env` puts it first, `argv()` reads what it was given.
   */
  function fakeProgram(name: string, then = '') {
    const bin = join(h.home, 'bin');
    mkdirSync(bin);
    const seen = join(h.home, 'argv.txt');
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n${then}\n`);
    chmodSync(join(bin, name), 0o755);
    const env = { ...h.env, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    return { env, argv: () => readFileSync(seen, 'utf8').trimEnd().split('\n') };
  }

  it('needs a sign-in first (exit 3), printing nothing', async () => {
    const r = await cli(args('--print-url'), h.env);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(expectNoStack(r.stderr)).toBe(true);
  });

  it('--print-url prints the direct sign-in URL, which opens the console page as the role', async () => {
    await login(h.env);
    const r = await cli(args('--print-url', '--destination', '/s3/buckets', '--verbose'), h.env);
    expect(r.code, r.stderr).toBe(0);
    const url = new URL(r.stdout.trim());
    expect(url.origin + url.pathname).toBe(`${emu.url}/federation`);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe(emu.startUrl);
    expect(url.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/s3/buckets?region=us-east-1',
    );
    const token = url.searchParams.get('SigninToken') ?? '';
    expect(emu.issuedSecrets()).toContain(token);
    // the log (stderr with --verbose) holds neither the token nor any other secret
    for (const secret of emu.issuedSecrets()) expect(r.stderr).not.toContain(secret);
    const page = await follow(url.href);
    expect(page.status).toBe(200);
    expect(page.html).toContain(account);
    expect(page.html).toContain(`data-testid="role">${role}<`);
  });

  it('--shortcut prints the access portal link', async () => {
    await login(h.env);
    const r = await cli(args('--shortcut', '--print-url'), h.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${emu.startUrl}/#/console?account_id=${account}&role_name=${role}\n`);
  });

  it('says the credentials were refused once they expired (exit 4)', async () => {
    await login(h.env);
    expect((await cli(args('--print-url'), h.env)).code).toBe(0); // caches the credentials
    emu.expireRoleCredentials();
    const r = await cli(args('--print-url'), h.env);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refused the role's credentials \(HTTP 400\)/);
    expect(expectNoStack(r.stderr)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'starts a named browser without a shell: Firefox with a container',
    async () => {
      await login(h.env);
      const { env, argv } = fakeProgram('firefox');
      const r = await cli(args('--browser', 'firefox', '--container', 'Prod $(id) & co'), env);
      expect(r.code, r.stderr).toBe(0);
      expect(argv()).toHaveLength(1);
      const word = argv()[0] ?? '';
      expect(word.startsWith('ext+container:')).toBe(true);
      const params = new URLSearchParams(word.slice('ext+container:'.length));
      expect(params.get('name')).toBe('Prod $(id) & co');
      const page = await follow(params.get('url') ?? '');
      expect(page.html).toContain(`data-testid="role">${role}<`);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'the default browser: waits for an opener that stays running, then says it opened the console',
    async () => {
      await login(h.env);
      // like an xdg-open that hands the URL over and waits on the browser
      const { env, argv } = fakeProgram('xdg-open', 'sleep 8');
      const r = await cli(args(), env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(`Opened the AWS console as ${role} in ${account}.\n`);
      expect(argv()).toHaveLength(1);
      const page = await follow(argv()[0] ?? '');
      expect(page.html).toContain(`data-testid="role">${role}<`);
    },
  );

  it('refuses bad flags with exit 2', async () => {
    for (const extra of [
      ['--browser', 'netscape'],
      ['--browser', 'chrome', '--container', 'Work'],
      ['--profile', 'Work'],
      ['--browser', 'chrome', '--profile', '--disable-web-security'],
      ['--destination', 'https://evil.example.com/'],
      ['--region', 'moon-1'],
      ['--shortcut', '--destination', '/ec2/home'],
    ]) {
      const r = await cli(args(...extra, '--print-url'), h.env);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(expectNoStack(r.stderr)).toBe(true);
    }
  });
});
