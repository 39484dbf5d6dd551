// The order accounts are shown in, everywhere (window, tray): by name as people read it
// (case- and accent-insensitive, numbers by value), then by id. Main sends lists in this order so
// the window only has to check it.
import type { Account } from './model';

// One collator for every comparison: `localeCompare` with options builds one per call, which
// takes seconds for 10,000 accounts.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareAccounts(a: Account, b: Account): number {
  return (
    collator.compare(a.accountName, b.accountName) ||
    (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
  );
}

/** A sorted copy (the input is left as it is). */
export function sortAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort(compareAccounts);
}
