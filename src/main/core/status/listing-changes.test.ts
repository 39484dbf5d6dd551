import { describe, expect, it } from 'vitest';
import { listingChanges, type Listing } from './listing-changes';
import { changesSummary, hasChanges } from '../../../shared/status-rules';

const acc = (id: string, name: string) => ({ accountId: id.padStart(12, '0'), accountName: name });
const A = acc('1', 'Alpha');
const B = acc('2', 'Beta');
const C = acc('3', 'Gamma');
const listing = (
  accounts: Listing['accounts'],
  roles: Record<string, string[]>,
  updatedAt = 100,
): Listing => ({
  updatedAt,
  accounts,
  roles: new Map(Object.entries(roles).map(([k, v]) => [k.padStart(12, '0'), v])),
});

describe('listingChanges', () => {
  it('nothing changed: no changes and an empty summary', () => {
    const l = listing([A, B], { '1': ['Admin'], '2': ['Dev'] });
    const c = listingChanges(l, listing([B, A], { '2': ['Dev'], '1': ['Admin'] }, 200));
    expect(hasChanges(c)).toBe(false);
    expect(changesSummary(c)).toBe('');
    expect(c.since).toBe(100);
  });

  it('finds added and removed accounts and roles, in display order', () => {
    const prev = listing([A, B], { '1': ['Admin', 'ReadOnly'], '2': ['Dev'] });
    const next = listing([A, C], { '1': ['Admin', 'Billing', 'Audit'], '3': ['Dev'] });
    expect(listingChanges(prev, next)).toEqual({
      since: 100,
      addedAccounts: [C],
      removedAccounts: [B],
      addedRoles: [
        { ...A, roleName: 'Audit' },
        { ...A, roleName: 'Billing' },
        { ...C, roleName: 'Dev' },
      ],
      removedRoles: [
        { ...A, roleName: 'ReadOnly' },
        { ...B, roleName: 'Dev' },
      ],
    });
  });

  it('compares roles only where both listings know them', () => {
    // Beta's roles were not loaded in the previous listing; Alpha's are not loaded in the new one.
    const prev = listing([A, B], { '1': ['Admin'] });
    const next = listing([A, B], { '2': ['Dev'] });
    expect(hasChanges(listingChanges(prev, next))).toBe(false);
  });

  it('words the summary: "3 new roles in 2 accounts", singular and plural, every kind', () => {
    const prev = listing([A, B], { '1': ['Admin'], '2': ['Dev'] });
    const three = listingChanges(
      prev,
      listing([A, B], { '1': ['Admin', 'X', 'Y'], '2': ['Dev', 'Z'] }),
    );
    expect(changesSummary(three)).toBe('3 new roles in 2 accounts');
    const one = listingChanges(prev, listing([A, B], { '1': ['Admin', 'X'], '2': ['Dev'] }));
    expect(changesSummary(one)).toBe('1 new role in 1 account');
    const all = listingChanges(prev, listing([A, C], { '1': [], '3': ['Dev'] }));
    expect(changesSummary(all)).toBe(
      '1 new account, 1 new role in 1 account, 1 account removed, 2 roles removed from 2 accounts',
    );
  });
});
