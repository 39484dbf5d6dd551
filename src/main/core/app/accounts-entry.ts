// What the accounts service keeps in memory for one session (its accounts in display order, the
// roles known of each, the listing under way) and the shapes the window and the tray get of it.
import type { AccountList } from '../../../shared/ipc-views';
import { sortAccounts } from '../../../shared/account-order';
import type { Account, Role } from '../../../shared/schemas';
import type { CachedAccounts } from './accounts-cache';

export interface SessionAccounts {
  accounts: Account[];
  roles: Map<string, Role[]>;
  /** Accounts whose roles were fetched by the last or the running listing (not the cache). */
  fresh: Set<string>;
  updatedAt: number | null;
  fromCache: boolean;
  loading: Promise<void> | null;
  /** Real time of the last completed revalidation, to avoid refetching on every list call. */
  revalidatedAt: number | null;
  generation: number;
  /** What stopped the last background load, until the next one starts. */
  failure: unknown;
}

/** Every account of a session and the roles of each, from one complete listing. */
export interface CompleteListing {
  accounts: Account[];
  roles: ReadonlyMap<string, Role[]>;
}

/** A session's entry before its first listing this run: the cached list, else nothing. */
export function entryFromCache(cached: CachedAccounts | undefined): SessionAccounts {
  return {
    accounts: sortAccounts(cached?.accounts ?? []),
    roles: cached?.roles ?? new Map(),
    fresh: new Set(),
    updatedAt: cached?.updatedAt ?? null,
    fromCache: cached !== undefined,
    loading: null,
    revalidatedAt: null,
    generation: 0,
    failure: undefined,
  };
}

/** A copy of what the entry holds, for a caller that keeps it while listings go on. */
export function completeListing(entry: SessionAccounts): CompleteListing {
  return { accounts: [...entry.accounts], roles: new Map(entry.roles) };
}

/** The window and the tray receive roles as names per account (the wire shape, see shared/ipc-views.ts). */
export const roleNames = (roles: readonly Role[]): string[] => roles.map((r) => r.roleName);

/** How far the roles of a listing are, as the `accounts` events carry it. */
export function listingProgress(entry: SessionAccounts): { rolesLoaded: number; accounts: number } {
  return { rolesLoaded: entry.roles.size, accounts: entry.accounts.length };
}

/** The entry as `accounts.list` answers it: all of it, or the first `first` accounts. */
export function accountsView(entry: SessionAccounts, first?: number): AccountList {
  const roles: Record<string, string[]> = {};
  const accounts =
    first === undefined || first >= entry.accounts.length
      ? entry.accounts
      : entry.accounts.slice(0, first);
  if (accounts === entry.accounts) {
    for (const [accountId, list] of entry.roles) roles[accountId] = roleNames(list);
  } else {
    for (const { accountId } of accounts) {
      const list = entry.roles.get(accountId);
      if (list !== undefined) roles[accountId] = roleNames(list);
    }
  }
  return {
    total: entry.accounts.length,
    accounts,
    roles,
    fromCache: entry.fromCache,
    updatedAt: entry.updatedAt,
    loading: entry.loading !== null,
  };
}
