// boto3/botocore drive the emulator (test/emulator/botocore_conformance.py prints what it saw).
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { createSandboxHome, type SandboxHome } from '../support/sandbox-home';

const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!hasBoto3) console.warn('botocore conformance skipped: python3 with boto3 is not installed');

interface ErrorSeen {
  code: string | null;
  status: number;
}

interface Results {
  register: { issuedAtIsSeconds: boolean; secretExpiresInDays: number };
  device: {
    verificationUri: string;
    verificationUriComplete: string;
    userCode: string;
    interval: number;
    expiresIn: number;
    pending: ErrorSeen;
    slowDown: ErrorSeen;
    token: { tokenType: string; expiresIn: number; hasRefreshToken: boolean };
  };
  denied: ErrorSeen;
  invalidClient: ErrorSeen;
  refresh: { newAccessToken: boolean; hasRefreshToken: boolean; bogus: ErrorSeen };
  pkce: { status: number; state: string; token: boolean; wrongVerifier: ErrorSeen };
  portal: {
    pages: number;
    accountIds: string[];
    roles: string[];
    expirationMs: number;
    accessKeyId: string;
    badPageSize: ErrorSeen;
    unknownRole: ErrorSeen;
    badToken: ErrorSeen;
  };
  sts: {
    arn: string;
    account: string;
    userId: string;
    wrongSecret: ErrorSeen;
    unknownKey: ErrorSeen;
  };
  provider: { method: string; expiresInMinutes: number | null; arn: string };
  throttled: ErrorSeen;
  failed: { portal: ErrorSeen; oidc: ErrorSeen };
  afterLogout: ErrorSeen;
  afterRevoke: ErrorSeen;
}

describe.skipIf(!hasBoto3)('botocore / boto3 against the emulator', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let r: Results;
  let startedAt: number;

  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 12, rolesPerAccount: 3 });
    // No AWS_ENDPOINT_URL_*: the script is given the emulator's URL and sets them itself.
    h = await createSandboxHome({ prefix: 'emu-botocore-' });
    startedAt = Date.now();
    // Asynchronous: the emulator runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(
      'python3',
      [join(import.meta.dirname, 'botocore_conformance.py'), emu.url],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ...h.env,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    r = JSON.parse(out) as Results;
  });
  afterAll(async () => {
    await emu.close();
    await h.cleanup();
  });

  it('registers clients with second-based timestamps', () => {
    expect(r.register).toEqual({ issuedAtIsSeconds: true, secretExpiresInDays: 90 });
  });

  it('runs the device flow: pending, slow_down, then a token with a refresh token', () => {
    expect(r.device.verificationUri).toBe(`${emu.url}/device`);
    expect(r.device.verificationUriComplete).toBe(
      `${emu.url}/device?user_code=${r.device.userCode}`,
    );
    expect(r.device).toMatchObject({ interval: 1, expiresIn: 600 });
    expect(r.device.pending).toEqual({ code: 'AuthorizationPendingException', status: 400 });
    expect(r.device.slowDown).toEqual({ code: 'SlowDownException', status: 400 });
    expect(r.device.token).toEqual({
      tokenType: 'Bearer',
      expiresIn: 28800,
      hasRefreshToken: true,
    });
    expect(r.denied).toEqual({ code: 'AccessDeniedException', status: 400 });
    expect(r.invalidClient).toEqual({ code: 'InvalidClientException', status: 401 });
  });

  it('refreshes, and rejects an unknown refresh token', () => {
    expect(r.refresh).toEqual({
      newAccessToken: true,
      hasRefreshToken: true,
      bogus: { code: 'InvalidGrantException', status: 400 },
    });
  });

  it('completes authorization code + PKCE and rejects a wrong verifier', () => {
    expect(r.pkce).toEqual({
      status: 302,
      state: 'st-1',
      token: true,
      wrongVerifier: { code: 'InvalidGrantException', status: 400 },
    });
  });

  it('paginates accounts and roles to the end and gets credentials expiring in an hour (ms)', () => {
    expect(r.portal.pages).toBe(3);
    expect(r.portal.accountIds).toEqual(emu.organisation.accounts.map((a) => a.accountId));
    expect(r.portal.roles).toEqual(emu.organisation.accounts[0]?.roles);
    expect(r.portal.expirationMs).toBeGreaterThanOrEqual(startedAt + 3600_000 - 5000);
    expect(r.portal.expirationMs).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(r.portal.accessKeyId).toMatch(/^ASIA/);
    expect(r.portal.badPageSize).toEqual({ code: 'InvalidRequestException', status: 400 });
    expect(r.portal.unknownRole).toEqual({ code: 'ForbiddenException', status: 403 });
    expect(r.portal.badToken).toEqual({ code: 'UnauthorizedException', status: 401 });
  });

  it('verifies SigV4 on STS: accepts issued credentials, rejects a wrong secret or key', () => {
    const account = emu.organisation.accounts[0];
    expect(r.sts.account).toBe(account?.accountId);
    expect(r.sts.arn).toBe(
      `arn:aws:sts::${account?.accountId}:assumed-role/${account?.roles[0]}/${emu.userName}`,
    );
    expect(r.sts.userId.endsWith(`:${emu.userName}`)).toBe(true);
    expect(r.sts.wrongSecret).toEqual({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(r.sts.unknownKey).toEqual({ code: 'InvalidClientTokenId', status: 403 });
  });

  it("botocore's SSO credential provider reads the millisecond expiration as a date an hour ahead", () => {
    expect(r.provider.method).toBe('sso');
    expect(r.provider.expiresInMinutes).toBe(60);
    expect(r.provider.arn).toBe(r.sts.arn);
  });

  it('sees 429 under the rate limit and 500 with failRate 1', () => {
    expect(r.throttled).toEqual({ code: 'TooManyRequestsException', status: 429 });
    expect(r.failed.portal).toEqual({ code: 'InternalServerException', status: 500 });
    expect(r.failed.oidc).toEqual({ code: 'InternalServerException', status: 500 });
  });

  it('gets 401 after logout and after revoke', () => {
    expect(r.afterLogout).toEqual({ code: 'UnauthorizedException', status: 401 });
    expect(r.afterRevoke).toEqual({ code: 'UnauthorizedException', status: 401 });
  });
});
