// What changed between two listings of a session's accounts and roles: one rule for the window's
// banner, the notification and `sso-tray accounts --changes`. Roles are compared only for
// accounts whose roles both listings know (an account's roles may not have been loaded yet when
// a listing was saved); a new account's roles are new roles, a removed account's roles removed.
import { compareAccounts, compareRoleNames } from '../../../shared/account-order';
import type { ListingChanges } from '../../../shared/status-rules';

export interface Listing {
  updatedAt: number;
  accounts: ReadonlyArray<{ accountId: string; accountName: string }>;
  /** Role names (or roles) by account id, for the accounts whose roles are known. */
  roles: ReadonlyMap<string, ReadonlyArray<string | { roleName: string }>>;
}

const names = (list: ReadonlyArray<string | { roleName: string }>): string[] =>
  list.map((r) => (typeof r === 'string' ? r : r.roleName));

export function listingChanges(previous: Listing, next: Listing): ListingChanges {
  const before = new Map(previous.accounts.map((a) => [a.accountId, a]));
  const after = new Map(next.accounts.map((a) => [a.accountId, a]));
  const pick = (a: { accountId: string; accountName: string }) => ({
    accountId: a.accountId,
    accountName: a.accountName,
  });
  const addedAccounts = next.accounts.filter((a) => !before.has(a.accountId)).map(pick);
  const removedAccounts = previous.accounts.filter((a) => !after.has(a.accountId)).map(pick);
  const addedRoles: ListingChanges['addedRoles'] = [];
  const removedRoles: ListingChanges['removedRoles'] = [];

  for (const account of next.accounts) {
    const now = next.roles.get(account.accountId);
    if (now === undefined) continue;
    const isNew = !before.has(account.accountId);
    const then = previous.roles.get(account.accountId);
    if (!isNew && then === undefined) continue;
    const known = new Set(then === undefined ? [] : names(then));
    for (const roleName of names(now)) {
      if (!known.has(roleName)) addedRoles.push({ ...pick(account), roleName });
    }
  }
  for (const account of previous.accounts) {
    const then = previous.roles.get(account.accountId);
    if (then === undefined) continue;
    const gone = !after.has(account.accountId);
    const now = next.roles.get(account.accountId);
    if (!gone && now === undefined) continue;
    const kept = new Set(now === undefined ? [] : names(now));
    for (const roleName of names(then)) {
      if (!kept.has(roleName)) removedRoles.push({ ...pick(account), roleName });
    }
  }
  const byAccountThenRole = (
    a: { accountId: string; accountName: string; roleName: string },
    b: { accountId: string; accountName: string; roleName: string },
  ) => compareAccounts(a, b) || compareRoleNames(a.roleName, b.roleName);
  return {
    since: previous.updatedAt,
    addedAccounts: addedAccounts.sort(compareAccounts),
    removedAccounts: removedAccounts.sort(compareAccounts),
    addedRoles: addedRoles.sort(byAccountThenRole),
    removedRoles: removedRoles.sort(byAccountThenRole),
  };
}
