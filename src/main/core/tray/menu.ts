// state -> tray menu description. Electron turns it into a native menu, the web host into JSON
// a test can click. Ids are stable across rebuilds and unique within one menu, so a test (or an
// accessibility tool) can address an item by id or by its label path.
import { compareAccounts, compareRoleNames } from '../../../shared/account-order';
import { envFormatsFor, MORE_FORMATS, platformEnvFormat } from '../../../shared/credential-formats';
import type { Platform, RoleTarget, TrayAction } from './actions';
import type { TrayAccount, TrayRoleRef, TraySession, TrayState } from './state';
import { LazyItem } from './lazy-item';
import { formatTimeLeft } from './time-left';
import type { UpdateStatus } from '../../../shared/updates';

export interface TrayMenuItem {
  id: string;
  label: string;
  type?: 'normal' | 'separator' | 'submenu' | 'header';
  enabled?: boolean;
  checked?: boolean;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

/** No menu level holds more items than this (native menus become unusable beyond ~40). */
export const DEFAULT_MENU_CAP = 40;

export interface BuildMenuOptions {
  cap?: number;
}

const separator = (id: string): TrayMenuItem => ({ id, label: '', type: 'separator' });
const header = (id: string, label: string): TrayMenuItem => ({
  id,
  label,
  type: 'header',
  enabled: false,
});

export function sessionStatusLabel(session: TraySession | undefined, now: number): string {
  if (session === undefined || session.status === 'signed-out') return 'Signed out';
  if (session.status === 'signing-in') return `Signing in to ${session.name}…`;
  if (session.status === 'expired') return `Sign-in to ${session.name} expired`;
  if (session.expiresAt === undefined) return `Signed in to ${session.name}`;
  const left = session.expiresAt - now;
  if (left <= 0) return `Sign-in to ${session.name} expired`;
  return `Signed in to ${session.name} · ${formatTimeLeft(left)} left`;
}

export function isSignedIn(session: TraySession | undefined, now: number): boolean {
  return (
    session !== undefined &&
    session.status === 'signed-in' &&
    (session.expiresAt === undefined || session.expiresAt > now)
  );
}

/** The actions under one role, the user's platform's copy format first. */
export function roleActions(
  idPrefix: string,
  target: RoleTarget,
  platform: Platform,
  isFavourite: boolean,
  endpoint = false,
): TrayMenuItem[] {
  const copies = envFormatsFor(platform).map<TrayMenuItem>((format) => ({
    id: `${idPrefix}/copy-${format.id}`,
    label: `Copy for ${format.shortLabel}`,
    action: { kind: 'copy', format: format.id, ...target },
  }));
  const more: TrayMenuItem = {
    id: `${idPrefix}/more-formats`,
    label: 'More formats',
    type: 'submenu',
    submenu: MORE_FORMATS.map((format) => ({
      id: `${idPrefix}/copy-${format.id}`,
      label: format.trayLabel,
      action: { kind: 'copy', format: format.id, ...target },
    })),
  };
  const own = platformEnvFormat(platform);
  const endpointItem: TrayMenuItem[] = endpoint
    ? [
        {
          id: `${idPrefix}/copy-endpoint`,
          label: `Copy endpoint lines for ${own.shortLabel}`,
          action: { kind: 'copyEndpoint', shell: own.shell, ...target },
        },
      ]
    : [];
  return [
    ...copies,
    more,
    ...endpointItem,
    separator(`${idPrefix}/sep`),
    {
      id: `${idPrefix}/write-profile`,
      label: 'Write profile',
      action: { kind: 'writeProfile', ...target },
    },
    {
      id: `${idPrefix}/open-console`,
      label: 'Open console',
      action: { kind: 'openConsole', ...target },
    },
    {
      id: `${idPrefix}/access-keys`,
      label: 'Access keys…',
      action: { kind: 'openAccessKeys', ...target },
    },
    {
      id: `${idPrefix}/favourite`,
      label: isFavourite ? 'Remove from favourites' : 'Add to favourites',
      action: { kind: 'toggleFavourite', ...target },
    },
  ];
}

const key = (r: { session: string; accountId: string; roleName: string }) =>
  `${r.session}\u0000${r.accountId}\u0000${r.roleName}`;

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

function roleMenu(
  idPrefix: string,
  ref: TrayRoleRef,
  label: string,
  state: TrayState,
  favourites: Set<string>,
  enabled: boolean,
): TrayMenuItem {
  const target: RoleTarget = {
    session: ref.session,
    accountId: ref.accountId,
    roleName: ref.roleName,
  };
  const id = `${idPrefix}/${ref.session}/${ref.accountId}/${ref.roleName}`;
  return {
    id,
    label,
    type: 'submenu',
    enabled,
    submenu: roleActions(id, target, state.platform, favourites.has(key(ref)), state.endpoint),
  };
}

function shortcutLabel(ref: TrayRoleRef, accounts: Map<string, TrayAccount>): string {
  const name = ref.accountName ?? accounts.get(ref.accountId)?.accountName;
  return `${name ? name : ref.accountId} · ${ref.roleName}`;
}

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

/** "Check for updates", or what the update is doing; "Restart to update x.y.z" once ready. */
export function updateItems(status: UpdateStatus | undefined): TrayMenuItem[] {
  if (status === undefined || status.state === 'off') return [];
  const id = 'updates';
  switch (status.state) {
    case 'checking':
      return [{ id, label: 'Checking for updates…', enabled: false }];
    case 'downloading':
      return [
        { id, label: `Downloading update ${status.version}… ${status.percent}%`, enabled: false },
      ];
    case 'ready':
      return [
        {
          id: 'updates/restart',
          label: `Restart to update ${status.version}`,
          action: { kind: 'restartToUpdate' },
        },
      ];
    case 'installing':
      return [{ id, label: `Installing update ${status.version}…`, enabled: false }];
    default:
      return [{ id, label: 'Check for updates', action: { kind: 'checkUpdates' } }];
  }
}

export function buildTrayMenu(state: TrayState, options: BuildMenuOptions = {}): TrayMenuItem[] {
  const cap = Math.max(2, options.cap ?? DEFAULT_MENU_CAP);
  const active = state.sessions.find((s) => s.name === state.activeSession);
  const signedIn = isSignedIn(active, state.now);
  const items: TrayMenuItem[] = [header('status', sessionStatusLabel(active, state.now))];

  if (state.sessions.length > 1) {
    items.push({
      id: 'sessions',
      label: 'Session',
      type: 'submenu',
      submenu: state.sessions.slice(0, cap).map((s) => ({
        id: `sessions/${s.name}`,
        label: s.name,
        checked: s.name === state.activeSession,
        action: { kind: 'selectSession', session: s.name },
      })),
    });
  }

  const favouriteKeys = new Set(state.favourites.map(key));
  const accountsById = new Map(state.accounts.map((a) => [a.accountId, a]));
  const session = state.activeSession;

  if (session !== null) {
    // Shortcuts belong to the active session; a menu level keeps room for the fixed items.
    const shortcutCap = Math.max(1, Math.min(10, cap - 12));
    const favourites = state.favourites.filter((f) => f.session === session).slice(0, shortcutCap);
    const recents = state.recents
      .filter((r) => r.session === session && !favouriteKeys.has(key(r)))
      .slice(0, shortcutCap);
    if (favourites.length > 0) {
      items.push(separator('favourites/sep'), header('favourites', 'Favourites'));
      for (const f of favourites) {
        items.push(
          roleMenu('favourites', f, shortcutLabel(f, accountsById), state, favouriteKeys, signedIn),
        );
      }
    }
    if (recents.length > 0) {
      items.push(separator('recents/sep'), header('recents', 'Recent'));
      for (const r of recents) {
        items.push(
          roleMenu('recents', r, shortcutLabel(r, accountsById), state, favouriteKeys, signedIn),
        );
      }
    }
  }

  items.push(separator('accounts/sep'));
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
    items.push({ id: 'accounts', label: 'Accounts', type: 'submenu', submenu });
    items.push({ id: 'refresh', label: 'Refresh', action: { kind: 'refresh' } });
  } else {
    items.push({ id: 'accounts', label: 'Accounts', type: 'submenu', enabled: false, submenu: [] });
  }

  items.push(separator('session/sep'));
  if (signedIn && session !== null) {
    items.push({ id: 'sign-out', label: 'Sign out', action: { kind: 'signOut', session } });
  } else if (active?.status === 'signing-in') {
    items.push({ id: 'sign-in', label: 'Signing in…', enabled: false });
  } else {
    items.push({
      id: 'sign-in',
      label: 'Sign in…',
      action: session === null ? { kind: 'signIn' } : { kind: 'signIn', session },
    });
  }
  items.push(
    separator('app/sep'),
    { id: 'open', label: 'Open SSO Tray', action: { kind: 'open' } },
    { id: 'settings', label: 'Settings…', action: { kind: 'settings' } },
    ...updateItems(state.updates),
    separator('quit/sep'),
    { id: 'quit', label: 'Quit', action: { kind: 'quit' } },
  );
  return items;
}
