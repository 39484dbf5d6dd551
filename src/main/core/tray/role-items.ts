// The tray menu's role items: the actions under a role (copy in each format, write a profile,
// open the console, access keys, favourite) and the favourites and recent roles shortcuts.
import { envFormatsFor, MORE_FORMATS, platformEnvFormat } from '../../../shared/credential-formats';
import type { Platform, RoleTarget } from './actions';
import { header, separator, type TrayMenuItem } from './menu-item';
import type { TrayAccount, TrayRoleRef, TrayState } from './state';

/** The actions under one role, the user's platform's copy format first. */
function roleActions(
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

/** One role of one session, as the favourites set holds it. */
export const roleKey = (r: { session: string; accountId: string; roleName: string }) =>
  `${r.session}\u0000${r.accountId}\u0000${r.roleName}`;

export function roleMenu(
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
    submenu: roleActions(id, target, state.platform, favourites.has(roleKey(ref)), state.endpoint),
  };
}

function shortcutLabel(ref: TrayRoleRef, accounts: Map<string, TrayAccount>): string {
  const name = ref.accountName ?? accounts.get(ref.accountId)?.accountName;
  return `${name ? name : ref.accountId} · ${ref.roleName}`;
}

/**
 * The favourites and recent roles of the active session, each under its header; a menu level
 * keeps room for the fixed items. Shortcuts are usable only while signed in.
 */
export function shortcutItems(
  state: TrayState,
  session: string,
  favouriteKeys: Set<string>,
  signedIn: boolean,
  cap: number,
): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const shortcutCap = Math.max(1, Math.min(10, cap - 12));
  const favourites = state.favourites.filter((f) => f.session === session).slice(0, shortcutCap);
  const recents = state.recents
    .filter((r) => r.session === session && !favouriteKeys.has(roleKey(r)))
    .slice(0, shortcutCap);
  // only shortcuts need accounts by id: a menu without any builds no map of every account
  const accountsById =
    favourites.length + recents.length > 0
      ? new Map(state.accounts.map((a) => [a.accountId, a]))
      : new Map<string, TrayAccount>();
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
  return items;
}
