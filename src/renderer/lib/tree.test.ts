import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRows, createMatcher, indexAccounts, parentIndex, refMatches, rowsFor } from './tree';
import { sortAccounts } from '../../shared/account-order';

const accounts = indexAccounts([
  { accountId: '222222222222', accountName: 'Production', emailAddress: 'prod@example.com' },
  { accountId: '111111111111', accountName: 'development', emailAddress: 'dev@example.com' },
  { accountId: '333333333333', accountName: 'Sandbox', emailAddress: 'sandbox@corp.example' },
]);
const roles = {
  '222222222222': [
    { accountId: '222222222222', roleName: 'AdministratorAccess' },
    { accountId: '222222222222', roleName: 'ReadOnly' },
  ],
  '111111111111': [{ accountId: '111111111111', roleName: 'PowerUser' }],
};

describe('buildRows', () => {
  it('sorts accounts by name, case-insensitively, and shows roles only when expanded', () => {
    const rows = buildRows(accounts, roles, new Set(['222222222222']), '');
    expect(rows.map((r) => r.key)).toEqual([
      'a:111111111111',
      'a:222222222222',
      'r:222222222222:AdministratorAccess',
      'r:222222222222:ReadOnly',
      'a:333333333333',
    ]);
    expect(rows[1]).toMatchObject({
      level: 1,
      setSize: 3,
      posInSet: 2,
      expanded: true,
      roleCount: 2,
    });
    expect(rows[3]).toMatchObject({ level: 2, setSize: 2, posInSet: 2 });
  });

  it('finds accounts by name, id and email', () => {
    expect(buildRows(accounts, roles, new Set(), 'PROD').map((r) => r.key)).toEqual([
      'a:222222222222',
    ]);
    expect(buildRows(accounts, roles, new Set(), '3333').map((r) => r.key)).toEqual([
      'a:333333333333',
    ]);
    expect(buildRows(accounts, roles, new Set(), 'corp.example').map((r) => r.key)).toEqual([
      'a:333333333333',
    ]);
  });

  it('finds roles by name and expands their account with just the matching roles', () => {
    const rows = buildRows(accounts, roles, new Set(), 'readonly');
    expect(rows.map((r) => r.key)).toEqual(['a:222222222222', 'r:222222222222:ReadOnly']);
    expect(rows[1]).toMatchObject({ setSize: 1, posInSet: 1 });
  });

  it('combines terms across account and role', () => {
    const rows = buildRows(accounts, roles, new Set(), 'prod admin');
    expect(rows.map((r) => r.key)).toEqual([
      'a:222222222222',
      'r:222222222222:AdministratorAccess',
    ]);
    expect(buildRows(accounts, roles, new Set(), 'sandbox admin')).toEqual([]);
  });

  it('finds the parent of a role row', () => {
    const rows = buildRows(accounts, roles, new Set(['222222222222']), '');
    expect(parentIndex(rows, 3)).toBe(1);
    expect(parentIndex(rows, 4)).toBe(4);
  });
});

describe('refMatches', () => {
  it('matches favourites by role, account name, id', () => {
    const ref = { accountId: '222222222222', roleName: 'ReadOnly', accountName: 'Production' };
    expect(refMatches(ref, undefined, 'prod read')).toBe(true);
    expect(refMatches(ref, undefined, '2222')).toBe(true);
    expect(refMatches(ref, undefined, 'sandbox')).toBe(false);
  });
});

describe('createMatcher', () => {
  const alphabet = ['a', 'd', 'm', 'p', 'o', 'r', '1', '2', ' ', '.'];
  const word = fc
    .array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 6 })
    .map((cs) => cs.join(''));
  const org = fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }).map(String),
        name: word,
        email: word,
        roles: fc.option(fc.uniqueArray(word.filter(Boolean), { maxLength: 4 })),
      }),
      { selector: (a) => a.id, maxLength: 12 },
    )
    .map((list) => ({
      accounts: indexAccounts(
        list.map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: a.email })),
      ),
      roles: Object.fromEntries(
        list
          .filter((a) => a.roles !== null)
          .map((a) => [a.id, (a.roles ?? []).map((roleName) => ({ accountId: a.id, roleName }))]),
      ),
    }));

  it('gives the same rows as a fresh search while typing, deleting and retyping', () => {
    fc.assert(
      fc.property(org, fc.array(word, { minLength: 1, maxLength: 4 }), (o, words) => {
        const match = createMatcher();
        // Type each word character by character, then delete back to its first half.
        const queries: string[] = [];
        for (const w of words) {
          for (let i = 1; i <= w.length; i += 1) queries.push(w.slice(0, i).toUpperCase());
          queries.push(w.slice(0, Math.floor(w.length / 2)));
        }
        for (const q of queries) {
          const expanded = new Set<string>();
          const fresh = buildRows(o.accounts, o.roles, expanded, q);
          expect(rowsFor(o.accounts, match(o.accounts, o.roles, q), o.roles, expanded)).toEqual(
            fresh,
          );
        }
      }),
    );
  });

  it('remembers earlier searches and says null when nothing is filtered out', () => {
    const match = createMatcher();
    const first = match(accounts, roles, 'pro');
    expect(first?.map((m) => m.ia.account.accountId)).toEqual(['222222222222']);
    match(accounts, roles, 'prod');
    match(accounts, roles, '');
    expect(match(accounts, roles, 'PRO')).toBe(first);
    // Every account's email has "example": the rows are those of no search.
    expect(match(accounts, roles, 'example')).toBeNull();
    expect(match(accounts, roles, '   ')).toBeNull();
  });

  it('searches again when the roles change', () => {
    const match = createMatcher();
    expect(match(accounts, roles, 'power')?.map((m) => m.ia.account.accountId)).toEqual([
      '111111111111',
    ]);
    const more = {
      ...roles,
      '333333333333': [{ accountId: '333333333333', roleName: 'PowerUser' }],
    };
    expect(match(accounts, more, 'power')?.map((m) => m.ia.account.accountId)).toEqual([
      '111111111111',
      '333333333333',
    ]);
    expect(match(accounts, more, '')).toBeNull();
  });
});

describe('account order', () => {
  it('a list already in order (as main sends it) keeps it; any other is sorted', () => {
    const mk = (accountName: string, accountId: string) => ({
      accountName,
      accountId,
      emailAddress: `${accountId}@example.com`,
    });
    const list = [mk('b', '2'), mk('A', '3'), mk('a', '1'), mk('Team 10', '4'), mk('team 9', '5')];
    const sorted = sortAccounts(list);
    expect(sorted.map((a) => a.accountId)).toEqual(['1', '3', '2', '5', '4']);
    expect(list.map((a) => a.accountId)).toEqual(['2', '3', '1', '4', '5']);
    expect(indexAccounts(list).map((i) => i.account.accountId)).toEqual(['1', '3', '2', '5', '4']);
    expect(indexAccounts(sorted).map((i) => i.account)).toEqual(sorted);
  });
});
