import { describe, expect, it } from 'vitest';
import { adminRoute, createControls, newCounters, OPERATIONS } from './admin';
import type { Req } from './http';
import { liveOptions } from './options';
import { generateOrganisation } from './org';
import { Store } from './store';
import { RateLimiter } from './token-bucket';

function setup() {
  const org = generateOrganisation({ seed: 3, accounts: 2 });
  const store = new Store(() => Date.now());
  const live = liveOptions({});
  const limiter = new RateLimiter(undefined);
  const counters = newCounters();
  const controls = createControls({ org, region: 'us-east-1', store, live, limiter, counters });
  const client = store.registerClient({
    clientName: 't',
    scopes: [],
    grantTypes: [],
    redirectUris: [],
  });
  const pending = () =>
    store.startDeviceAuthorization(client.clientId, org.startUrl, 600, 1, false).userCode;
  const call = (method: string, path: string, body?: unknown) => {
    const req: Req = {
      method,
      path,
      rawQuery: '',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from(
        body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
      ),
      requestId: 'r',
    };
    const reply = adminRoute(req, controls);
    return { status: reply.status, body: JSON.parse(reply.body) as Record<string, unknown> };
  };
  return { org, store, live, counters, controls, pending, call };
}

describe('the emulator admin routes', () => {
  it('GET state: every operation counted from 0, the issued key ids, no secrets', () => {
    const { call, counters, store } = setup();
    counters.calls.ListAccounts = 4;
    counters.throttled.ListAccounts = 1;
    const r = call('GET', '/_emulator/state');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual([
      'calls',
      'throttled',
      'failed',
      'issuedAccessKeyIds',
      'activeTokens',
    ]);
    expect(Object.keys(r.body.calls as object)).toEqual([...OPERATIONS]);
    expect(r.body).toMatchObject({ calls: { ListAccounts: 4 }, throttled: { ListAccounts: 1 } });
    for (const secret of store.issuedSecrets) expect(JSON.stringify(r.body)).not.toContain(secret);
  });

  it('GET organisation: start URL, region, user and accounts', () => {
    const { call, org } = setup();
    expect(call('GET', '/_emulator/organisation')).toEqual({
      status: 200,
      body: {
        startUrl: org.startUrl,
        region: 'us-east-1',
        userName: org.userName,
        accounts: org.accounts,
      },
    });
  });

  it('POST accounts/add, accounts/remove, roles/add and roles/remove change the organisation', () => {
    const { call, org } = setup();
    const ok = { status: 200, body: { ok: true } };
    expect(
      call('POST', '/_emulator/accounts/add', {
        accountId: '999999999999',
        accountName: 'New team',
        roles: ['Admin'],
      }),
    ).toEqual(ok);
    expect(org.accounts.at(-1)).toEqual({
      accountId: '999999999999',
      accountName: 'New team',
      emailAddress: 'aws+999999999999@example.com',
      roles: ['Admin'],
    });
    expect(
      call('POST', '/_emulator/roles/add', { accountId: '999999999999', roleName: 'Dev' }),
    ).toEqual(ok);
    expect(org.accounts.at(-1)?.roles).toEqual(['Admin', 'Dev']);
    expect(
      call('POST', '/_emulator/roles/remove', { accountId: '999999999999', roleName: 'Admin' }),
    ).toEqual(ok);
    expect(org.accounts.at(-1)?.roles).toEqual(['Dev']);
    const first = org.accounts[0]!.accountId;
    expect(call('POST', '/_emulator/accounts/remove', { accountId: first })).toEqual(ok);
    expect(org.accounts.map((a) => a.accountId)).not.toContain(first);
    // Refused, and nothing changes.
    const before = JSON.stringify(org.accounts);
    expect(
      call('POST', '/_emulator/accounts/add', { accountId: '999999999999', accountName: 'x' })
        .status,
    ).toBe(400);
    expect(call('POST', '/_emulator/accounts/remove', { accountId: first }).status).toBe(400);
    expect(call('POST', '/_emulator/roles/add', { accountId: '12', roleName: 'Dev' }).status).toBe(
      400,
    );
    expect(
      call('POST', '/_emulator/roles/remove', { accountId: '999999999999', roleName: 'Nope' })
        .status,
    ).toBe(400);
    expect(
      call('POST', '/_emulator/roles/add', { accountId: '999999999999', roleName: 'bad name' })
        .status,
    ).toBe(400);
    expect(JSON.stringify(org.accounts)).toBe(before);
  });

  it('POST approve and deny decide a pending code; unknown codes 404, no code 400', () => {
    const { call, pending, store } = setup();
    const a = pending();
    const d = pending();
    expect(call('POST', '/_emulator/approve', { userCode: a })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(store.pendingDeviceCode(a)?.status).toBe('approved');
    expect(call('POST', '/_emulator/deny', { userCode: d }).status).toBe(200);
    expect(store.pendingDeviceCode(d)?.status).toBe('denied');
    // An approved code cannot be denied afterwards.
    expect(call('POST', '/_emulator/deny', { userCode: a })).toEqual({
      status: 404,
      body: { ok: false, message: 'No pending device authorization with that user code' },
    });
    expect(call('POST', '/_emulator/approve', { userCode: 'ZZZZ-ZZZZ' }).status).toBe(404);
    expect(call('POST', '/_emulator/approve', {})).toEqual({
      status: 400,
      body: { message: 'userCode is required' },
    });
  });

  it('POST revoke ends every session', () => {
    const { call, store, live } = setup();
    store.signIn('c', live);
    expect(store.activeTokens()).toBe(1);
    expect(call('POST', '/_emulator/revoke').status).toBe(200);
    expect(store.activeTokens()).toBe(0);
  });

  it('POST configure changes live options and refuses bad values, changing nothing', () => {
    const { call, live } = setup();
    expect(call('POST', '/_emulator/configure', { latencyMs: 25, failRate: 0.5 }).status).toBe(200);
    expect(live).toMatchObject({ latencyMs: 25, failRate: 0.5 });
    expect(call('POST', '/_emulator/configure', { latencyMs: 1, failRate: 2 })).toEqual({
      status: 400,
      body: { message: 'failRate must be between 0 and 1' },
    });
    expect(live).toMatchObject({ latencyMs: 25, failRate: 0.5 });
    expect(call('POST', '/_emulator/configure', { autoApprove: 'yes' }).status).toBe(400);
  });

  it('bodies that are not a JSON object, and unknown endpoints', () => {
    const { call } = setup();
    for (const body of ['[1]', 'null', '{', '"x"']) {
      expect(call('POST', '/_emulator/configure', body), body).toEqual({
        status: 400,
        body: { message: 'The body must be a JSON object' },
      });
    }
    expect(call('POST', '/_emulator/nothing', {}).status).toBe(404);
    expect(call('GET', '/_emulator/revoke').status).toBe(404);
    expect(call('DELETE', '/_emulator/state').status).toBe(404);
  });
});
