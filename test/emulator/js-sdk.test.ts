// The official JS SDK clients drive every emulator operation and error over the wire.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
  paginateListAccounts,
  paginateListAccountRoles,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type EmulatorOptions, type RunningEmulator } from '../support/emulator';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

interface Clients {
  oidc: SSOOIDCClient;
  sso: SSOClient;
}

function clients(emu: RunningEmulator, maxAttempts = 1): Clients {
  const common = { region: emu.region, endpoint: emu.url, maxAttempts };
  return { oidc: new SSOOIDCClient(common), sso: new SSOClient(common) };
}

async function register(
  c: Clients,
  extra: { grantTypes?: string[]; redirectUris?: string[] } = {},
) {
  const r = await c.oidc.send(
    new RegisterClientCommand({
      clientName: 'js-sdk-test',
      clientType: 'public',
      scopes: ['sso:account:access'],
      ...extra,
    }),
  );
  return { clientId: r.clientId ?? '', clientSecret: r.clientSecret ?? '', raw: r };
}

/** Signs in with the device flow, approving through the programmatic hook. */
async function signIn(emu: RunningEmulator, c: Clients) {
  const client = await register(c);
  const dev = await c.oidc.send(
    new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.startUrl }),
  );
  emu.approve(dev.userCode ?? '');
  const tok = await c.oidc.send(
    new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
  );
  return { client, accessToken: tok.accessToken ?? '', refreshToken: tok.refreshToken ?? '' };
}

/** The rejection of a promise, for asserting on SDK error fields. */
async function failure(
  p: Promise<unknown>,
): Promise<{ name: string; status?: number; error?: string; fault?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as {
      name: string;
      error?: string;
      $fault?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      name: err.name,
      status: err.$metadata?.httpStatusCode,
      error: err.error,
      fault: err.$fault,
    };
  }
  throw new Error('expected the call to fail');
}

async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startTestEmulator({ ...options });
}

describe('SSO OIDC with the JS SDK', () => {
  let emu: RunningEmulator;
  let c: Clients;
  beforeAll(async () => {
    emu = await start();
    c = clients(emu);
  });
  afterAll(() => emu.close());

  it('registers a client with second-based timestamps', async () => {
    const { raw } = await register(c);
    const nowS = Date.now() / 1000;
    expect(raw.clientId).toBeTruthy();
    expect(raw.clientSecret).toBeTruthy();
    expect(raw.clientIdIssuedAt).toBeGreaterThan(nowS - 60);
    expect(raw.clientIdIssuedAt).toBeLessThan(nowS + 60);
    expect(raw.clientSecretExpiresAt).toBeGreaterThan(nowS + 80 * 24 * 3600);
    expect(raw.clientSecretExpiresAt).toBeLessThan(nowS + 100 * 24 * 3600);
  });

  it('rejects a non-public client type', async () => {
    const f = await failure(
      c.oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
    );
    expect(f).toMatchObject({
      name: 'InvalidClientMetadataException',
      status: 400,
      error: 'invalid_client_metadata',
    });
  });

  it('device flow: pending, then approved through the approval page, with a refresh token', async () => {
    const client = await register(c);
    const dev = await c.oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.startUrl }),
    );
    expect(dev.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(dev.verificationUri).toBe(`${emu.url}/device`);
    expect(dev.verificationUriComplete).toBe(`${emu.url}/device?user_code=${dev.userCode}`);
    expect(dev).toMatchObject({ expiresIn: 600, interval: 1 });

    const pending = await failure(
      c.oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
      ),
    );
    expect(pending).toMatchObject({
      name: 'AuthorizationPendingException',
      status: 400,
      error: 'authorization_pending',
    });

    const page = await fetch(dev.verificationUriComplete ?? '');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(dev.userCode);
    expect(html).toMatch(/>Approve</);
    expect(html).toMatch(/>Deny</);
    const approved = await fetch(`${emu.url}/device/approve`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: dev.userCode ?? '' }),
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('You can close this window');

    await sleep(1000); // respect the polling interval
    const tok = await c.oidc.send(
      new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
    );
    expect(tok.tokenType).toBe('Bearer');
    expect(tok.expiresIn).toBe(28800);
    expect(tok.accessToken).toBeTruthy();
    expect(tok.refreshToken).toBeTruthy();

    // A device code is redeemed once.
    const again = await failure(
      c.oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
      ),
    );
    expect(again.name).toBe('InvalidGrantException');
  });

  it('answers slow_down when polled faster than the interval', async () => {
    const client = await register(c);
    const dev = await c.oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.startUrl }),
    );
    const poll = () =>
      c.oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
      );
    expect((await failure(poll())).name).toBe('AuthorizationPendingException');
    expect(await failure(poll())).toMatchObject({
      name: 'SlowDownException',
      status: 400,
      error: 'slow_down',
    });
  });

  it('answers access_denied after the user denies', async () => {
    const client = await register(c);
    const dev = await c.oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.startUrl }),
    );
    emu.deny(dev.userCode ?? '');
    const f = await failure(
      c.oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
      ),
    );
    expect(f).toMatchObject({ name: 'AccessDeniedException', status: 400, error: 'access_denied' });
    expect(() => emu.approve(dev.userCode ?? '')).toThrow(/No pending/);
  });

  it('rejects an unknown client and a wrong secret with 401 InvalidClientException', async () => {
    const client = await register(c);
    const unknown = await failure(
      c.oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: 'nope',
          clientSecret: 'x',
          startUrl: emu.startUrl,
        }),
      ),
    );
    expect(unknown).toMatchObject({
      name: 'InvalidClientException',
      status: 401,
      error: 'invalid_client',
    });
    const wrong = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: `${client.clientSecret}x`,
          grantType: 'refresh_token',
          refreshToken: 'r',
        }),
      ),
    );
    expect(wrong).toMatchObject({ name: 'InvalidClientException', status: 401 });
  });

  it('refresh grant issues new tokens; a revoked refresh token is an invalid grant', async () => {
    const { client, accessToken, refreshToken } = await signIn(emu, c);
    const refreshed = await c.oidc.send(
      new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken }),
    );
    expect(refreshed.accessToken).toBeTruthy();
    expect(refreshed.accessToken).not.toBe(accessToken);
    expect(refreshed.refreshToken).toBeTruthy();
    const accounts = await c.sso.send(
      new ListAccountsCommand({ accessToken: refreshed.accessToken }),
    );
    expect(accounts.accountList?.length).toBeGreaterThan(0);

    const bogus = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'refresh_token',
          refreshToken: 'not-a-token',
        }),
      ),
    );
    expect(bogus).toMatchObject({
      name: 'InvalidGrantException',
      status: 400,
      error: 'invalid_grant',
    });

    emu.revoke();
    const revoked = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'refresh_token',
          refreshToken: refreshed.refreshToken,
        }),
      ),
    );
    expect(revoked.name).toBe('InvalidGrantException');
  });

  it('rejects an unsupported grant type', async () => {
    const client = await register(c);
    const f = await failure(
      c.oidc.send(new CreateTokenCommand({ ...client, grantType: 'password' })),
    );
    expect(f).toMatchObject({ name: 'UnsupportedGrantTypeException', status: 400 });
  });
});

describe('device code expiry', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ deviceCodeSeconds: 1 });
  });
  afterAll(() => emu.close());

  it('answers expired_token once the device code has expired', async () => {
    const c = clients(emu);
    const client = await register(c);
    const dev = await c.oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.startUrl }),
    );
    expect(dev.expiresIn).toBe(1);
    await sleep(1100);
    const f = await failure(
      c.oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }),
      ),
    );
    expect(f).toMatchObject({ name: 'ExpiredTokenException', status: 400, error: 'expired_token' });
  });
});

describe('authorization code with PKCE', () => {
  const verifier = randomBytes(48).toString('base64url'); // 64 chars of [A-Za-z0-9-_]
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:49152/oauth/callback';
  let emu: RunningEmulator;
  let c: Clients;
  beforeAll(async () => {
    emu = await start({ autoApprove: true });
    c = clients(emu);
  });
  afterAll(() => emu.close());

  async function pkceClient() {
    // As the AWS CLI registers it: no port in the redirect URI.
    return register(c, {
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
    });
  }

  function authorizeUrl(clientId: string, state: string, uri = redirectUri): string {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: uri,
      state,
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: challenge,
    });
    return `${emu.url}/authorize?${q.toString()}`;
  }

  async function authorizeCode(clientId: string, state: string): Promise<string> {
    const res = await fetch(authorizeUrl(clientId, state), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe(state);
    return location.searchParams.get('code') ?? '';
  }

  it('redirects to the loopback port with code and state, and the code buys tokens once', async () => {
    const client = await pkceClient();
    const code = await authorizeCode(client.clientId, 'state-1');
    expect(code).toBeTruthy();
    const tok = await c.oidc.send(
      new CreateTokenCommand({
        ...client,
        grantType: 'authorization_code',
        code,
        redirectUri,
        codeVerifier: verifier,
      }),
    );
    expect(tok.accessToken).toBeTruthy();
    expect(tok.refreshToken).toBeTruthy();
    const reuse = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code,
          redirectUri,
          codeVerifier: verifier,
        }),
      ),
    );
    expect(reuse.name).toBe('InvalidGrantException');
  });

  it('rejects a wrong verifier and a different redirect URI', async () => {
    const client = await pkceClient();
    const code1 = await authorizeCode(client.clientId, 's');
    const wrong = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code: code1,
          redirectUri,
          codeVerifier: `${verifier.slice(1)}A`,
        }),
      ),
    );
    expect(wrong).toMatchObject({
      name: 'InvalidGrantException',
      status: 400,
      error: 'invalid_grant',
    });
    const code2 = await authorizeCode(client.clientId, 's');
    const otherUri = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code: code2,
          redirectUri: 'http://127.0.0.1:49153/oauth/callback',
          codeVerifier: verifier,
        }),
      ),
    );
    expect(otherUri.name).toBe('InvalidGrantException');
  });

  it('refuses unknown clients and non-loopback redirect URIs without redirecting', async () => {
    const client = await pkceClient();
    const unknown = await fetch(authorizeUrl('nope', 's'), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    const evil = await fetch(
      authorizeUrl(client.clientId, 's', 'https://evil.example.com/oauth/callback'),
      { redirect: 'manual' },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  it('without auto-approve shows a consent page whose Approve and Deny redirect back', async () => {
    emu.configure({ autoApprove: false });
    try {
      const client = await pkceClient();
      const consent = async (action: 'approve' | 'deny', state: string) => {
        const page = await fetch(authorizeUrl(client.clientId, state), { redirect: 'manual' });
        expect(page.status).toBe(200);
        const html = await page.text();
        const id = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
        expect(id).toBeTruthy();
        const res = await fetch(`${emu.url}/authorize/${action}`, {
          method: 'POST',
          body: new URLSearchParams({ request: id }),
          redirect: 'manual',
        });
        expect(res.status).toBe(302);
        return new URL(res.headers.get('location') ?? '').searchParams;
      };
      const denied = await consent('deny', 'd');
      expect(denied.get('error')).toBe('access_denied');
      expect(denied.get('state')).toBe('d');
      const approved = await consent('approve', 'a');
      expect(approved.get('state')).toBe('a');
      const tok = await c.oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code: approved.get('code') ?? '',
          redirectUri,
          codeVerifier: verifier,
        }),
      );
      expect(tok.accessToken).toBeTruthy();
    } finally {
      emu.configure({ autoApprove: true });
    }
  });
});

describe('SSO portal with the JS SDK', () => {
  let emu: RunningEmulator;
  let c: Clients;
  beforeAll(async () => {
    emu = await start({ accounts: 12, rolesPerAccount: 3, autoApprove: true });
    c = clients(emu);
  });
  afterAll(() => emu.close());

  it('paginates accounts across pages and ends with an explicit null nextToken', async () => {
    const { accessToken } = await signIn(emu, c);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts(
      { client: c.sso, pageSize: 5 },
      { accessToken },
    )) {
      pages++;
      for (const a of page.accountList ?? []) seen.push(a.accountId ?? '');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(emu.organisation.accounts.map((a) => a.accountId));

    const headers = { 'x-amz-sso_bearer_token': accessToken };
    const first = (await (
      await fetch(`${emu.url}/assignment/accounts?max_result=10`, { headers })
    ).json()) as { nextToken: string };
    expect(typeof first.nextToken).toBe('string');
    const last = await fetch(
      `${emu.url}/assignment/accounts?max_result=10&next_token=${encodeURIComponent(first.nextToken)}`,
      { headers },
    );
    const lastBody = (await last.json()) as Record<string, unknown>;
    expect('nextToken' in lastBody).toBe(true);
    expect(lastBody.nextToken).toBeNull();
    // Default page size 20 holds all 12 accounts in one page.
    const all = (await (await fetch(`${emu.url}/assignment/accounts`, { headers })).json()) as {
      accountList: unknown[];
      nextToken: unknown;
    };
    expect(all.accountList).toHaveLength(12);
    expect(all.nextToken).toBeNull();
  });

  it('lists roles with pagination and rejects max_result out of range', async () => {
    const { accessToken } = await signIn(emu, c);
    const account = emu.organisation.accounts[0];
    if (!account) throw new Error('no account');
    const roles: string[] = [];
    for await (const page of paginateListAccountRoles(
      { client: c.sso, pageSize: 2 },
      { accessToken, accountId: account.accountId },
    )) {
      for (const r of page.roleList ?? []) {
        expect(r.accountId).toBe(account.accountId);
        roles.push(r.roleName ?? '');
      }
    }
    expect(roles).toEqual(account.roles);
    const bad = await failure(
      c.sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 })),
    );
    expect(bad).toMatchObject({ name: 'InvalidRequestException', status: 400 });
  });

  it('issues role credentials whose expiration is epoch milliseconds', async () => {
    const { accessToken } = await signIn(emu, c);
    const account = emu.organisation.accounts[1];
    if (!account) throw new Error('no account');
    const before = Date.now();
    const r = await c.sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: account.accountId,
        roleName: account.roles[0],
      }),
    );
    const creds = r.roleCredentials;
    expect(creds?.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds?.secretAccessKey).toHaveLength(40);
    expect(creds?.sessionToken).toBeTruthy();
    expect(creds?.expiration).toBeGreaterThanOrEqual(before + 3600 * 1000 - 1000);
    expect(creds?.expiration).toBeLessThanOrEqual(Date.now() + 3600 * 1000);
    const state = emu.state();
    expect(state.issuedAccessKeyIds).toContain(creds?.accessKeyId);
    expect(JSON.stringify(state)).not.toContain(creds?.secretAccessKey);
    expect(JSON.stringify(state)).not.toContain(creds?.sessionToken);
    expect(JSON.stringify(state)).not.toContain(accessToken);
  });

  it('answers 403 ForbiddenException for an unknown role or account', async () => {
    const { accessToken } = await signIn(emu, c);
    const account = emu.organisation.accounts[0];
    if (!account) throw new Error('no account');
    const role = await failure(
      c.sso.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: account.accountId,
          roleName: 'NoSuchRole',
        }),
      ),
    );
    expect(role).toMatchObject({ name: 'ForbiddenException', status: 403 });
    const acct = await failure(
      c.sso.send(new ListAccountRolesCommand({ accessToken, accountId: '000000000000' })),
    );
    expect(acct).toMatchObject({ name: 'ForbiddenException', status: 403 });
  });

  it('answers 401 UnauthorizedException after logout and after revoke', async () => {
    const a = await signIn(emu, c);
    const b = await signIn(emu, c);
    await c.sso.send(new LogoutCommand({ accessToken: a.accessToken }));
    const afterLogout = await failure(
      c.sso.send(new ListAccountsCommand({ accessToken: a.accessToken })),
    );
    expect(afterLogout).toMatchObject({ name: 'UnauthorizedException', status: 401 });
    // Logout ends the session: its refresh token no longer works either.
    const refresh = await failure(
      c.oidc.send(
        new CreateTokenCommand({
          ...a.client,
          grantType: 'refresh_token',
          refreshToken: a.refreshToken,
        }),
      ),
    );
    expect(refresh.name).toBe('InvalidGrantException');
    // The other session is untouched until revoke.
    await c.sso.send(new ListAccountsCommand({ accessToken: b.accessToken }));
    const res = await fetch(`${emu.url}/_emulator/revoke`, { method: 'POST' });
    expect(res.status).toBe(200);
    const afterRevoke = await failure(
      c.sso.send(new ListAccountsCommand({ accessToken: b.accessToken })),
    );
    expect(afterRevoke).toMatchObject({ name: 'UnauthorizedException', status: 401 });
    expect(emu.state().activeTokens).toBe(0);
  });
});

describe('faults', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ autoApprove: true });
  });
  afterAll(() => emu.close());

  it('throttles beyond the rate limit with 429 TooManyRequestsException and Retry-After', async () => {
    const c = clients(emu, 1);
    const { accessToken } = await signIn(emu, c);
    emu.configure({ rateLimit: 1 });
    try {
      await c.sso.send(new ListAccountsCommand({ accessToken }));
      const f = await failure(c.sso.send(new ListAccountsCommand({ accessToken })));
      expect(f).toMatchObject({ name: 'TooManyRequestsException', status: 429 });
      const raw = await fetch(`${emu.url}/assignment/accounts`, {
        headers: { 'x-amz-sso_bearer_token': accessToken },
      });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(raw.headers.get('x-amzn-errortype')).toMatch(/^TooManyRequestsException:/);
      expect(emu.state().throttled.ListAccounts).toBe(2);
      // Other operations have their own bucket; the admin API is never throttled.
      await c.sso.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: emu.organisation.accounts[0]?.accountId,
          roleName: emu.organisation.accounts[0]?.roles[0],
        }),
      );
      for (let i = 0; i < 5; i++)
        expect((await fetch(`${emu.url}/_emulator/state`)).status).toBe(200);
    } finally {
      emu.configure({ rateLimit: 0 });
    }
  });

  it('answers 500 InternalServerException with failRate 1, and counts it', async () => {
    const c = clients(emu, 1);
    const { accessToken } = await signIn(emu, c);
    const res = await fetch(`${emu.url}/_emulator/configure`, {
      method: 'POST',
      body: JSON.stringify({ failRate: 1 }),
    });
    expect(res.status).toBe(200);
    try {
      const portal = await failure(c.sso.send(new ListAccountsCommand({ accessToken })));
      expect(portal).toMatchObject({
        name: 'InternalServerException',
        status: 500,
        fault: 'server',
      });
      const oidc = await failure(
        c.oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' })),
      );
      expect(oidc).toMatchObject({
        name: 'InternalServerException',
        status: 500,
        error: 'server_error',
      });
      expect(emu.state().failed.ListAccounts).toBe(1);
    } finally {
      emu.configure({ failRate: 0 });
    }
  });

  it('rejects bad configuration over the admin API', async () => {
    const res = await fetch(`${emu.url}/_emulator/configure`, {
      method: 'POST',
      body: JSON.stringify({ failRate: 2 }),
    });
    expect(res.status).toBe(400);
  });
});

describe('STS GetCallerIdentity with the JS SDK', () => {
  let emu: RunningEmulator;
  let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  let account: { accountId: string; roles: string[] };
  beforeAll(async () => {
    emu = await start({ autoApprove: true });
    const c = clients(emu);
    const { accessToken } = await signIn(emu, c);
    const first = emu.organisation.accounts[3];
    if (!first) throw new Error('no account');
    account = first;
    const r = await c.sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: account.accountId,
        roleName: account.roles[0],
      }),
    );
    creds = {
      accessKeyId: r.roleCredentials?.accessKeyId ?? '',
      secretAccessKey: r.roleCredentials?.secretAccessKey ?? '',
      sessionToken: r.roleCredentials?.sessionToken ?? '',
    };
  });
  afterAll(() => emu.close());

  const sts = (credentials: typeof creds) =>
    new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

  it('accepts a request signed with the issued credentials', async () => {
    const r = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(r.Account).toBe(account.accountId);
    expect(r.Arn).toBe(
      `arn:aws:sts::${account.accountId}:assumed-role/${account.roles[0]}/${emu.userName}`,
    );
    expect(r.UserId).toMatch(new RegExp(`^AROA[A-Z2-7]{17}:${emu.userName.replace('.', '\\.')}$`));
    expect(emu.state().calls.GetCallerIdentity).toBe(1);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const f = await failure(
      sts({ ...creds, secretAccessKey: `${creds.secretAccessKey.slice(1)}A` }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(f).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  it('rejects an unknown key or a wrong session token with InvalidClientTokenId', async () => {
    const unknown = await failure(
      sts({ ...creds, accessKeyId: 'ASIAUNKNOWNUNKNOWN22' }).send(new GetCallerIdentityCommand({})),
    );
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    const token = await failure(
      sts({ ...creds, sessionToken: 'other' }).send(new GetCallerIdentityCommand({})),
    );
    expect(token).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });

  it('rejects unsigned requests', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
