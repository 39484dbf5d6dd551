// What main refuses to send the window: results and events that break the contract. The bulk
// shapes (accounts.list, the accounts event) are shape-checked; the rest goes through zod.
import { describe, expect, it } from 'vitest';
import { accountSchema } from '../../../shared/schemas';
import { checkEvent, checkResult } from './outbound';
import { wireAccountList } from '../../../shared/testing/fixtures';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';

describe('bulk account data (shape-checked, not regex-checked)', () => {
  // On the wire a role is its name, by account id; the window decodes the names into Role objects.
  const list = wireAccountList();

  it('sends a well-formed account list as it is', () => {
    expect(checkResult('accounts.list', list)).toEqual({ ok: true, value: list });
    const proto = JSON.parse('{"__proto__":["Admin"]}') as unknown;
    const odd = checkResult('accounts.list', { ...list, roles: proto });
    expect(odd).toEqual({ ok: true, value: { ...list, roles: proto } });
  });

  it('refuses an account list of the wrong shape, saying where without the value', () => {
    const bad: unknown[] = [
      { ...list, accounts: [{ accountId: 123456789012, accountName: 'P', emailAddress: '' }] },
      { ...list, accounts: [{ accountId: '123456789012', accountName: 'P' }] },
      { ...list, accounts: 'all' },
      // A role name that is not a string (the old object shape included).
      { ...list, roles: { '123456789012': [5] } },
      { ...list, roles: { '123456789012': [null] } },
      { ...list, roles: { '123456789012': [{ accountId: '123456789012', roleName: 'Admin' }] } },
      // Roles of an account that are not an array.
      { ...list, roles: { '123456789012': 'Admin' } },
      { ...list, roles: { '123456789012': { 0: 'Admin' } } },
      { ...list, roles: { '123456789012': null } },
      { ...list, roles: [] },
      { ...list, roles: 'Admin' },
      { ...list, roles: undefined },
      { ...list, fromCache: 'yes' },
      { ...list, updatedAt: -1 },
      { ...list, total: SECRET },
      { ...list, accounts: [{ accountId: SECRET, accountName: 5, emailAddress: SECRET }] },
      null,
      SECRET,
    ];
    for (const value of bad) {
      const checked = checkResult('accounts.list', value);
      expect(checked.ok, JSON.stringify(value)).toBe(false);
      if (!checked.ok) expect(checked.reason).not.toContain(SECRET);
    }
  });

  it('checks every field of the account schema, by its type', () => {
    const account = list.accounts[0]!;
    const fields = Object.keys(accountSchema.shape);
    expect(fields.sort()).toEqual(Object.keys(account).sort());
    for (const field of fields) {
      const missing: Record<string, unknown> = { ...account };
      delete missing[field];
      for (const bad of [missing, { ...account, [field]: 12 }, { ...account, [field]: null }]) {
        const checked = checkResult('accounts.list', { ...list, accounts: [bad] });
        expect(checked, field).toMatchObject({
          ok: false,
          reason: `accounts.0.${field}: not a string`,
        });
      }
    }
  });

  it('sends well-formed accounts events and refuses malformed ones', () => {
    const event = {
      session: 'work',
      accounts: list.accounts,
      roles: list.roles,
      progress: { rolesLoaded: 2, accounts: 2 },
      loading: false,
    };
    expect(checkEvent('accounts', event)).toEqual({ ok: true, value: event });
    const rolesOnly = checkEvent('accounts', { ...event, accounts: undefined, roles: {} });
    expect(rolesOnly).toEqual({ ok: true, value: { ...event, accounts: undefined, roles: {} } });
    if (rolesOnly.ok) expect('accounts' in (rolesOnly.value as object)).toBe(false);
    for (const bad of [
      { ...event, accounts: [{ accountId: '1' }] },
      { ...event, roles: { '123456789012': [5] } },
      { ...event, roles: { '123456789012': [{ roleName: 'Admin' }] } },
      { ...event, roles: { '123456789012': 'Admin' } },
      { ...event, roles: [] },
      { ...event, progress: { rolesLoaded: -1, accounts: 1 } },
      { ...event, session: 'bad\u0000name' },
      { ...event, error: { code: 'NOPE', message: 'x' } },
    ]) {
      expect(checkEvent('accounts', bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('results and events of the other channels (zod)', () => {
  it('refuses a result that does not match and says where, never the value', () => {
    const checked = checkResult('credentials.get', {
      accessKeyId: 1,
      secretAccessKey: SECRET,
      sessionToken: SECRET,
      expiration: 5,
    });
    expect(checked).toEqual({ ok: false, reason: 'accessKeyId: invalid_type' });
  });

  it('gives what the result schema yields (unknown fields left out, nothing as undefined)', () => {
    expect(checkResult('favourites.toggle', { favourite: true, token: SECRET })).toEqual({
      ok: true,
      value: { favourite: true },
    });
    expect(checkResult('auth.logout', null)).toEqual({ ok: true, value: undefined });
    expect(checkResult('auth.logout', { token: SECRET }).ok).toBe(false);
  });

  it('refuses events that do not match their schema', () => {
    const prompt = {
      type: 'prompt',
      session: 'work',
      flow: 'device',
      url: 'https://x.example.com/',
      userCode: 'ABCD-EFGH',
    };
    expect(checkEvent('auth', prompt)).toEqual({ ok: true, value: prompt });
    expect(checkEvent('auth', { ...prompt, url: 'javascript:alert(1)' }).ok).toBe(false);
    expect(checkEvent('auth', { type: 'bogus' }).ok).toBe(false);
    expect(checkEvent('notice', { level: 'info', message: '' }).ok).toBe(false);
    expect(checkEvent('navigate', { to: 'elsewhere' }).ok).toBe(false);
  });
});
