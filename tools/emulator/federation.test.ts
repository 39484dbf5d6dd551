import { describe, expect, it } from 'vitest';
import type { Ctx } from './context';
import { consoleHome, federation, federationOp } from './federation';
import type { Req } from './http';
import { liveOptions } from './options';
import { generateOrganisation } from './org';
import { Store } from './store';

function setup() {
  let now = 1_700_000_000_000;
  const org = generateOrganisation({ seed: 5, accounts: 2 });
  const store = new Store(() => now);
  const ctx: Ctx = {
    url: 'http://127.0.0.1:1234',
    org,
    accountsById: new Map(org.accounts.map((a) => [a.accountId, a])),
    store,
    options: liveOptions({}),
    now: () => now,
  };
  const account = org.accounts[0];
  if (account === undefined) throw new Error('no account');
  const roleName = account.roles[0] ?? '';
  const creds = store.issueRoleCredentials(account.accountId, roleName, 3600);
  const get = (path: string, params: Record<string, string>) => {
    const query = new URLSearchParams(params);
    const req: Req = {
      method: 'GET',
      path,
      rawQuery: query.toString(),
      query,
      headers: {},
      body: Buffer.alloc(0),
      requestId: 'r',
    };
    return path === '/console' ? consoleHome(ctx, req) : federation(ctx, req);
  };
  const session = (
    over: Partial<Record<'sessionId' | 'sessionKey' | 'sessionToken', string>> = {},
  ) =>
    JSON.stringify({
      sessionId: creds.accessKeyId,
      sessionKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
      ...over,
    });
  return {
    ctx,
    store,
    account,
    roleName,
    creds,
    get,
    session,
    advance: (ms: number) => (now += ms),
  };
}

describe('the federation endpoint', () => {
  it('gives a sign-in token for credentials it issued, and login shows the account and role', () => {
    const t = setup();
    const r = t.get('/federation', { Action: 'getSigninToken', Session: t.session() });
    expect(r.status).toBe(200);
    const token = (JSON.parse(r.body) as { SigninToken: string }).SigninToken;
    expect(token.length).toBeGreaterThan(20);
    expect(t.store.issuedSecrets).toContain(token);

    const login = t.get('/federation', {
      Action: 'login',
      Issuer: 'https://example.com/start',
      Destination: 'https://console.aws.amazon.com/ec2/home?region=eu-west-1',
      SigninToken: token,
    });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.Location ?? '');
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:1234/console');
    const page = t.get('/console', { session: location.searchParams.get('session') ?? '' });
    expect(page.status).toBe(200);
    expect(page.body).toContain(t.account.accountId);
    expect(page.body).toContain(`data-testid="role">${t.roleName}<`);
    expect(page.body).toContain('https://console.aws.amazon.com/ec2/home?region=eu-west-1');
  });

  it('refuses unknown, mismatched and expired credentials with HTTP 400 and no token', () => {
    const t = setup();
    const refused: Array<Record<string, string>> = [
      { Action: 'getSigninToken', Session: t.session({ sessionId: 'ASIAUNKNOWN000000000' }) },
      { Action: 'getSigninToken', Session: t.session({ sessionKey: 'wrong' }) },
      { Action: 'getSigninToken', Session: t.session({ sessionToken: 'wrong' }) },
      { Action: 'getSigninToken', Session: '{not json' },
      { Action: 'getSigninToken', Session: '{"sessionId":1}' },
      { Action: 'getSigninToken', Session: t.session(), SessionDuration: '60' },
      { Action: 'nope' },
    ];
    for (const params of refused) {
      const r = t.get('/federation', params);
      expect(r.status, JSON.stringify(params).slice(0, 80)).toBe(400);
      expect(r.body).not.toContain('SigninToken');
    }
    t.advance(3600 * 1000);
    const expired = t.get('/federation', { Action: 'getSigninToken', Session: t.session() });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatch(/expired/);
  });

  it('expireRoleCredentials ends credentials already issued', () => {
    const t = setup();
    t.store.expireRoleCredentials();
    expect(t.get('/federation', { Action: 'getSigninToken', Session: t.session() }).status).toBe(
      400,
    );
  });

  it('login refuses an unknown or expired token and a Destination that is not https', () => {
    const t = setup();
    const ok = t.get('/federation', { Action: 'getSigninToken', Session: t.session() });
    const token = (JSON.parse(ok.body) as { SigninToken: string }).SigninToken;
    const dest = 'https://console.aws.amazon.com/';
    expect(
      t.get('/federation', { Action: 'login', Destination: dest, SigninToken: 'x' }).status,
    ).toBe(400);
    expect(
      t.get('/federation', {
        Action: 'login',
        Destination: 'javascript:alert(1)',
        SigninToken: token,
      }).status,
    ).toBe(400);
    t.advance(15 * 60 * 1000);
    const late = t.get('/federation', { Action: 'login', Destination: dest, SigninToken: token });
    expect(late.status).toBe(400);
    expect(late.body).toMatch(/expired/);
    expect(t.get('/console', { session: 'unknown' }).status).toBe(403);
  });

  it('counts the two actions as their own operations', () => {
    const q = (a: string) => ({ query: new URLSearchParams({ Action: a }) }) as unknown as Req;
    expect(federationOp(q('getSigninToken'))).toBe('GetSigninToken');
    expect(federationOp(q('login'))).toBe('FederationLogin');
  });
});
