// `sso-tray exec` through the bundled CLI against the emulator: the child's environment, its
// exit code, stdin, signals, nesting, --profile for profiles SSO Tray wrote and hand-written
// sso_session profiles, and real AWS clients (boto3, the AWS CLI) running inside it.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../support/emulator';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';
import { cli, envOf, startCliPiped } from '../support/cli';

const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args).status === 0;
const BOTO3 = has('python3', ['-c', 'import boto3']);
const AWS_V1 = has('aws', ['--version']);
if (!BOTO3) console.warn('exec: python3 with boto3 not found, its check skipped');
if (!AWS_V1) console.warn('exec: the `aws` command not found, its check skipped');

describe('sso-tray exec', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let accountId: string;
  let roleName: string;
  let role: string[];
  useSignedInSandbox(
    { accounts: 2, rolesPerAccount: 2 },
    (s) => ({ emu, h, accountId, roleName, role } = s),
  );

  it('gives the command the role in the AWS variables and removes every other source', async () => {
    const polluted = {
      ...h.env,
      AWS_PROFILE: 'someone-else',
      AWS_DEFAULT_PROFILE: 'old',
      AWS_ACCESS_KEY_ID: 'AKIAOLDKEY',
      AWS_SECRET_ACCESS_KEY: 'old-secret',
      AWS_SECURITY_TOKEN: 'old-token',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/creds',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/tmp/token',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/wit',
      AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/x',
      KEEP_ME: 'yes',
    };
    const r = await cli(['exec', ...role, '--', 'env'], polluted);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const env = envOf(r.stdout);
    const printed = await cli(['credentials', ...role, '--format', 'env-no-export'], h.env);
    const want = envOf(printed.stdout);
    expect(want.size).toBe(4);
    for (const [name, value] of want) expect(env.get(name), name).toBe(value);
    expect(emu.state().issuedAccessKeyIds).toContain(env.get('AWS_ACCESS_KEY_ID'));
    // the session's sso_region when nothing else names one
    expect(env.get('AWS_REGION')).toBe(emu.region);
    expect(env.get('AWS_DEFAULT_REGION')).toBe(emu.region);
    expect(env.get('SSO_TRAY_EXEC')).toBe(`${accountId}/${roleName}`);
    for (const gone of [
      'AWS_PROFILE',
      'AWS_DEFAULT_PROFILE',
      'AWS_SECURITY_TOKEN',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_ROLE_ARN',
    ]) {
      expect(env.has(gone), gone).toBe(false);
    }
    // the rest of the environment, the endpoint variables included, is passed on
    expect(env.get('KEEP_ME')).toBe('yes');
    expect(env.get('AWS_ENDPOINT_URL_STS')).toBe(h.env.AWS_ENDPOINT_URL_STS);
    expect(env.get('AWS_CONFIG_FILE')).toBe(h.env.AWS_CONFIG_FILE);
  });

  it("passes on the user's environment only: nothing sso-tray set for itself", async () => {
    // what `cli` gives the process: PATH and the test's variables
    const user = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...h.env, KEEP_ME: 'yes' };
    const r = await cli(['exec', ...role, '--', 'env'], user);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const added = [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'SSO_TRAY_EXEC',
    ];
    expect([...envOf(r.stdout).keys()].sort()).toEqual([...Object.keys(user), ...added].sort());
    expect(envOf(r.stdout).has('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED')).toBe(false);
    // The user's own setting of the SDK's notice is theirs to pass on.
    const own = await cli(['exec', ...role, '--', 'env'], {
      ...user,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
    });
    expect(own.code).toBe(0);
    expect(envOf(own.stdout).get('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED')).toBe('false');
  });

  it('--region wins over AWS_REGION, which wins over the sso_region', async () => {
    const inherited = await cli(['exec', ...role, '--', 'env'], {
      ...h.env,
      AWS_REGION: 'ap-south-1',
    });
    expect(envOf(inherited.stdout).get('AWS_DEFAULT_REGION')).toBe('ap-south-1');
    const given = await cli(['exec', ...role, '--region', 'eu-central-1', '--', 'env'], {
      ...h.env,
      AWS_REGION: 'ap-south-1',
    });
    expect(envOf(given.stdout).get('AWS_REGION')).toBe('eu-central-1');
    const bad = await cli(['exec', ...role, '--region', 'mars', '--', 'env'], h.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--region must be a region name');
  });

  it("returns the command's exit code, 128 + N for a signal, 127 for a missing command", async () => {
    expect((await cli(['exec', ...role, '--', 'sh', '-c', 'exit 7'], h.env)).code).toBe(7);
    expect((await cli(['exec', ...role, '--', 'false'], h.env)).code).toBe(1);
    const killed = await cli(['exec', ...role, '--', 'sh', '-c', 'kill -TERM $$'], h.env);
    expect(killed.code).toBe(143);
    const missing = await cli(['exec', ...role, '--', 'no-such-command-here', 'x'], h.env);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('sso-tray exec: no-such-command-here: command not found\n');
    // no shell in between: the words arrive as they are
    const words = await cli(
      ['exec', ...role, '--', 'printf', '%s|', '$HOME', '*', 'a b', '--help'],
      h.env,
    );
    expect(words.stdout).toBe('$HOME|*|a b|--help|');
  });

  it('passes stdin through to the command', async () => {
    const run = startCliPiped(['exec', ...role, '--', 'cat'], h.env);
    run.child.stdin.end('line one\nline two\n');
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('line one\nline two\n');
  });

  it("without a command starts the user's shell ($SHELL) with the role", async () => {
    const run = startCliPiped(['exec', ...role], { ...h.env, SHELL: '/bin/sh' });
    run.child.stdin.end('echo "in $SSO_TRAY_EXEC"; exit 3\n');
    const r = await run.done;
    expect(r.stdout).toBe(`in ${accountId}/${roleName}\n`);
    expect(r.stderr).toMatch(
      new RegExp(
        `^sso-tray exec: a new shell with ${accountId}/${roleName} until \\S+Z; exit it to leave\\.\\n$`,
      ),
    );
    expect(r.code).toBe(3);
  });

  it('passes SIGTERM sent to sso-tray on to the command', async () => {
    // The handler writes with os.write: the signal may come while print("ready") is still
    // flushing (its bytes are out already), and print is not reentrant.
    const script =
      'import os, signal, time\n' +
      'def on_term(*_):\n' +
      '    os.write(1, b"got SIGTERM\\n")\n' +
      '    os._exit(42)\n' +
      'signal.signal(signal.SIGTERM, on_term)\n' +
      'print("ready", flush=True)\n' +
      'time.sleep(60)\n';
    const run = startCliPiped(['exec', ...role, '--', 'python3', '-c', script], h.env);
    await run.output(/ready\n/);
    run.child.kill('SIGTERM');
    const r = await run.done;
    // all three at once, so that a failure shows what the command and sso-tray said
    expect(r).toEqual({ stdout: 'ready\ngot SIGTERM\n', stderr: '', code: 42 });
  });

  it('refuses to nest inside another exec unless --force', async () => {
    const outer = await cli(['exec', ...role, '--', 'env'], h.env);
    const inner = {
      ...Object.fromEntries(envOf(outer.stdout)),
      PATH: process.env.PATH ?? '/usr/bin:/bin',
    };
    const nested = await cli(['exec', ...role, '--', 'true'], inner);
    expect(nested).toMatchObject({ code: 2 });
    expect(nested.stderr).toContain(`inside \`sso-tray exec\` for ${accountId}/${roleName}`);
    expect(nested.stderr).toContain('--force');
    const other = emu.organisation.accounts[1];
    const forced = await cli(
      [
        'exec',
        '--account',
        other?.accountId ?? '',
        '--role',
        other?.roles[0] ?? '',
        '--force',
        '--',
        'env',
      ],
      inner,
    );
    expect(forced.code).toBe(0);
    expect(envOf(forced.stdout).get('SSO_TRAY_EXEC')).toBe(
      `${other?.accountId}/${other?.roles[0]}`,
    );
  });

  it('--profile: a profile SSO Tray wrote (config or credentials file) and a hand-written sso_session one', async () => {
    const [, second] = emu.organisation.accounts;
    const r2 = ['--account', second?.accountId ?? '', '--role', second?.roles[1] ?? ''];
    const idOf = async (profile: string) => {
      const r = await cli(['exec', '--profile', profile, '--', 'env'], h.env);
      expect(r.stderr).toBe('');
      return envOf(r.stdout);
    };
    expect((await cli(['write-config-profile', ...r2, '--profile', 'tray-sso'], h.env)).code).toBe(
      0,
    );
    expect(
      (
        await cli(
          ['write-config-profile', ...r2, '--profile', 'tray-cp', '--credential-process'],
          h.env,
        )
      ).code,
    ).toBe(0);
    expect((await cli(['write-profile', ...r2, '--profile', 'tray-keys'], h.env)).code).toBe(0);
    for (const p of ['tray-sso', 'tray-cp', 'tray-keys']) {
      expect((await idOf(p)).get('SSO_TRAY_EXEC'), p).toBe(
        `${second?.accountId}/${second?.roles[1]}`,
      );
    }
    appendFileSync(
      h.configFile,
      `\n[profile mine]\nsso_session = ${SESSION}\nsso_account_id = ${accountId}\nsso_role_name = ${roleName}\nregion = eu-west-3\n` +
        '\n[profile plain]\nregion = us-west-2\n',
    );
    const mine = await idOf('mine');
    expect(mine.get('SSO_TRAY_EXEC')).toBe(`${accountId}/${roleName}`);
    expect(mine.get('AWS_REGION')).toBe('eu-west-3');
    const plain = await cli(['exec', '--profile', 'plain', '--', 'true'], h.env);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('neither an sso_session profile nor one SSO Tray wrote');
    const none = await cli(['exec', '--profile', 'nobody', '--', 'true'], h.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('There is no profile nobody');
    const both = await cli(['exec', '--profile', 'mine', ...role, '--', 'true'], h.env);
    expect(both.code).toBe(2);
  });

  it.skipIf(!BOTO3)(
    'boto3 inside exec calls STS with the role (the emulator checks the signature)',
    async () => {
      const r = await cli(
        [
          'exec',
          ...role,
          '--',
          'python3',
          '-c',
          'import boto3, json; print(json.dumps(boto3.client("sts").get_caller_identity()))',
        ],
        { ...h.env, AWS_PROFILE: 'does-not-exist' },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const who = JSON.parse(r.stdout) as { Account: string; Arn: string };
      expect(who.Account).toBe(accountId);
      expect(who.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/${roleName}/${emu.userName}`);
    },
  );

  it.skipIf(!AWS_V1)('the AWS CLI inside exec calls STS with the role', async () => {
    const r = await cli(
      ['exec', ...role, '--', 'aws', 'sts', 'get-caller-identity', '--output', 'json'],
      {
        ...h.env,
        AWS_PROFILE: 'does-not-exist',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const who = JSON.parse(r.stdout) as { Arn: string };
    expect(who.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/${roleName}/${emu.userName}`);
  });

  it('--help after -- belongs to the command', async () => {
    const help = await cli(['exec', '--help'], h.env);
    expect(help.stdout).toContain('Usage: sso-tray exec');
    const r = await cli(['exec', ...role, '--', 'sh', '-c', 'echo "$1"', 'sh', '--help'], h.env);
    expect(r.stdout).toBe('--help\n');
  });
});
