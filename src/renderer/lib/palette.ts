// The quick pick's choices: one per role, found with the window's own search (./tree: the
// matcher of the accounts tree for the accounts, refMatches for the recents, as the window's
// Recent list uses it), recents first in the order they were used, then the tree's order. Only
// the first `limit` are built; `total` says how many there are.
import type { Account, Recent, Role } from '../../shared/schemas';
import { refMatches, type IndexedAccount, type Match } from './tree';

export interface PaletteOption {
  key: string;
  accountId: string;
  accountName: string;
  roleName: string;
  recent: boolean;
}

export interface PaletteOptions {
  options: PaletteOption[];
  /** Every role that matches, recents included. */
  total: number;
}

const keyOf = (accountId: string, roleName: string) => `${accountId}/${roleName}`;

/**
 * `matches` is what the window's matcher (createMatcher in ./tree) found for `query`: null when
 * nothing is filtered out.
 */
export function paletteOptions(
  accounts: readonly IndexedAccount[],
  byId: ReadonlyMap<string, Account>,
  roles: Readonly<Record<string, readonly Role[]>>,
  matches: readonly Match[] | null,
  recents: readonly Recent[],
  session: string,
  query: string,
  limit: number,
): PaletteOptions {
  const options: PaletteOption[] = [];
  const recentKeys = new Set<string>();
  for (const r of recents) {
    if (r.session !== session || !refMatches(r, byId.get(r.accountId), query)) continue;
    const key = keyOf(r.accountId, r.roleName);
    if (recentKeys.has(key)) continue;
    recentKeys.add(key);
    if (options.length < limit) {
      options.push({
        key,
        accountId: r.accountId,
        accountName: byId.get(r.accountId)?.accountName ?? r.accountName ?? '',
        roleName: r.roleName,
        recent: true,
      });
    }
  }
  let total = recentKeys.size;
  const count = matches === null ? accounts.length : matches.length;
  for (let i = 0; i < count; i += 1) {
    const m = matches === null ? null : (matches[i] as Match);
    const account = (m === null ? (accounts[i] as IndexedAccount) : m.ia).account;
    const list = m?.roles ?? roles[account.accountId];
    if (list === undefined) continue;
    for (const role of list) {
      const key = keyOf(account.accountId, role.roleName);
      if (recentKeys.has(key)) continue;
      total += 1;
      if (options.length < limit) {
        options.push({
          key,
          accountId: account.accountId,
          accountName: account.accountName,
          roleName: role.roleName,
          recent: false,
        });
      }
    }
  }
  return { options, total };
}
