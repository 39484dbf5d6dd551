// Wire details every client relies on, checked with plain HTTP.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';

const OIDC_NS = 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ autoApprove: true, accounts: 3 });
});
afterAll(() => emu.close());

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function signIn(): Promise<{
  accessToken: string;
  clientSecret: string;
  refreshToken: string;
}> {
  const client = (await (
    await post('/client/register', { clientName: 'wire', clientType: 'public' })
  ).json()) as Record<string, string>;
  const ids = { clientId: client.clientId, clientSecret: client.clientSecret };
  const dev = (await (
    await post('/device_authorization', { ...ids, startUrl: emu.startUrl })
  ).json()) as Record<string, string>;
  const tok = (await (
    await post('/token', {
      ...ids,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: dev.deviceCode,
    })
  ).json()) as Record<string, string>;
  return {
    accessToken: tok.accessToken ?? '',
    refreshToken: tok.refreshToken ?? '',
    clientSecret: ids.clientSecret ?? '',
  };
}

function portal(path: string, token: string): Promise<Response> {
  return fetch(`${emu.url}${path}`, { headers: { 'x-amz-sso_bearer_token': token } });
}

describe('headers', () => {
  it('sends request id, date and content type on success and error, and the error type on errors', async () => {
    const ok = await fetch(`${emu.url}/_emulator/state`);
    const bad = await portal('/assignment/accounts', 'nope');
    for (const res of [ok, bad]) {
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(res.headers.get('date') ?? '')).not.toBeNaN();
      expect(res.headers.get('content-type')).toBe('application/json');
    }
    expect(bad.status).toBe(401);
    expect(bad.headers.get('x-amzn-errortype')).toMatch(
      /^UnauthorizedException:http:\/\/internal\.amazon\.com\/coral\//,
    );
    expect(await bad.json()).toEqual({ message: 'Session token not found or invalid' });
  });

  it('shapes OIDC errors as error/error_description with the coral namespace', async () => {
    const res = await post('/token', '{not json');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe(`InvalidRequestException:${OIDC_NS}`);
    const body = (await res.json()) as Record<string, string>;
    expect(body.error).toBe('invalid_request');
    expect(typeof body.error_description).toBe('string');
  });

  it('answers an unknown path with 404 and an error type', async () => {
    const res = await fetch(`${emu.url}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException/);
  });
});

describe('portal parameters', () => {
  it('rejects missing parameters, bad page sizes and bad page tokens with 400 InvalidRequestException', async () => {
    const { accessToken } = await signIn();
    const account = emu.organisation.accounts[0]?.accountId ?? '';
    for (const path of [
      '/assignment/roles',
      `/federation/credentials?account_id=${account}`,
      '/federation/credentials?role_name=ReadOnlyAccess',
      '/assignment/accounts?max_result=0',
      '/assignment/accounts?max_result=abc',
      '/assignment/accounts?next_token=garbage',
      `/assignment/roles?account_id=${account}&next_token=${Buffer.from('{"k":"accounts","o":1}').toString('base64url')}`,
    ]) {
      const res = await portal(path, accessToken);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('x-amzn-errortype'), path).toMatch(/^InvalidRequestException:/);
    }
  });

  it('needs the bearer token header', async () => {
    const res = await fetch(`${emu.url}/assignment/accounts`);
    expect(res.status).toBe(401);
  });

  it('uses configured lifetimes for new tokens and credentials', async () => {
    emu.configure({ tokenSeconds: 120, credentialSeconds: 240 });
    try {
      const client = (await (
        await post('/client/register', { clientName: 'w', clientType: 'public' })
      ).json()) as Record<string, string>;
      const ids = { clientId: client.clientId, clientSecret: client.clientSecret };
      const dev = (await (
        await post('/device_authorization', { ...ids, startUrl: emu.startUrl })
      ).json()) as Record<string, string>;
      const tok = (await (
        await post('/token', {
          ...ids,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: dev.deviceCode,
        })
      ).json()) as { accessToken: string; expiresIn: number };
      expect(tok.expiresIn).toBe(120);
      const a = emu.organisation.accounts[0];
      const before = Date.now();
      const res = await portal(
        `/federation/credentials?account_id=${a?.accountId}&role_name=${a?.roles[0]}`,
        tok.accessToken,
      );
      const { roleCredentials } = (await res.json()) as { roleCredentials: { expiration: number } };
      expect(roleCredentials.expiration).toBeGreaterThanOrEqual(before + 240_000 - 1000);
      expect(roleCredentials.expiration).toBeLessThanOrEqual(Date.now() + 240_000);
    } finally {
      emu.configure({ tokenSeconds: 28800, credentialSeconds: 3600 });
    }
  });
});

describe('token expiry', () => {
  let short: RunningEmulator;
  beforeAll(async () => {
    short = await startTestEmulator({ autoApprove: true, tokenSeconds: 1 });
  });
  afterAll(() => short.close());

  it('rejects an expired access token with 401, while its refresh token still works', async () => {
    const p = (path: string, body: unknown) =>
      fetch(`${short.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const client = (await (
      await p('/client/register', { clientName: 'w', clientType: 'public' })
    ).json()) as Record<string, string>;
    const ids = { clientId: client.clientId, clientSecret: client.clientSecret };
    const dev = (await (
      await p('/device_authorization', { ...ids, startUrl: short.startUrl })
    ).json()) as Record<string, string>;
    const tok = (await (
      await p('/token', {
        ...ids,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: dev.deviceCode,
      })
    ).json()) as Record<string, string>;
    await sleep(1100);
    const res = await fetch(`${short.url}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': tok.accessToken ?? '' },
    });
    expect(res.status).toBe(401);
    expect(short.state().activeTokens).toBe(0);
    const refreshed = await p('/token', {
      ...ids,
      grantType: 'refresh_token',
      refreshToken: tok.refreshToken,
    });
    expect(refreshed.status).toBe(200);
  });
});

describe('pages', () => {
  it('shows a code field without user_code and refuses an unknown code', async () => {
    const entry = await fetch(`${emu.url}/device`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await entry.text()).toMatch(/<input[^>]+name="user_code"/);
    const unknown = await fetch(`${emu.url}/device?user_code=ZZZZ-ZZZZ`);
    expect(unknown.status).toBe(404);
    const approve = await fetch(`${emu.url}/device/approve`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: 'ZZZZ-ZZZZ' }),
    });
    expect(approve.status).toBe(400);
  });

  it('escapes what it echoes', async () => {
    const res = await fetch(
      `${emu.url}/device?user_code=${encodeURIComponent('<script>x</script>')}`,
    );
    expect(await res.text()).not.toContain('<script>');
  });

  it('redirects /authorize without PKCE back with error=invalid_request', async () => {
    const client = (await (
      await post('/client/register', { clientName: 'w', clientType: 'public' })
    ).json()) as Record<string, string>;
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId ?? '',
      redirect_uri: 'http://localhost:5000/cb',
      state: 'xyz',
    });
    const res = await fetch(`${emu.url}/authorize?${q.toString()}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.origin).toBe('http://localhost:5000');
    expect(loc.searchParams.get('error')).toBe('invalid_request');
    expect(loc.searchParams.get('state')).toBe('xyz');
  });
});

describe('admin API', () => {
  it('approve and deny answer 404 for unknown codes and 400 without one', async () => {
    expect((await post('/_emulator/approve', { userCode: 'ZZZZ-ZZZZ' })).status).toBe(404);
    expect((await post('/_emulator/deny', {})).status).toBe(400);
    expect(() => emu.approve('ZZZZ-ZZZZ')).toThrow();
  });

  it('never exposes secrets in state', async () => {
    const { accessToken, refreshToken, clientSecret } = await signIn();
    const a = emu.organisation.accounts[0];
    const res = await portal(
      `/federation/credentials?account_id=${a?.accountId}&role_name=${a?.roles[0]}`,
      accessToken,
    );
    const { roleCredentials } = (await res.json()) as {
      roleCredentials: { secretAccessKey: string; sessionToken: string; accessKeyId: string };
    };
    const state = await (await fetch(`${emu.url}/_emulator/state`)).text();
    for (const secret of [
      accessToken,
      refreshToken,
      clientSecret,
      roleCredentials.secretAccessKey,
      roleCredentials.sessionToken,
    ]) {
      expect(state).not.toContain(secret);
    }
    expect(state).toContain(roleCredentials.accessKeyId);
  });

  it('binds to 127.0.0.1', () => {
    expect(new URL(emu.url).hostname).toBe('127.0.0.1');
  });
});
