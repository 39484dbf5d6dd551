// The whole state the window and the tray start from (`state.get`, and every `state` event):
// the sessions, the config file's problems, the settings, favourites and recents, and the
// credentials being counted down (no secrets).
import type { ExpiryItem } from '../expiry/scheduler';
import type { Handlers } from '../ipc/dispatch';
import type { SettingsStore } from '../settings/store';
import type { Platform } from '../tray/actions';
import type { ActiveCredentials, StateSnapshot } from '../../../shared/ipc-views';
import type { ExpiryService } from './expiry';
import type { PreferencesService } from './preferences';
import type { PaletteShortcut } from './palette-shortcut';
import type { Sessions } from './sessions';
import type { UpdatesView } from '../../../shared/updates';

export interface SnapshotSources {
  platform: Platform;
  logsLocation: string | undefined;
  settings: SettingsStore;
  sessions: Sessions;
  preferences: PreferencesService;
  expiry: ExpiryService;
  paletteShortcut: PaletteShortcut;
  updates: { view(): UpdatesView };
  /** The state's revision: how many times it changed (see stateSnapshotSchema). */
  revision: number;
}

export function stateSnapshot(src: SnapshotSources): StateSnapshot {
  const s = src.settings.get();
  return {
    revision: src.revision,
    platform: src.platform,
    sessions: src.sessions.views(),
    configFile: src.sessions.configFile(),
    configIssues: src.sessions.issues(),
    logsLocation: src.logsLocation ?? null,
    activeSession: src.sessions.active(),
    settings: src.preferences.view(s),
    favourites: s.favourites,
    recents: s.recents,
    credentials: activeCredentials(src.expiry.scheduler.list()),
    paletteShortcut: src.paletteShortcut.status(),
    updates: src.updates.view(),
  };
}

export function stateHandlers(snapshot: () => StateSnapshot): Pick<Handlers, 'state.get'> {
  return { 'state.get': async () => snapshot() };
}

/** Active credentials as the window and tray show them (no secrets). */
export function activeCredentials(items: readonly ExpiryItem[]): ActiveCredentials[] {
  return items.flatMap((i) => {
    if (i.kind !== 'credentials') return [];
    return [
      {
        session: i.session,
        accountId: i.accountId,
        roleName: i.roleName,
        source: i.source,
        expiresAt: i.expiresAt,
        ...(i.source === 'written' ? { profileName: i.profileName } : {}),
      },
    ];
  });
}
