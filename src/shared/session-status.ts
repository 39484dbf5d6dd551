// What `sso-tray status`, the window's session panel and the tray's first line say about a
// session: the wire shape (zod) and the one headline rule, so the three never word it apart.
// Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import { epochMsSchema, sessionNameSchema } from './schemas';

export const SESSION_STATUS_STATES = ['signed-out', 'signed-in', 'expired', 'signing-in'] as const;
export type SessionStatusState = (typeof SESSION_STATUS_STATES)[number];

export const sessionStatusSchema = z.object({
  session: sessionNameSchema,
  state: z.enum(SESSION_STATUS_STATES),
  /** When the cached access token expires (epoch ms); null when no token is cached. */
  expiresAt: epochMsSchema.nullable(),
  /** Whether the token cache holds a refresh token (so the sign-in renews itself). */
  refreshToken: z.boolean(),
  /** When the client registration the refresh needs expires (epoch ms); null when unknown. */
  registrationExpiresAt: epochMsSchema.nullable(),
  /** When accounts and roles were last listed from the portal (epoch ms); null: never. */
  accountsListedAt: epochMsSchema.nullable(),
  /** How many accounts and roles that listing found; null: never listed. */
  accounts: z.number().int().nonnegative().nullable(),
  roles: z.number().int().nonnegative().nullable(),
});
export type SessionStatusView = z.infer<typeof sessionStatusSchema>;

export const statusResultSchema = z.object({ sessions: z.array(sessionStatusSchema) });
export type StatusResult = z.infer<typeof statusResultSchema>;

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

const changedAccountSchema = z.object({
  accountId: z.string().max(12),
  accountName: z.string().max(256),
});
const changedRoleSchema = changedAccountSchema.extend({ roleName: z.string().max(64) });

/** Accounts and roles added or removed between two listings of a session. */
export const listingChangesSchema = z.object({
  /** When the listing compared with was made (epoch ms). */
  since: epochMsSchema,
  addedAccounts: z.array(changedAccountSchema),
  removedAccounts: z.array(changedAccountSchema),
  /** Roles that appeared, in accounts old and new. */
  addedRoles: z.array(changedRoleSchema),
  /** Roles that went, in accounts that stayed and in accounts that went. */
  removedRoles: z.array(changedRoleSchema),
});
export type ListingChanges = z.infer<typeof listingChangesSchema>;

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
