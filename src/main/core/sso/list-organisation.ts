// A whole listing of a session's organisation: every page of accounts and every account's roles.
// The roles of a page's accounts are asked for as soon as that page is in, while the next page is
// fetched, instead of after the last page: with hundreds of accounts in pages of a hundred, the
// role calls then overlap the paging, and the shared limiter (rate-limiter.ts) decides as ever how
// many run at once. The app's background listing, `sso-tray accounts` and `populate` all list
// through this, so that they go as fast as each other.
import { setMaxListeners } from 'node:events';
import type { Account, Role } from '../../../shared/schemas';

/** What the listing needs of the SSO core (SsoCore, or a host's or a test's stand-in). */
export interface OrganisationSource {
  listAccounts(session: string, onPage?: (page: Account[]) => void): Promise<Account[]>;
  listAllRoles(
    session: string,
    accounts: Account[],
    onRoles?: (accountId: string, roles: Role[]) => void,
    signal?: AbortSignal,
  ): Promise<Map<string, Role[]>>;
}

export interface OrganisationListing {
  /** Every account, once the last page is in (the roles may still be coming). */
  accounts: Promise<Account[]>;
  /**
   * Every listed account's roles, once all are in. Rejects with the first failure (the account
   * listing's, or an account's roles'), which stops the calls still waiting.
   */
  roles: Promise<Map<string, Role[]>>;
  /** Stops the calls still waiting (the listing is no longer wanted); `roles` then rejects. */
  stop(): void;
}

export function listOrganisation(
  source: OrganisationSource,
  session: string,
  o: {
    onPage?: (page: Account[]) => void;
    onRoles?: (accountId: string, roles: Role[]) => void;
    /** Accounts whose roles are not to be asked for (already fetched meanwhile). */
    skip?: (accountId: string) => boolean;
  } = {},
): OrganisationListing {
  const stop = new AbortController();
  // Each page's role listing listens for it while it runs; with throttling, many pages run at once.
  setMaxListeners(0, stop.signal);
  const roles = new Map<string, Role[]>();
  const pending: Promise<unknown>[] = [];
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (failure !== undefined) return;
    failure = { error };
    stop.abort(error);
  };
  const asked = new Set<string>();
  const ask = (list: readonly Account[]): void => {
    if (stop.signal.aborted) return;
    const todo = list.filter((a) => !asked.has(a.accountId) && !o.skip?.(a.accountId));
    for (const a of todo) asked.add(a.accountId);
    if (todo.length === 0) return;
    const listed = source.listAllRoles(session, todo, o.onRoles, stop.signal);
    pending.push(
      listed.then((listedRoles) => {
        for (const [id, r] of listedRoles) roles.set(id, r);
      }, fail),
    );
  };
  const accounts = source.listAccounts(session, (page) => {
    o.onPage?.(page);
    ask(page);
  });
  const all = accounts.then(
    async (list) => {
      // Any account no page brought (a source that does not stream its pages).
      ask(list);
      await Promise.all(pending);
      if (failure !== undefined) throw failure.error;
      return roles;
    },
    async (error: unknown) => {
      fail(error);
      await Promise.all(pending);
      throw error;
    },
  );
  // A caller that stops at a failed account list never waits for the roles.
  all.catch(() => undefined);
  return { accounts, roles: all, stop: () => fail(new Error('the listing was stopped')) };
}
