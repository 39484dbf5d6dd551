// `sso-tray serve` against the emulator, with the AWS tools as its clients: botocore (boto3), the
// JS SDK's default credential chain and the AWS CLI v1 each get credentials from the endpoint
// through their container credentials provider and sign an STS call the emulator verifies. A
// botocore process keeps working after the first credentials it got have expired; wrong or
// missing tokens, a foreign Host and a non-loopback bind are refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointStatePath, findRunningEndpoint } from '../../src/main/core/endpoint';
import { botocorePython, login, runAsync } from '../credentials/helpers';
import { cli } from '../support/cli';
import { BOTOCORE_LOOP, startServe, type Serve } from '../support/serve';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { SESSION, sandboxHome, type SandboxHome } from '../support/sandbox-home';

const PY = botocorePython();
if (!PY) console.warn('endpoint: python3 with botocore not found, botocore checks skipped');

const BOTO3_CALLER = `
import boto3
print(boto3.Session().client("sts").get_caller_identity()["Arn"])
`;

const JS_DEFAULT_CHAIN = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const out = await new STSClient({}).send(new GetCallerIdentityCommand({}));
console.log(out.Arn);
`;

function endpointVars(url: string, token: string): Record<string, string> {
  return { AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token };
}

/** GET with any Host header (fetch cannot set one). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sso-tray serve', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let serve: Serve;
  let accountId: string;
  let roleName: string;
  let baseEnv: Record<string, string>;

  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 3, rolesPerAccount: 1, autoApprove: true });
    h = await sandboxHome(emu);
    await login(h.env);
    const account = emu.organisation.accounts[0];
    accountId = account?.accountId ?? '';
    roleName = account?.roles[0] ?? '';
    // What every client gets: the sandbox's files and STS endpoint, a region, no static keys.
    baseEnv = { ...h.env, AWS_DEFAULT_REGION: emu.region, AWS_REGION: emu.region };
    serve = await startServe(['--account', accountId, '--role', roleName], h.env);
  });

  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.done;
    await emu.close();
    await h.cleanup();
  });

  const arnOf = (account: string, role: string) =>
    `arn:aws:sts::${account}:assumed-role/${role}/${emu.userName}`;

  it('prints the lines for the role and leaves a 0600 state file other processes find', async () => {
    expect(serve.url).toBe(
      `http://127.0.0.1:${serve.address.port}/role/${SESSION}/${accountId}/${roleName}`,
    );
    expect(serve.address.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(endpointStatePath(h.env)).mode & 0o777).toBe(0o600);
    expect(await findRunningEndpoint(h.env)).toEqual({ ...serve.address, by: 'serve' });
  });

  it.skipIf(!PY)('botocore (boto3) gets credentials and signs an STS call', async () => {
    const r = await runAsync('python3', ['-c', BOTO3_CALLER], {
      ...baseEnv,
      ...endpointVars(serve.url, serve.address.token),
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(arnOf(accountId, roleName));
  });

  it("the JS SDK's default credential chain gets credentials and signs an STS call", async () => {
    const r = await runAsync(process.execPath, ['--input-type=module', '-e', JS_DEFAULT_CHAIN], {
      ...baseEnv,
      ...endpointVars(serve.url, serve.address.token),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(arnOf(accountId, roleName));
  });

  it.skipIf(!PY)('the AWS CLI v1 gets credentials and signs an STS call', async () => {
    const r = await runAsync('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
      ...baseEnv,
      ...endpointVars(serve.url, serve.address.token),
    });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { Arn: string }).Arn).toBe(arnOf(accountId, roleName));
  });

  it('serves another role by its URL, and says when a role does not exist', async () => {
    const other = emu.organisation.accounts[1];
    const url = `http://127.0.0.1:${serve.address.port}/role/${SESSION}/${other?.accountId}/${other?.roles[0]}`;
    const r = await runAsync(process.execPath, ['--input-type=module', '-e', JS_DEFAULT_CHAIN], {
      ...baseEnv,
      ...endpointVars(url, serve.address.token),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    expect(r.stdout.trim()).toBe(arnOf(other?.accountId ?? '', other?.roles[0] ?? ''));

    const missing = await rawGet(serve.address.port, `/role/${SESSION}/${accountId}/NoSuchRole`, {
      Host: `127.0.0.1:${serve.address.port}`,
      Authorization: serve.address.token,
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'RoleNotFound' });
  });

  it.skipIf(!PY)('botocore reports a wrong token, and nothing is served without one', async () => {
    const r = await runAsync('python3', ['-c', BOTO3_CALLER], {
      ...baseEnv,
      ...endpointVars(serve.url, 'not-the-token'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('InvalidToken');
    expect(r.stderr).not.toContain(serve.address.token);

    const path = new URL(serve.url).pathname;
    const host = `127.0.0.1:${serve.address.port}`;
    const none = await rawGet(serve.address.port, path, { Host: host });
    expect(none.status).toBe(401);
    const foreign = await rawGet(serve.address.port, path, {
      Host: `attacker.example:${serve.address.port}`,
      Authorization: serve.address.token,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('AccessKeyId');
    const fromPage = await rawGet(serve.address.port, path, {
      Host: host,
      Authorization: serve.address.token,
      Origin: 'https://attacker.example',
    });
    expect(fromPage.status).toBe(403);
    expect(fromPage.body).not.toContain('AccessKeyId');
  });

  it('refuses to listen on anything but 127.0.0.1 (exit 2)', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.0.1']) {
      const r = await cli(['serve', '--host', host], h.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('listens on 127.0.0.1 only');
    }
    const bad = await cli(['serve', '--port', '70000'], h.env);
    expect(bad.code).toBe(2);
  });

  it('says the sign-in has expired once the session is gone', async () => {
    // A role not served yet, so no cached credentials stand in for the sign-in.
    const third = emu.organisation.accounts[2];
    emu.revoke();
    const res = await rawGet(
      serve.address.port,
      `/role/${SESSION}/${third?.accountId}/${third?.roles[0]}`,
      { Host: `localhost:${serve.address.port}`, Authorization: serve.address.token },
    );
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'SessionExpired' });
    expect(JSON.parse(res.body).message).toContain(`sso-tray login --session ${SESSION}`);
  });

  it('stops on SIGTERM, removes its state file and logged no secret', async () => {
    serve.child.kill('SIGTERM');
    const r = await serve.done;
    expect(r.code).toBe(0);
    expect(await findRunningEndpoint(h.env)).toBeUndefined();
    expect(() => statSync(endpointStatePath(h.env))).toThrow();
    for (const secret of [serve.address.token, ...emu.issuedSecrets()]) {
      expect(r.stderr).not.toContain(secret);
    }
    expect(r.stderr).toContain('credentials endpoint');
  });
});

describe.skipIf(!PY)('a long-running botocore process and 60-second credentials', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let serve: Serve;
  let python: ChildProcess;

  beforeAll(async () => {
    emu = await startTestEmulator({
      accounts: 1,
      rolesPerAccount: 1,
      autoApprove: true,
      credentialSeconds: 60,
    });
    h = await sandboxHome(emu);
    await login(h.env);
  });

  afterAll(async () => {
    python?.kill();
    serve?.child.kill('SIGTERM');
    await serve?.done;
    await emu.close();
    await h.cleanup();
  });

  it('keeps working after the credentials it first got have expired', async () => {
    const account = emu.organisation.accounts[0];
    const accountId = account?.accountId ?? '';
    const roleName = account?.roles[0] ?? '';
    serve = await startServe(['--account', accountId, '--role', roleName], h.env);
    python = spawn('python3', ['-c', BOTOCORE_LOOP], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...h.env,
        AWS_DEFAULT_REGION: emu.region,
        ...endpointVars(serve.url, serve.address.token),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: python.stdout! })[Symbol.asyncIterator]();
    const call = async (): Promise<{ arn?: string; error?: string }> => {
      python.stdin?.write('call\n');
      const next = await lines.next();
      return JSON.parse(String(next.value)) as { arn?: string; error?: string };
    };
    const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${emu.userName}`;

    expect(await call()).toEqual({ arn });
    // A set of the credentials of this minute, as any client of the endpoint gets them.
    const res = await fetch(serve.url, { headers: { Authorization: serve.address.token } });
    const body = (await res.json()) as {
      AccessKeyId: string;
      SecretAccessKey: string;
      Token: string;
    };
    const early = {
      accessKeyId: body.AccessKeyId,
      secretAccessKey: body.SecretAccessKey,
      sessionToken: body.Token,
    };
    const direct = new STSClient({ region: emu.region, endpoint: emu.url, credentials: early });
    await expect(direct.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: arn,
    });

    // A minute and a bit later, as the emulator sees it: everything issued so far has expired.
    emu.advanceClock(61_000);
    await expect(direct.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
    const issued = emu.state().issuedAccessKeyIds.length;

    // The same process, without a restart, keeps signing calls STS accepts, with credentials
    // issued after the earlier ones expired.
    expect(await call()).toEqual({ arn });
    expect(await call()).toEqual({ arn });
    expect(emu.state().issuedAccessKeyIds.length).toBeGreaterThan(issued);
  });
});
