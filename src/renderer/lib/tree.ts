// The account tree as flat rows, ready for a virtual list: accounts (level 1) and, below an
// expanded or role-matching account, its roles (level 2). Search haystacks are lower-cased once
// per list, so filtering 10,000 accounts on every keystroke is a cheap scan.
import { compareAccounts } from '../../shared/account-order';
import type { Account, Role } from '../../shared/schemas';

export interface IndexedAccount {
  account: Account;
  /** name, id and email, lower case. */
  hay: string;
}

export function indexAccounts(accounts: readonly Account[]): IndexedAccount[] {
  const indexed = accounts.map((account) => ({
    account,
    hay: `${account.accountName}\n${account.accountId}\n${account.emailAddress}`.toLowerCase(),
  }));
  // Main sends the list in this order already: one pass to check it costs far less than a sort.
  for (let i = 1; i < indexed.length; i += 1) {
    if (
      compareAccounts(
        (indexed[i - 1] as IndexedAccount).account,
        (indexed[i] as IndexedAccount).account,
      ) > 0
    ) {
      return indexed.sort((a, b) => compareAccounts(a.account, b.account));
    }
  }
  return indexed;
}

// Lower-case role names, once per role list (lists are replaced, never changed in place).
const roleHays = new WeakMap<readonly Role[], string[]>();
function roleHay(list: readonly Role[]): string[] {
  let hay = roleHays.get(list);
  if (hay === undefined) {
    hay = list.map((r) => r.roleName.toLowerCase());
    roleHays.set(list, hay);
  }
  return hay;
}

export type TreeRow =
  | {
      kind: 'account';
      key: string;
      account: Account;
      expanded: boolean;
      /** Number of roles when known. */
      roleCount: number | undefined;
      level: 1;
      setSize: number;
      posInSet: number;
    }
  | {
      kind: 'role';
      key: string;
      account: Account;
      role: Role;
      level: 2;
      setSize: number;
      posInSet: number;
    };

function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** An account the search keeps. */
export interface Match {
  ia: IndexedAccount;
  /** The roles that complete the match, or null when the account's own text matches every term. */
  roles: readonly Role[] | null;
}

/**
 * Every term must appear in the account (name, id, email) or in the role name. An account whose
 * own text matches every term is kept with all its roles; otherwise it is kept with just the roles
 * that complete the match. `within` limits the scan to the matches of a query this one extends.
 */
function matchAccounts(
  accounts: readonly IndexedAccount[],
  roles: Readonly<Record<string, readonly Role[]>>,
  terms: readonly string[],
  within?: readonly Match[],
): Match[] {
  const out: Match[] = [];
  const n = terms.length;
  const missing: string[] = [];
  const scan = within ?? accounts;
  for (let i = 0; i < scan.length; i += 1) {
    const item = scan[i] as IndexedAccount | Match;
    const ia = 'ia' in item ? item.ia : item;
    missing.length = 0;
    for (let t = 0; t < n; t += 1) {
      const term = terms[t] as string;
      if (!ia.hay.includes(term)) missing.push(term);
    }
    if (missing.length === 0) {
      out.push({ ia, roles: null });
      continue;
    }
    const list = roles[ia.account.accountId];
    if (list === undefined) continue;
    const hay = roleHay(list);
    let matching: Role[] | null = null;
    for (let r = 0; r < hay.length; r += 1) {
      const name = hay[r] as string;
      let all = true;
      for (const term of missing) {
        if (!name.includes(term)) {
          all = false;
          break;
        }
      }
      if (all) (matching ??= []).push(list[r] as Role);
    }
    if (matching !== null) out.push({ ia, roles: matching });
  }
  return out;
}

/** The searches a matcher remembers (per account list and roles). */
const MATCHER_MEMORY = 16;

/**
 * `matchAccounts` with a memory: a query searched before (typing again after deleting) is not
 * searched again, and a query that extends a remembered one (typing on) scans only what matched
 * that one. Returns null when nothing is filtered out: no terms, or every account matches on its
 * own (then the rows are those of no search).
 */
export function createMatcher() {
  let source: {
    accounts: readonly IndexedAccount[];
    roles: Readonly<Record<string, readonly Role[]>>;
  } | null = null;
  /** Most recent last. */
  let memory: Array<{ query: string; matches: Match[] | null }> = [];
  return (
    accounts: readonly IndexedAccount[],
    roles: Readonly<Record<string, readonly Role[]>>,
    query: string,
  ): Match[] | null => {
    if (source === null || source.accounts !== accounts || source.roles !== roles) {
      source = { accounts, roles };
      memory = [];
    }
    const q = query.toLowerCase();
    const terms = searchTerms(q);
    if (terms.length === 0) return null;
    // Every term of a query that starts with an earlier one contains a term of that one, so
    // whatever matches it matched the earlier one too.
    let within: { query: string; matches: Match[] | null } | undefined;
    for (const m of memory) {
      if (m.query === q) return m.matches;
      if (q.startsWith(m.query) && (within === undefined || m.query.length > within.query.length))
        within = m;
    }
    const found = matchAccounts(accounts, roles, terms, within?.matches ?? undefined);
    const matches =
      found.length === accounts.length && found.every((m) => m.roles === null) ? null : found;
    memory.push({ query: q, matches });
    if (memory.length > MATCHER_MEMORY) memory.shift();
    return matches;
  };
}

/**
 * Lower-cases the role names of `lists` ahead of the first search, from index `from` until
 * `deadline()` says stop; returns the index to continue from (lists.length when done).
 */
export function prepareRoleSearch(
  lists: readonly (readonly Role[])[],
  from: number,
  deadline: () => boolean,
): number {
  let i = from;
  while (i < lists.length) {
    roleHay(lists[i] as readonly Role[]);
    i += 1;
    if (i % 200 === 0 && deadline()) break;
  }
  return i;
}

/**
 * The rows to show: every account (with its roles when expanded) when `matches` is null (no
 * search), else the matching accounts, expanded when roles complete their match.
 */
export function rowsFor(
  accounts: readonly IndexedAccount[],
  matches: readonly Match[] | null,
  roles: Readonly<Record<string, readonly Role[]>>,
  expanded: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const setSize = matches === null ? accounts.length : matches.length;
  for (let i = 0; i < setSize; i += 1) {
    const m = matches === null ? null : (matches[i] as Match);
    const ia = m === null ? (accounts[i] as IndexedAccount) : m.ia;
    const account = ia.account;
    const id = account.accountId;
    const all = roles[id];
    const open = m?.roles != null || expanded.has(id);
    rows.push({
      kind: 'account',
      key: `a:${id}`,
      account,
      expanded: open,
      roleCount: all?.length,
      level: 1,
      setSize,
      posInSet: i + 1,
    });
    const shown = m?.roles ?? all;
    if (open && shown !== undefined) {
      for (let j = 0; j < shown.length; j += 1) {
        const role = shown[j] as Role;
        rows.push({
          kind: 'role',
          key: `r:${id}:${role.roleName}`,
          account,
          role,
          level: 2,
          setSize: shown.length,
          posInSet: j + 1,
        });
      }
    }
  }
  return rows;
}

export function buildRows(
  accounts: readonly IndexedAccount[],
  roles: Readonly<Record<string, readonly Role[]>>,
  expanded: ReadonlySet<string>,
  query: string,
): TreeRow[] {
  const terms = searchTerms(query);
  const matches = terms.length === 0 ? null : matchAccounts(accounts, roles, terms);
  return rowsFor(accounts, matches, roles, expanded);
}

/** Index of the parent account row of a role row (or the row itself for an account). */
export function parentIndex(rows: readonly TreeRow[], index: number): number {
  for (let i = index; i >= 0; i -= 1) if (rows[i]?.kind === 'account') return i;
  return index;
}

/** Whether a favourite/recent matches the search (same rule as the tree). */
export function refMatches(
  ref: { accountId: string; roleName: string; accountName?: string | undefined },
  account: Account | undefined,
  query: string,
): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  const hay = [
    ref.accountId,
    ref.roleName,
    account?.accountName ?? ref.accountName ?? '',
    account?.emailAddress ?? '',
  ]
    .join('\n')
    .toLowerCase();
  return terms.every((t) => hay.includes(t));
}
