// The app core's state snapshot (the IPC contract's shape) -> the tray's state.
import type { AccountList, StateSnapshot } from '../../../shared/ipc-views';
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
    endpoint: snapshot.settings.credentialsEndpoint,
    updates: snapshot.updates.status,
  };
}
