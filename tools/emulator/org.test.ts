import { describe, expect, it } from 'vitest';
import { generateOrganisation, prng, ROLE_NAMES } from './org';

describe('generateOrganisation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateOrganisation({ seed: 7, accounts: 50 });
    expect(generateOrganisation({ seed: 7, accounts: 50 })).toEqual(a);
    const b = generateOrganisation({ seed: 8, accounts: 50 });
    expect(b.startUrl).not.toBe(a.startUrl);
    expect(b.accounts.map((x) => x.accountId)).not.toEqual(a.accounts.map((x) => x.accountId));
  });

  it('defaults to 12 accounts, seed 1, a d-XXXXXXXXXX start URL and an example.com user', () => {
    const org = generateOrganisation();
    expect(org.accounts).toHaveLength(12);
    expect(org).toEqual(generateOrganisation({ seed: 1 }));
    expect(org.startUrl).toMatch(/^https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start$/);
    expect(org.userName).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    expect(org.accounts.some((a) => a.accountName === `Sandbox – ${org.displayName}`)).toBe(true);
  });

  it('gives unique 12-digit ids, unique names and emails, realistic names, for 10,000 accounts', () => {
    const org = generateOrganisation({ seed: 3, accounts: 10_000 });
    expect(org.accounts).toHaveLength(10_000);
    const ids = org.accounts.map((a) => a.accountId);
    for (const id of ids) expect(id).toMatch(/^\d{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(org.accounts.map((a) => a.accountName)).size).toBe(ids.length);
    expect(new Set(org.accounts.map((a) => a.emailAddress)).size).toBe(ids.length);
    for (const a of org.accounts) expect(a.emailAddress).toMatch(/^aws\+[a-z0-9-]+@example\.com$/);
    expect(org.accounts.map((a) => a.accountName)).toContain('Payments Production');
  });

  it('varies roles 1..6 per account by default, distinct within an account', () => {
    const org = generateOrganisation({ seed: 5, accounts: 300 });
    const counts = new Set(org.accounts.map((a) => a.roles.length));
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const a of org.accounts) {
      expect(new Set(a.roles).size).toBe(a.roles.length);
      for (const r of a.roles) expect(ROLE_NAMES).toContain(r);
    }
  });

  it('honours a fixed role count, beyond the known role names too', () => {
    expect(
      generateOrganisation({ accounts: 5, rolesPerAccount: 2 }).accounts.every(
        (a) => a.roles.length === 2,
      ),
    ).toBe(true);
    const many =
      generateOrganisation({ accounts: 1, rolesPerAccount: 15 }).accounts[0]?.roles ?? [];
    expect(many).toHaveLength(15);
    expect(new Set(many).size).toBe(15);
  });

  it('allows zero accounts', () => {
    expect(generateOrganisation({ accounts: 0 }).accounts).toEqual([]);
  });
});

describe('prng', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
