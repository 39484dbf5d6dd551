// `sso-tray exec --endpoint` through the bundled CLI, with `sso-tray serve` as the running
// endpoint and the emulator behind it: the child gets the endpoint's URL and token and no keys,
// boto3 inside signs an STS call with them, a wrong role or an expired sign-in fails before the
// command starts, no running endpoint is said with how to start one, and a botocore process
// inside keeps working after the 60-second credentials it first got have expired.
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEndpointState } from '../../src/main/core/endpoint';
import { botocorePython } from '../credentials/helpers';
import { cli, envOf, startCliPiped } from '../support/cli';
import type { RunningEmulator } from '../support/emulator';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';
import { BOTOCORE_LOOP, startServe, type Serve } from '../support/serve';

const PY = botocorePython();
if (!PY) console.warn('exec --endpoint: python3 with botocore not found, its checks skipped');

const BOTO3_WHO =
  'import boto3, json; print(json.dumps(boto3.client("sts").get_caller_identity()))';

/** What a caller may have set that the child must not see. */
const POLLUTED = {
  AWS_PROFILE: 'someone-else',
  AWS_ACCESS_KEY_ID: 'AKIAOLDKEY',
  AWS_SECRET_ACCESS_KEY: 'old-secret',
  AWS_SESSION_TOKEN: 'old-token',
  AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/tmp/token',
  AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/wit',
};

describe('sso-tray exec --endpoint', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let accountId: string;
  let roleName: string;
  let role: string[];
  useSignedInSandbox(
    { accounts: 2, rolesPerAccount: 2 },
    (s) => ({ emu, h, accountId, roleName, role } = s),
  );
  /** `--account --role` for role `n` of the second account. */
  const otherRole = (n: number): string[] => {
    const other = emu.organisation.accounts[1];
    return ['--account', other?.accountId ?? '', '--role', other?.roles[n] ?? ''];
  };

  it('without a running endpoint says how to start one (exit 4), and runs nothing', async () => {
    const none = await cli(['exec', '--endpoint', ...role, '--', 'echo', 'started'], h.env);
    expect(none.code).toBe(4);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No SSO Tray credentials endpoint is running');
    expect(none.stderr).toContain('Serve credentials to local processes');
    expect(none.stderr).toContain('sso-tray serve');
    // a state file left behind by an endpoint that no longer answers counts as none
    await writeEndpointState(h.env, {
      port: 9,
      token: 'a-stale-token-of-no-one',
      pid: process.pid,
      by: 'serve',
    });
    const stale = await cli(['exec', '--endpoint', ...role, '--', 'echo', 'started'], h.env);
    expect(stale.code).toBe(4);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('No SSO Tray credentials endpoint is running');
  });

  describe('with `sso-tray serve` running', () => {
    let serve: Serve;
    beforeAll(async () => {
      serve = await startServe([], h.env);
    });
    afterAll(async () => {
      serve.child.kill('SIGTERM');
      await serve.done;
    });

    it("gives the command the endpoint's URL and token for the role, and no keys", async () => {
      const r = await cli(['exec', '--endpoint', ...role, '--verbose', '--', 'env'], {
        ...h.env,
        ...POLLUTED,
      });
      expect(r.code, r.stderr).toBe(0);
      const env = envOf(r.stdout);
      expect(env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')).toBe(
        `http://127.0.0.1:${serve.address.port}/role/${SESSION}/${accountId}/${roleName}`,
      );
      expect(env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')).toBe(serve.address.token);
      for (const gone of Object.keys(POLLUTED)) expect(env.has(gone), gone).toBe(false);
      expect(env.get('AWS_REGION')).toBe(emu.region);
      expect(env.get('AWS_DEFAULT_REGION')).toBe(emu.region);
      expect(env.get('SSO_TRAY_EXEC')).toBe(`${accountId}/${roleName}`);
      // the log (--verbose) names the endpoint, never its token or any key it served
      expect(r.stderr).toContain('exec through the local endpoint');
      for (const secret of [serve.address.token, ...emu.issuedSecrets()]) {
        expect(r.stderr).not.toContain(secret);
      }
    });

    it.skipIf(!PY)('boto3 inside gets the role from the endpoint and calls STS', async () => {
      const other = emu.organisation.accounts[1];
      const r = await cli(
        ['exec', '--endpoint', ...otherRole(1), '--', 'python3', '-c', BOTO3_WHO],
        { ...h.env, ...POLLUTED },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const who = JSON.parse(r.stdout) as { Account: string; Arn: string };
      expect(who.Account).toBe(other?.accountId);
      expect(who.Arn).toBe(
        `arn:aws:sts::${other?.accountId}:assumed-role/${other?.roles[1]}/${emu.userName}`,
      );
    });

    it('a role the session does not have fails before the command starts', async () => {
      const r = await cli(
        ['exec', '--endpoint', '--account', accountId, '--role', 'NoSuchRole', '--', 'env'],
        h.env,
      );
      expect(r.code).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`has no role NoSuchRole in account ${accountId}`);
    });

    it('a sign-in that has expired fails before the command starts (exit 3)', async () => {
      // A role not fetched yet, so no cached credentials stand in for the sign-in.
      emu.revoke();
      const r = await cli(['exec', '--endpoint', ...otherRole(0), '--', 'env'], h.env);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`The sign-in of session ${SESSION} has expired.`);
      expect(r.stderr).toContain(`sso-tray login --session ${SESSION}`);
    });
  });
});

describe.skipIf(!PY)('exec --endpoint with 60-second credentials', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let role: string[];
  let arn: string;
  let serve: Serve;
  useSignedInSandbox({ accounts: 1, rolesPerAccount: 1, credentialSeconds: 60 }, (s) => {
    ({ emu, h, role } = s);
    arn = `arn:aws:sts::${s.accountId}:assumed-role/${s.roleName}/${s.emu.userName}`;
  });
  beforeAll(async () => {
    serve = await startServe([], h.env);
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.done;
  });

  it('a botocore process inside keeps calling STS after its first credentials expired', async () => {
    const run = startCliPiped(
      ['exec', '--endpoint', ...role, '--', 'python3', '-c', BOTOCORE_LOOP],
      h.env,
    );
    const lines = createInterface({ input: run.child.stdout })[Symbol.asyncIterator]();
    const call = async (): Promise<{ arn?: string; error?: string }> => {
      run.child.stdin.write('call\n');
      const next = await lines.next();
      return JSON.parse(String(next.value)) as { arn?: string; error?: string };
    };
    expect(await call()).toEqual({ arn });
    // A minute and a bit later, as the emulator sees it: everything issued so far has expired.
    emu.advanceClock(61_000);
    const issued = emu.state().issuedAccessKeyIds.length;
    expect(await call()).toEqual({ arn });
    expect(emu.state().issuedAccessKeyIds.length).toBeGreaterThan(issued);

    run.child.stdin.end();
    expect((await run.done).code).toBe(0);
  });
});
