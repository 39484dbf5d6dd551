// The app core's state snapshot (the IPC contract's shape) -> the tray's state.
import type { AccountList, AccountsEvent, StateSnapshot } from '../../../shared/ipc';
import type { TrayState } from './state';

export function trayStateFromSnapshot(
  snapshot: StateSnapshot,
  accounts: AccountList | null,
  now: number,
  accountsLoading = false,
): TrayState {
  return {
    now,
    platform: snapshot.platform,
    sessions: snapshot.sessions.map((s) =>
      s.expiresAt === null
        ? { name: s.name, status: s.status }
        : { name: s.name, status: s.status, expiresAt: s.expiresAt },
    ),
    activeSession: snapshot.activeSession,
    accounts: (accounts?.accounts ?? []).map((a) => {
      const roles = accounts?.roles[a.accountId];
      return roles === undefined
        ? { accountId: a.accountId, accountName: a.accountName }
        : { accountId: a.accountId, accountName: a.accountName, roles };
    }),
    accountsLoading,
    favourites: snapshot.favourites,
    recents: snapshot.recents,
    credentials: snapshot.credentials,
    thresholdsMinutes: snapshot.settings.thresholdsMinutes,
  };
}

/** Merges an `accounts` event into the list the tray holds (same rules as the window). */
export function applyAccountsEvent(current: AccountList | null, event: AccountsEvent): AccountList {
  const base: AccountList = current ?? {
    accounts: [],
    roles: {},
    fromCache: false,
    updatedAt: null,
    loading: false,
    total: 0,
  };
  const accounts = event.accounts ?? base.accounts;
  return {
    accounts,
    total: accounts.length,
    roles: { ...base.roles, ...event.roles },
    fromCache: false,
    updatedAt: event.updatedAt ?? base.updatedAt,
    loading: event.loading,
  };
}
