// One background listing of a session: every page of accounts (shown page by page when nothing
// was cached) and every account's roles, asked for page by page as the pages come
// (../sso/list-organisation.ts) and sent in batches as `accounts` events; the account list is
// written to the cache once every page is in, and the end follows (./accounts-listing-end.ts).
// A listing that is no longer current (the session signed out, the service disposed) stops its
// calls, emitting and writing.
// Throttling is the SSO service's business (it retries); it never becomes an error event here.
import { isSsoTrayError } from '../errors';
import { toErrorInfo } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import { mergeAccounts, sortAccounts, sortRoles } from '../../../shared/account-order';
import type { Account } from '../../../shared/schemas';
import { listingProgress, roleNames, type SessionAccounts } from './accounts-entry';
import { endListing, previousListing, type ListingEndContext } from './accounts-listing-end';
import { listOrganisation } from '../sso/list-organisation';
import type { SsoPort } from './ports';
import type { Sessions } from './sessions';

/** Role events are batched: at most one per this interval (a UI concern; real time). */
const ROLES_FLUSH_MS = 150;

/** What the listing needs of the sessions: their config, whether signed in, where errors go. */
export type AccountSessions = Pick<Sessions, 'config' | 'isSignedIn' | 'noteError'>;

export interface ListingContext extends ListingEndContext {
  sso: Pick<SsoPort, 'listAccounts' | 'listAllRoles'>;
  sessions: AccountSessions;
  now(): number;
  log: Logger;
}

/** Lists the session into `entry` while `current()` holds; never throws (a failure is an event). */
export async function runListing(
  ctx: ListingContext,
  session: string,
  entry: SessionAccounts,
  current: () => boolean,
): Promise<void> {
  const { bus } = ctx;
  entry.failure = undefined;
  const startUrl = ctx.sessions.config(session).startUrl;
  const hadList = entry.accounts.length > 0;
  // Every listing fetches every account's roles again (a refresh must see roles added or
  // removed); only those the user expands while it runs are not fetched twice.
  entry.fresh = new Set();
  const previous = previousListing(entry);

  // Roles come in while the pages still do (list-organisation.ts), batched into events.
  let batch: Record<string, string[]> = {};
  let batchSize = 0;
  let lastFlush = Date.now();
  const flush = () => {
    if (batchSize === 0 || !current()) return;
    bus.emit('accounts', {
      session,
      roles: batch,
      progress: listingProgress(entry),
      loading: true,
    });
    batch = {};
    batchSize = 0;
    lastFlush = Date.now();
  };
  const listing = listOrganisation(ctx.sso, session, {
    onPage: (page) => {
      // Without a cached list, show accounts page by page as they come.
      if (!hadList && current()) {
        entry.accounts = mergeAccounts(entry.accounts, page);
        bus.emit('accounts', {
          session,
          accounts: entry.accounts,
          roles: {},
          progress: listingProgress(entry),
          loading: true,
        });
      }
    },
    // Accounts whose roles were fetched meanwhile (expanded by the user) are skipped.
    skip: (accountId) => entry.fresh.has(accountId),
    onRoles: (accountId, listed) => {
      if (!current()) {
        listing.stop();
        return;
      }
      const roles = sortRoles(listed);
      entry.roles.set(accountId, roles);
      entry.fresh.add(accountId);
      batch[accountId] = roleNames(roles);
      batchSize += 1;
      if (Date.now() - lastFlush >= ROLES_FLUSH_MS) flush();
    },
  });
  let accounts: Account[];
  try {
    accounts = await listing.accounts;
  } catch (e) {
    listingFailed(ctx, session, entry, e, current);
    return;
  }
  if (!current()) {
    listing.stop();
    return;
  }
  // Kept in display order: the window only checks it, and a first screen is a slice of it.
  accounts = sortAccounts(accounts);
  const ids = new Set(accounts.map((a) => a.accountId));
  for (const id of [...entry.roles.keys()]) if (!ids.has(id)) entry.roles.delete(id);
  entry.accounts = accounts;
  const updatedAt = ctx.now();
  entry.updatedAt = updatedAt;
  entry.fromCache = false;
  bus.emit('accounts', {
    session,
    accounts,
    roles: {},
    progress: listingProgress(entry),
    loading: true,
    updatedAt,
  });
  ctx.changed();
  await ctx.cache.save(session, startUrl, entry);

  try {
    await listing.roles;
  } catch (e) {
    flush();
    listingFailed(ctx, session, entry, e, current);
    return;
  }
  if (!current()) return;
  flush();
  await endListing(ctx, session, entry, { startUrl, updatedAt, previous }, current);
}

/** A listing stopped by an error: kept for `complete`, logged, noted, sent as an event. */
function listingFailed(
  ctx: ListingContext,
  session: string,
  entry: SessionAccounts,
  e: unknown,
  current: () => boolean,
): void {
  if (!current()) return;
  entry.failure = e;
  ctx.log.warn('listing failed', { session, error: e });
  ctx.sessions.noteError(session, e);
  const throttled = isSsoTrayError(e, 'THROTTLED');
  ctx.bus.emit('accounts', {
    session,
    roles: {},
    progress: listingProgress(entry),
    loading: false,
    ...(throttled ? {} : { error: toErrorInfo(e) }),
  });
  ctx.changed();
}
