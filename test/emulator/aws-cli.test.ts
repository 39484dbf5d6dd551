// Debian's AWS CLI v2 (/usr/bin/aws, 2.9.19) reaches the emulator through the endpoint-ruleset
// redirect of tools/aws-cli-redirect.ts (it ignores AWS_ENDPOINT_URL_*).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeAwsCliEndpointOverrides } from '../../tools/aws-cli-redirect';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { createSandboxHome, ssoSessionSection, type SandboxHome } from '../support/sandbox-home';

const AWS = '/usr/bin/aws';
const hasAws = existsSync(AWS);
if (!hasAws) console.warn(`AWS CLI interop skipped: ${AWS} (AWS CLI v2) is not installed`);

const run = promisify(execFile);

describe.skipIf(!hasAws)('AWS CLI v2 through the endpoint redirect', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;

  beforeAll(async () => {
    emu = await startTestEmulator({ autoApprove: true, accounts: 30 });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    // No AWS_ENDPOINT_URL_*: this AWS CLI ignores them, the redirect does the work.
    h = await createSandboxHome({ prefix: 'emu-awscli-' });
    writeAwsCliEndpointOverrides(h.home, emu.url);
  });
  afterEach(() => h.cleanup());

  /** Runs /usr/bin/aws asynchronously (the emulator answers from this process). */
  async function aws(args: string[], env: Record<string, string> = {}): Promise<string> {
    const { stdout } = await run(AWS, [...args, '--output', 'json'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...h.env,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
        ...env,
      },
      timeout: 60_000,
    });
    return stdout;
  }

  async function signIn(): Promise<string> {
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${emu.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const client = await post('/client/register', {
      clientName: 'aws-cli-test',
      clientType: 'public',
    });
    const ids = { clientId: client.clientId, clientSecret: client.clientSecret };
    const dev = await post('/device_authorization', { ...ids, startUrl: emu.startUrl });
    const tok = await post('/token', {
      ...ids,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: dev.deviceCode,
    });
    return tok.accessToken ?? '';
  }

  it('writes one ruleset per service', () => {
    for (const path of ['sso/2019-06-10', 'sso-oidc/2019-06-10', 'sts/2011-06-15']) {
      const rules = JSON.parse(
        readFileSync(join(h.home, '.aws', 'models', path, 'endpoint-rule-set-1.json'), 'utf8'),
      ) as {
        rules: Array<{ endpoint: { url: string } }>;
      };
      expect(rules.rules[0]?.endpoint.url).toBe(emu.url);
    }
  });

  it('aws sso list-accounts pages through every account', async () => {
    const token = await signIn();
    const out = JSON.parse(
      await aws(['sso', 'list-accounts', '--access-token', token, '--page-size', '7']),
    ) as {
      accountList: Array<{ accountId: string }>;
    };
    expect(out.accountList.map((a) => a.accountId)).toEqual(
      emu.organisation.accounts.map((a) => a.accountId),
    );
  });

  it('aws sts get-caller-identity accepts emulator-issued credentials from env vars', async () => {
    const token = await signIn();
    const account = emu.organisation.accounts[2];
    if (!account) throw new Error('no account');
    const r = await fetch(
      `${emu.url}/federation/credentials?account_id=${account.accountId}&role_name=${account.roles[0]}`,
      { headers: { 'x-amz-sso_bearer_token': token } },
    );
    const { roleCredentials: c } = (await r.json()) as {
      roleCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
    };
    const ident = JSON.parse(
      await aws(['sts', 'get-caller-identity'], {
        AWS_ACCESS_KEY_ID: c.accessKeyId,
        AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
        AWS_SESSION_TOKEN: c.sessionToken,
      }),
    ) as { Account: string; Arn: string };
    expect(ident.Account).toBe(account.accountId);
    expect(ident.Arn).toBe(
      `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
    );

    const wrong = aws(['sts', 'get-caller-identity'], {
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      // A different first character (a fixed one would be no change when the secret starts with it).
      AWS_SECRET_ACCESS_KEY: `${c.secretAccessKey.startsWith('x') ? 'y' : 'x'}${c.secretAccessKey.slice(1)}`,
      AWS_SESSION_TOKEN: c.sessionToken,
    });
    await expect(wrong).rejects.toThrow(/SignatureDoesNotMatch/);
  });

  it('aws sso login (device flow), then an sso-session profile, export-credentials and logout', async () => {
    const account = emu.organisation.accounts[0];
    if (!account) throw new Error('no account');
    writeFileSync(
      h.configFile,
      `${ssoSessionSection({ name: 'emu', startUrl: emu.startUrl, region: 'us-east-1' })}\n` +
        `[profile dev]\nsso_session = emu\nsso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\nregion = us-east-1\n`,
    );
    await aws(['sso', 'login', '--sso-session', 'emu', '--no-browser']);
    const cache = readdirSync(join(h.home, '.aws', 'sso', 'cache'));
    expect(cache).toContain('6551e797240051925b8a62615f4c8baaa4c1698c.json'); // sha1("emu")

    const ident = JSON.parse(await aws(['sts', 'get-caller-identity', '--profile', 'dev'])) as {
      Arn: string;
    };
    expect(ident.Arn).toBe(
      `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
    );

    const exported = JSON.parse(
      await aws(['configure', 'export-credentials', '--profile', 'dev']),
    ) as {
      Version: number;
      AccessKeyId: string;
      Expiration: string;
    };
    expect(exported.Version).toBe(1);
    expect(emu.state().issuedAccessKeyIds).toContain(exported.AccessKeyId);
    const minutes = (Date.parse(exported.Expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);

    const logoutsBefore = emu.state().calls.Logout ?? 0;
    await aws(['sso', 'logout']);
    expect(emu.state().calls.Logout).toBe(logoutsBefore + 1);
  });
});
