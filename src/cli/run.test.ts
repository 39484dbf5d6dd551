import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAccountsTable } from './commands/accounts';
import { exitCodeFor, fdOutput, runCli } from './run';

function capture(): { text: () => string; write: (s: string) => void } {
  let out = '';
  return { text: () => out, write: (s: string) => void (out += s) };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(args, {
    env: { HOME: '/nonexistent-home', AWS_CONFIG_FILE: '/nonexistent-home/config' },
    stdout,
    stderr,
    version: '1.2.3',
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('runCli', () => {
  it('prints usage with exit 2 when no command is given or it is unknown', async () => {
    expect(await run([])).toMatchObject({ code: 2, stdout: '' });
    const r = await run(['nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "nope"');
    expect(r.stderr).toContain('Commands:');
    expect((await run(['--frob'])).stderr).toContain('unknown option --frob');
  });
  it('rejects unknown flags, missing values and half-given options with exit 2', async () => {
    const flag = await run(['logout', '--all']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Usage: sso-tray logout');
    expect((await run(['accounts', '--session'])).code).toBe(2);
    expect((await run(['accounts', '--session', ''])).stderr).toContain('--session needs a value');
    expect((await run(['login', '--region', 'us-east-1'])).stderr).toContain(
      'give both or neither',
    );
  });
  it('rejects a malformed account id or role name with exit 2 before any AWS call', async () => {
    for (const cmd of ['credentials', 'write-profile', 'credential-process', 'verify']) {
      const role = await run([cmd, '--account', '123456789012', '--role', 'bad role!']);
      expect(role.code, cmd).toBe(2);
      expect(role.stderr).toContain('--role must be a role name');
      const account = await run([cmd, '--account', '1234', '--role', 'Admin']);
      expect(account.code, cmd).toBe(2);
      expect(account.stderr).toContain('--account must be a 12-digit account id');
    }
  });
  it('--help, COMMAND --help and --version exit 0', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '1.2.3\n' });
    expect((await run(['--help'])).stdout).toContain('accounts');
    expect((await run(['accounts', '--help'])).stdout).toContain('--json');
    expect((await run(['help', 'login'])).stdout).toContain('--device-code');
  });
  it('a missing config is an error with exit 4 and a hint, not a stack trace', async () => {
    const r = await run(['accounts']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('sso-tray login --start-url');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('maps error codes to exit codes', () => {
    expect(exitCodeFor('NOT_SIGNED_IN')).toBe(3);
    expect(exitCodeFor('SESSION_EXPIRED')).toBe(3);
    expect(exitCodeFor('INVALID_REGION')).toBe(2);
    expect(exitCodeFor('NETWORK')).toBe(4);
    expect(exitCodeFor('FILE')).toBe(4);
    expect(exitCodeFor('CANCELLED')).toBe(130);
  });
});

describe('accounts table', () => {
  it('aligns columns and lists roles', () => {
    expect(
      formatAccountsTable([
        {
          accountId: '111111111111',
          accountName: 'dev',
          emailAddress: 'd@x',
          roles: ['Admin', 'Read'],
        },
        { accountId: '222222222222', accountName: 'production', emailAddress: 'p@x', roles: [] },
      ]),
    ).toBe(
      'ACCOUNT ID    NAME        EMAIL  ROLES\n' +
        '111111111111  dev         d@x    Admin, Read\n' +
        '222222222222  production  p@x\n',
    );
  });
});

describe('--verbose', () => {
  it('writes the log to stderr only when asked, wherever the flag is given', async () => {
    const quiet = await run(['accounts']);
    expect(quiet.code).toBe(4);
    expect(quiet.stderr).not.toMatch(/\[cli\]/);
    for (const args of [
      ['--verbose', 'accounts'],
      ['accounts', '--verbose'],
    ]) {
      const loud = await run(args);
      expect(loud.code).toBe(4);
      expect(loud.stderr).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO +\[cli\] command failed command=accounts error="SsoTrayError \(CONFIG\): There is no \[sso-session\]/m,
      );
    }
    // after `--` it is a word of another command, not ours
    expect((await run(['accounts', '--', '--verbose'])).code).toBe(2);
  });
});

describe('fdOutput', () => {
  it('writes straight to the descriptor, and through the stream once the descriptor refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-tray-fd-'));
    try {
      const file = join(dir, 'out');
      const fd = openSync(file, 'w');
      const streamed: string[] = [];
      const out = fdOutput(fd, () => ({
        write: (t: string | Uint8Array) => streamed.push(String(t)) > 0,
      }));
      out.write('first ');
      out.write('zweite ☃\n');
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe('first zweite ☃\n');
      expect(streamed).toEqual([]);
      // The descriptor is closed now: this write and the next go through the stream, in order.
      out.write('third');
      out.write(' fourth');
      expect(streamed.join('')).toBe('third fourth');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
