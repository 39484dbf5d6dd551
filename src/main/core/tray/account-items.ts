// The tray menu's accounts: every account of the active session in the window's order, nested
// in groups so that no level holds more than the cap (10,000 accounts stay usable), each
// account's roles built only when its submenu is first read (./lazy-item.ts).
import { compareAccounts, compareRoleNames } from '../../../shared/account-order';
import { LazyItem } from './lazy-item';
import type { TrayMenuItem } from './menu-item';
import { roleMenu } from './role-items';
import type { TrayAccount, TrayState } from './state';

/** Accounts in the order the window shows them; main already sends them so, which one pass checks. */
function inDisplayOrder(accounts: readonly TrayAccount[]): readonly TrayAccount[] {
  for (let i = 1; i < accounts.length; i++) {
    if (compareAccounts(accounts[i - 1] as TrayAccount, accounts[i] as TrayAccount) > 0) {
      return [...accounts].sort(compareAccounts);
    }
  }
  return accounts;
}

function accountLabel(account: TrayAccount): string {
  return account.accountName ? `${account.accountName} (${account.accountId})` : account.accountId;
}

/** Shortest prefix of `name` that sorts differently from `neighbour` (at least one char). */
function distinctPrefix(name: string, neighbour: string | undefined): string {
  if (neighbour === undefined) return name.slice(0, 1);
  const a = name.toLowerCase();
  const b = neighbour.toLowerCase();
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const prefix = name.slice(0, Math.min(name.length, i + 1));
  return prefix.length > 20 ? `${prefix.slice(0, 19)}…` : prefix;
}

interface Group<T> {
  items: T[];
}

/**
 * Splits `items` (already sorted) into nested groups so that no level exceeds `cap` entries:
 * chunk sizes are powers of the cap, so 10,000 accounts become 7 groups of up to 1,600, each
 * of up to 40 groups of 40.
 */
function chunk<T>(items: readonly T[], cap: number): Group<T>[] {
  let size = cap;
  while (Math.ceil(items.length / size) > cap) size *= cap;
  const groups: Group<T>[] = [];
  for (let i = 0; i < items.length; i += size) groups.push({ items: items.slice(i, i + size) });
  return groups;
}

function groupedMenu<T>(
  items: readonly T[],
  cap: number,
  name: (item: T) => string,
  id: (item: T) => string,
  leaf: (item: T) => TrayMenuItem,
  idPrefix: string,
): TrayMenuItem[] {
  if (items.length <= cap) return items.map(leaf);
  const groups = chunk(items, cap);
  return groups.map((group, index) => {
    const first = group.items[0] as T;
    const last = group.items[group.items.length - 1] as T;
    const prevLast = groups[index - 1]?.items.at(-1);
    const nextFirst = groups[index + 1]?.items[0];
    let from = distinctPrefix(name(first), prevLast === undefined ? undefined : name(prevLast));
    let to = distinctPrefix(name(last), nextFirst === undefined ? undefined : name(nextFirst));
    // The ends of the whole list have no neighbour: match the other end's precision.
    if (prevLast === undefined) from = name(first).slice(0, Math.max(1, to.length));
    if (nextFirst === undefined) to = name(last).slice(0, Math.max(1, from.length));
    const groupId = `${idPrefix}/${id(first)}..${id(last)}`;
    return {
      id: groupId,
      label: from === to ? from : `${from} – ${to}`,
      type: 'submenu',
      submenu: groupedMenu(group.items, cap, name, id, leaf, groupId),
    };
  });
}

/** The "Accounts" submenu's items: grouped accounts, each with its roles. */
function accountsSubmenu(state: TrayState, session: string, favourites: Set<string>, cap: number) {
  const sorted = inDisplayOrder(state.accounts);
  const roleItems = (account: TrayAccount, id: string): TrayMenuItem[] => {
    if (account.roles === undefined) {
      return [{ id: `${id}/loading`, label: 'Loading roles…', enabled: false }];
    }
    if (account.roles.length === 0) {
      return [{ id: `${id}/none`, label: 'No roles', enabled: false }];
    }
    const roles = [...account.roles].sort(compareRoleNames);
    return groupedMenu(
      roles,
      cap,
      (r) => r,
      (r) => r,
      (roleName) =>
        roleMenu(
          'accounts',
          { session, accountId: account.accountId, roleName },
          roleName,
          state,
          favourites,
          true,
        ),
      id,
    );
  };
  const leaf = (account: TrayAccount): TrayMenuItem => {
    const id = `accounts/${session}/${account.accountId}`;
    return new LazyItem({ id, label: accountLabel(account), source: account, build: roleItems });
  };
  return groupedMenu(
    sorted,
    cap,
    (a) => a.accountName || a.accountId,
    (a) => a.accountId,
    leaf,
    `accounts/${session}`,
  );
}

/** "Accounts" (and "Refresh") while signed in; a disabled "Accounts" otherwise. */
export function accountItems(
  state: TrayState,
  session: string | null,
  favouriteKeys: Set<string>,
  signedIn: boolean,
  cap: number,
): TrayMenuItem[] {
  if (signedIn && session !== null) {
    const submenu =
      state.accounts.length > 0
        ? accountsSubmenu(state, session, favouriteKeys, cap)
        : [
            {
              id: 'accounts/empty',
              label: state.accountsLoading ? 'Loading accounts…' : 'No accounts',
              enabled: false,
            },
          ];
    return [
      { id: 'accounts', label: 'Accounts', type: 'submenu', submenu },
      { id: 'refresh', label: 'Refresh', action: { kind: 'refresh' } },
    ];
  }
  return [{ id: 'accounts', label: 'Accounts', type: 'submenu', enabled: false, submenu: [] }];
}
