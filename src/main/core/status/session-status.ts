// The status of each session, from what is on disk and in memory only (never a network call,
// never a token): the sign-in state, the token cache's facts (expiry, refresh token, client
// registration) and the last listing of accounts (when, how many accounts and roles). One
// function for the window's session panel (`status.get`), the tray and `sso-tray status`.
import type { SessionTokenInfo } from '../sso/core';
import type { SessionStatusState, SessionStatusView } from '../../../shared/status-rules';

/** What the last listing of a session found (the accounts cache, or the list in memory). */
export interface ListingSummary {
  updatedAt: number | null;
  accounts: number;
  /** Roles of the accounts whose roles are known. */
  roles: number;
}

export interface SessionStatusInput {
  session: string;
  /**
   * The state the host knows (the app follows sign-ins as they happen); without one it is
   * taken from the token: a token that has not expired is signed in.
   */
  state?: SessionStatusState;
  token: SessionTokenInfo | undefined;
  listing: ListingSummary | undefined;
}

export function sessionStatus(input: SessionStatusInput, now: number): SessionStatusView {
  const { token, listing } = input;
  const state: SessionStatusState =
    input.state ??
    (token === undefined ? 'signed-out' : token.expiresAt > now ? 'signed-in' : 'expired');
  const listed = listing !== undefined && listing.updatedAt !== null;
  return {
    session: input.session,
    state,
    expiresAt: token?.expiresAt ?? null,
    refreshToken: token?.hasRefreshToken ?? false,
    registrationExpiresAt: token?.registrationExpiresAt ?? null,
    accountsListedAt: listed ? listing.updatedAt : null,
    accounts: listed ? listing.accounts : null,
    roles: listed ? listing.roles : null,
  };
}

/** Counts of a listing: accounts, and the roles of every account whose roles are known. */
export function summarizeListing(
  updatedAt: number | null,
  accounts: readonly unknown[],
  roles: ReadonlyMap<string, readonly unknown[]> | Readonly<Record<string, readonly unknown[]>>,
): ListingSummary {
  const lists = roles instanceof Map ? [...roles.values()] : Object.values(roles);
  return {
    updatedAt,
    accounts: accounts.length,
    roles: lists.reduce<number>((n, l) => n + (l as readonly unknown[]).length, 0),
  };
}
