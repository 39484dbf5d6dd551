// What SSO Tray writes is read by the other AWS tools, and the other way round: botocore (boto3)
// and Debian's AWS CLI v2 use the token file from `SsoCore.login`, and SsoCore uses a token the
// AWS CLI wrote with `aws sso login`.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAwsCliEndpointOverrides } from '../../tools/aws-cli-redirect';
import { SsoCore, tokenFilePath } from '../../src/main/core/sso';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const hasAws = existsSync(AWS);
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!hasBoto3)
  console.warn('SSO interop with botocore skipped: python3 with boto3 is not installed');
if (!hasAws) console.warn(`SSO interop with the AWS CLI skipped: ${AWS} is not installed`);

// Prints digests, never the token or keys themselves.
const BOTO_SCRIPT = `
import hashlib, json, sys
import boto3, botocore.session
from botocore.tokens import create_token_resolver
s = botocore.session.Session(profile='dev')
token = create_token_resolver(s).load_token().get_frozen_token().token
b = boto3.Session(profile_name='dev')
creds = b.get_credentials().get_frozen_credentials()
arn = b.client('sts', region_name='us-east-1').get_caller_identity()['Arn']
print(json.dumps({'tokenSha256': hashlib.sha256(token.encode()).hexdigest(), 'accessKeyId': creds.access_key, 'arn': arn}))
`;

function profileConfig(emu: RunningEmulator, accountId: string, role: string): string {
  return (
    `${ssoSessionSection({ name: 'emu', startUrl: emu.startUrl, region: emu.region })}\n` +
    `[profile dev]\nsso_session = emu\nsso_account_id = ${accountId}\nsso_role_name = ${role}\nregion = us-east-1\n`
  );
}

/** A config of pre-2022 legacy SSO profiles only: sso_start_url in the profile, no sso_session. */
function legacyConfig(emu: RunningEmulator, accountId: string, role: string): string {
  return (
    `[profile dev]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\n` +
    `sso_account_id = ${accountId}\nsso_role_name = ${role}\nregion = us-east-1\n\n` +
    `[profile other]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\n` +
    `sso_account_id = ${accountId}\nsso_role_name = ${role}\n`
  );
}

const LEGACY_BOTO_SCRIPT = `
import json
import boto3
b = boto3.Session(profile_name='dev')
creds = b.get_credentials().get_frozen_credentials()
arn = b.client('sts', region_name='us-east-1').get_caller_identity()['Arn']
print(json.dumps({'accessKeyId': creds.access_key, 'arn': arn}))
`;
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { sandboxHome, ssoSessionSection, type SandboxHome } from '../support/sandbox-home';

describe('interop with botocore and the AWS CLI', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 3, autoApprove: true });
  });
  afterAll(() => emu.close());
  afterEach(() => h.cleanup());

  function baseEnv(): Record<string, string> {
    return {
      ...h.env,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
  }

  it.skipIf(!hasBoto3)(
    'botocore reads our token file and gets role credentials with it',
    async () => {
      h = await sandboxHome(emu, { session: false });
      const account = emu.organisation.accounts[0]!;
      await writeFile(h.configFile, profileConfig(emu, account.accountId, account.roles[0]!));
      await new SsoCore({ env: h.env }).login({ flow: 'device' });
      const token = JSON.parse(
        await readFile(tokenFilePath(join(h.home, '.aws', 'sso', 'cache'), 'emu'), 'utf8'),
      ) as { accessToken: string };
      const { stdout } = await run('python3', ['-c', BOTO_SCRIPT], {
        env: baseEnv(),
        timeout: 60_000,
      });
      const out = JSON.parse(stdout) as { tokenSha256: string; accessKeyId: string; arn: string };
      expect(out.tokenSha256).toBe(createHash('sha256').update(token.accessToken).digest('hex'));
      expect(emu.state().issuedAccessKeyIds).toContain(out.accessKeyId);
      expect(out.arn).toBe(
        `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
      );
    },
  );

  it.skipIf(!hasAws)('the AWS CLI uses our token for sts get-caller-identity', async () => {
    h = await sandboxHome(emu, { session: false });
    writeAwsCliEndpointOverrides(h.home, emu.url);
    const account = emu.organisation.accounts[1]!;
    await writeFile(h.configFile, profileConfig(emu, account.accountId, account.roles[0]!));
    await new SsoCore({ env: h.env }).login({ flow: 'device' });
    const { stdout } = await run(
      AWS,
      ['sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json'],
      { env: baseEnv(), timeout: 60_000 },
    );
    expect((JSON.parse(stdout) as { Arn: string }).Arn).toBe(
      `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
    );
  });

  it.skipIf(!hasAws)('SsoCore uses a token written by `aws sso login`', async () => {
    h = await sandboxHome(emu, { session: false });
    writeAwsCliEndpointOverrides(h.home, emu.url);
    const account = emu.organisation.accounts[2]!;
    await writeFile(h.configFile, profileConfig(emu, account.accountId, account.roles[0]!));
    await run(AWS, ['sso', 'login', '--sso-session', 'emu', '--no-browser'], {
      env: baseEnv(),
      timeout: 60_000,
    });
    const core = new SsoCore({ env: h.env });
    expect((await core.status('emu')).state).toBe('signed-in');
    expect(await core.listAccounts('emu')).toHaveLength(3);
    const creds = await core.getRoleCredentials('emu', account.accountId, account.roles[0]!);
    expect(emu.state().issuedAccessKeyIds).toContain(creds.accessKeyId);
  });

  it.skipIf(!hasBoto3)(
    'legacy SSO profiles: SSO Tray signs in to their start URL and botocore uses that token',
    async () => {
      h = await sandboxHome(emu, { session: false });
      const account = emu.organisation.accounts[0]!;
      const config = legacyConfig(emu, account.accountId, account.roles[0]!);
      await writeFile(h.configFile, config);
      const core = new SsoCore({ env: h.env });
      const [legacy, ...more] = await core.listSessions();
      expect(more).toEqual([]);
      expect(legacy).toMatchObject({ kind: 'legacy', profiles: ['dev', 'other'] });
      await core.login({ session: legacy!.name, flow: 'device' });
      // The token is where the AWS CLI keeps legacy tokens: the SHA-1 of the start URL.
      const cache = join(h.home, '.aws', 'sso', 'cache');
      expect(existsSync(tokenFilePath(cache, emu.startUrl))).toBe(true);
      expect(existsSync(tokenFilePath(cache, legacy!.name))).toBe(false);
      const { stdout } = await run('python3', ['-c', LEGACY_BOTO_SCRIPT], {
        env: baseEnv(),
        timeout: 60_000,
      });
      const out = JSON.parse(stdout) as { accessKeyId: string; arn: string };
      expect(emu.state().issuedAccessKeyIds).toContain(out.accessKeyId);
      expect(out.arn).toBe(
        `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
      );
      // Reading and signing in left the legacy profiles as they were.
      expect(await readFile(h.configFile, 'utf8')).toBe(config);
    },
  );

  it.skipIf(!hasAws)(
    'legacy SSO profiles: SsoCore uses the token of `aws sso login --profile P`',
    async () => {
      h = await sandboxHome(emu, { session: false });
      writeAwsCliEndpointOverrides(h.home, emu.url);
      const account = emu.organisation.accounts[1]!;
      await writeFile(h.configFile, legacyConfig(emu, account.accountId, account.roles[0]!));
      await run(AWS, ['sso', 'login', '--profile', 'dev', '--no-browser'], {
        env: baseEnv(),
        timeout: 60_000,
      });
      const core = new SsoCore({ env: h.env });
      const [legacy] = await core.listSessions();
      expect((await core.status(legacy!.name)).state).toBe('signed-in');
      const creds = await core.getRoleCredentials(
        legacy!.name,
        account.accountId,
        account.roles[0]!,
      );
      expect(emu.state().issuedAccessKeyIds).toContain(creds.accessKeyId);
    },
  );
});
