// The tray menu's items about the session and the app: the status line, the session picker,
// sign in or out, and the updates item.
import type { UpdateStatus } from '../../../shared/updates';
import type { TrayMenuItem } from './menu-item';
import type { TraySession, TrayState } from './state';
import { formatTimeLeft } from './time-left';

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

/** "Session": pick the active one, when there is more than one. */
export function sessionPicker(state: TrayState, cap: number): TrayMenuItem[] {
  if (state.sessions.length <= 1) return [];
  return [
    {
      id: 'sessions',
      label: 'Session',
      type: 'submenu',
      submenu: state.sessions.slice(0, cap).map((s) => ({
        id: `sessions/${s.name}`,
        label: s.name,
        checked: s.name === state.activeSession,
        action: { kind: 'selectSession', session: s.name },
      })),
    },
  ];
}

/** "Sign out" while signed in, "Signing in…" while a sign-in runs, "Sign in…" otherwise. */
export function signInOutItem(
  active: TraySession | undefined,
  session: string | null,
  signedIn: boolean,
): TrayMenuItem {
  if (signedIn && session !== null) {
    return { id: 'sign-out', label: 'Sign out', action: { kind: 'signOut', session } };
  }
  if (active?.status === 'signing-in') {
    return { id: 'sign-in', label: 'Signing in…', enabled: false };
  }
  return {
    id: 'sign-in',
    label: 'Sign in…',
    action: session === null ? { kind: 'signIn' } : { kind: 'signIn', session },
  };
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
