// The order accounts and roles are shown in, everywhere (window, tray, CLI): accounts by name as
// people read it (case- and accent-insensitive, numbers by value), then by id; an account's roles
// by name the same way. Main sends lists in this order so the window only has to check it.
import type { Account, Role } from './schemas';

// One collator for every comparison: `localeCompare` with options builds one per call, which
// takes seconds for 10,000 accounts. Built on the first comparison, not when the module loads:
// building it loads the ICU collation data, which costs a command that never sorts (a cached
// `credential-process`) about a quarter of Node's own start.
let collator: Intl.Collator | undefined;
function names(): Intl.Collator {
  return (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
}

/** What the order looks at (the tray's accounts carry no e-mail address). */
type Ordered = Pick<Account, 'accountName' | 'accountId'>;

export function compareAccounts(a: Ordered, b: Ordered): number {
  return (
    names().compare(a.accountName, b.accountName) ||
    (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
  );
}

/** Role names as people read them; names that differ only in case or accents by code unit. */
export function compareRoleNames(a: string, b: string): number {
  return names().compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A sorted copy (the input is left as it is). */
export function sortAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort(compareAccounts);
}

/** An account's roles in display order, as a sorted copy. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => compareRoleNames(a.roleName, b.roleName));
}

/** `sorted` (in order) with the accounts of `page` merged in: one pass instead of a new sort. */
export function mergeAccounts(sorted: readonly Account[], page: readonly Account[]): Account[] {
  const add = sortAccounts(page);
  const out: Account[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length && j < add.length) {
    const a = sorted[i] as Account;
    const b = add[j] as Account;
    if (compareAccounts(a, b) <= 0) {
      out.push(a);
      i += 1;
    } else {
      out.push(b);
      j += 1;
    }
  }
  while (i < sorted.length) out.push(sorted[i++] as Account);
  while (j < add.length) out.push(add[j++] as Account);
  return out;
}
