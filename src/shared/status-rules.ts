// The plain rules of what `sso-tray status`, the window's session panel and the tray's first
// line say about a session, and of what changed between two listings: the shapes and the one
// wording of each, so the front ends never word them apart. No zod here, so the CLI can use them
// without loading it (./session-status.ts builds the wire schemas from these). Pure: no Node,
// DOM or Electron.

export const SESSION_STATUS_STATES = ['signed-out', 'signed-in', 'expired', 'signing-in'] as const;
export type SessionStatusState = (typeof SESSION_STATUS_STATES)[number];

/** One session's status: the sign-in state, the token cache's facts and the last listing. */
export interface SessionStatusView {
  session: string;
  state: SessionStatusState;
  /** When the cached access token expires (epoch ms); null when no token is cached. */
  expiresAt: number | null;
  /** Whether the token cache holds a refresh token (so the sign-in renews itself). */
  refreshToken: boolean;
  /** When the client registration the refresh needs expires (epoch ms); null when unknown. */
  registrationExpiresAt: number | null;
  /** When accounts and roles were last listed from the portal (epoch ms); null: never. */
  accountsListedAt: number | null;
  /** How many accounts and roles that listing found; null: never listed. */
  accounts: number | null;
  roles: number | null;
}

const MINUTE = 60_000;

/** "7 h 40 min", "12 min", "45 s": minutes round down, as a countdown reads. */
export function timeLeftWords(ms: number): string {
  if (ms <= 0) return '0 s';
  if (ms < MINUTE) return `${Math.ceil(ms / 1000)} s`;
  const totalMinutes = Math.floor(ms / MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/**
 * The one-line state of a sign-in: "Signed in · 7 h 40 min left", "Signed out", "Sign-in
 * expired", "Signing in…". A signed-in session whose end has passed reads as expired.
 */
export function statusHeadline(
  s: { state: SessionStatusState; expiresAt: number | null },
  now: number,
): string {
  if (s.state === 'signing-in') return 'Signing in…';
  if (s.state === 'signed-out') return 'Signed out';
  if (s.state === 'expired') return 'Sign-in expired';
  if (s.expiresAt === null) return 'Signed in';
  const left = s.expiresAt - now;
  return left <= 0 ? 'Sign-in expired' : `Signed in · ${timeLeftWords(left)} left`;
}

// ---- what changed since the last listing ------------------------------------------------------

export interface ChangedAccount {
  accountId: string;
  accountName: string;
}

export interface ChangedRole extends ChangedAccount {
  roleName: string;
}

/** Accounts and roles added or removed between two listings of a session. */
export interface ListingChanges {
  /** When the listing compared with was made (epoch ms). */
  since: number;
  addedAccounts: ChangedAccount[];
  removedAccounts: ChangedAccount[];
  /** Roles that appeared, in accounts old and new. */
  addedRoles: ChangedRole[];
  /** Roles that went, in accounts that stayed and in accounts that went. */
  removedRoles: ChangedRole[];
}

export function hasChanges(c: ListingChanges): boolean {
  return (
    c.addedAccounts.length +
      c.removedAccounts.length +
      c.addedRoles.length +
      c.removedRoles.length >
    0
  );
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const accountsOf = (roles: ReadonlyArray<{ accountId: string }>): number =>
  new Set(roles.map((r) => r.accountId)).size;

/**
 * One line for a notification or a banner: "3 new roles in 2 accounts", "1 new account, 2 new
 * roles in 1 account, 1 role removed from 1 account"; empty when nothing changed.
 */
export function changesSummary(c: ListingChanges): string {
  const parts: string[] = [];
  if (c.addedAccounts.length > 0) parts.push(count(c.addedAccounts.length, 'new account'));
  if (c.addedRoles.length > 0) {
    parts.push(
      `${count(c.addedRoles.length, 'new role')} in ${count(accountsOf(c.addedRoles), 'account')}`,
    );
  }
  if (c.removedAccounts.length > 0) {
    parts.push(`${count(c.removedAccounts.length, 'account')} removed`);
  }
  if (c.removedRoles.length > 0) {
    parts.push(
      `${count(c.removedRoles.length, 'role')} removed from ${count(accountsOf(c.removedRoles), 'account')}`,
    );
  }
  return parts.join(', ');
}
