// state -> tray menu description. Electron turns it into a native menu, the web host into JSON
// a test can click. Ids are stable across rebuilds and unique within one menu, so a test (or an
// accessibility tool) can address an item by id or by its label path. The sections: the
// session's status and the app's items (./session-items.ts), the favourites, recents and the
// actions under a role (./role-items.ts), the accounts (./account-items.ts).
import { accountItems } from './account-items';
import { DEFAULT_MENU_CAP, header, separator, type TrayMenuItem } from './menu-item';
import { roleKey, shortcutItems } from './role-items';
import {
  isSignedIn,
  sessionPicker,
  sessionStatusLabel,
  signInOutItem,
  updateItems,
} from './session-items';
import type { TrayState } from './state';

export { type TrayMenuItem } from './menu-item';

export interface BuildMenuOptions {
  cap?: number;
}

export function buildTrayMenu(state: TrayState, options: BuildMenuOptions = {}): TrayMenuItem[] {
  const cap = Math.max(2, options.cap ?? DEFAULT_MENU_CAP);
  const active = state.sessions.find((s) => s.name === state.activeSession);
  const signedIn = isSignedIn(active, state.now);
  const favouriteKeys = new Set(state.favourites.map(roleKey));
  const session = state.activeSession;
  return [
    header('status', sessionStatusLabel(active, state.now)),
    ...sessionPicker(state, cap),
    // Shortcuts belong to the active session.
    ...(session === null ? [] : shortcutItems(state, session, favouriteKeys, signedIn, cap)),
    separator('accounts/sep'),
    ...accountItems(state, session, favouriteKeys, signedIn, cap),
    separator('session/sep'),
    signInOutItem(active, session, signedIn),
    separator('app/sep'),
    { id: 'open', label: 'Open SSO Tray', action: { kind: 'open' } },
    { id: 'settings', label: 'Settings…', action: { kind: 'settings' } },
    ...updateItems(state.updates),
    separator('quit/sep'),
    { id: 'quit', label: 'Quit', action: { kind: 'quit' } },
  ];
}
