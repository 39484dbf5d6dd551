// state -> what the tray icon says: icon, macOS menu-bar title, tooltip, and when to look again.
import { isSignedIn } from './session-items';
import type { TrayCredentials, TrayState } from './state';
import { formatTimeLeft, formatTimeLeftShort, msUntilDisplayChanges } from './time-left';

export type TrayIcon = 'signed-out' | 'ok' | 'expiring' | 'expired';

export interface TrayStatus {
  icon: TrayIcon;
  /** Shown beside the icon in the macOS menu bar; empty when nothing counts down. */
  title: string;
  tooltip: string;
  /** When to recompute (ms from `state.now`); null when nothing changes with time. */
  nextUpdateInMs: number | null;
}

const MINUTE = 60_000;
const APP = 'SSO Tray';

function credentialsLabel(c: TrayCredentials): string {
  return c.source === 'written' && c.profileName
    ? `profile ${c.profileName}`
    : `${c.accountId} · ${c.roleName}`;
}

/**
 * What counts down: the soonest-expiring role credentials the user copied or wrote, else the
 * sign-in itself. Credentials that already expired only count when none is still valid.
 */
export function trayStatus(state: TrayState): TrayStatus {
  const { now } = state;
  const session = state.sessions.find((s) => s.name === state.activeSession);
  const warnMs = Math.max(0, ...state.thresholdsMinutes) * MINUTE;

  if (session?.status === 'expired') {
    return {
      icon: 'expired',
      title: 'expired',
      tooltip: `${APP} — sign-in to ${session.name} expired`,
      nextUpdateInMs: null,
    };
  }
  if (session === undefined || session.status !== 'signed-in') {
    const tooltip =
      session?.status === 'signing-in' ? `${APP} — signing in…` : `${APP} — signed out`;
    return { icon: 'signed-out', title: '', tooltip, nextUpdateInMs: null };
  }

  const mine = state.credentials.filter((c) => c.session === session.name);
  const valid = mine.filter((c) => c.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt);
  const soonest = valid[0];
  let expiresAt: number | undefined;
  let what: string;
  if (soonest !== undefined) {
    expiresAt = soonest.expiresAt;
    what = credentialsLabel(soonest);
  } else if (mine.length > 0 && isSignedIn(session, now)) {
    const latest = [...mine].sort((a, b) => b.expiresAt - a.expiresAt)[0] as TrayCredentials;
    return {
      icon: 'expired',
      title: 'expired',
      tooltip: `${APP} — credentials for ${credentialsLabel(latest)} expired`,
      // Look again when the sign-in itself ends.
      nextUpdateInMs: session.expiresAt === undefined ? null : Math.max(1, session.expiresAt - now),
    };
  } else {
    expiresAt = session.expiresAt;
    what = `signed in to ${session.name}`;
  }

  if (expiresAt === undefined) {
    return { icon: 'ok', title: '', tooltip: `${APP} — ${what}`, nextUpdateInMs: null };
  }
  const left = expiresAt - now;
  if (left <= 0) {
    return {
      icon: 'expired',
      title: 'expired',
      tooltip: `${APP} — sign-in to ${session.name} expired`,
      nextUpdateInMs: null,
    };
  }
  const icon: TrayIcon = left <= warnMs ? 'expiring' : 'ok';
  let next = msUntilDisplayChanges(left);
  // Change colour exactly when the first warning threshold is crossed.
  if (left > warnMs) next = Math.min(next, left - warnMs);
  return {
    icon,
    title: formatTimeLeftShort(left),
    tooltip: `${APP} — ${what} · ${formatTimeLeft(left)} left`,
    nextUpdateInMs: next,
  };
}
