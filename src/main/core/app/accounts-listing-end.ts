// What a listing does once every role is in: it writes the cache, compares itself with the
// listing before it (status/listing-changes.ts is the rule), sends the `accounts` event that
// ends it (with the changes, if any) and tells who asked for changes, unless the service was
// disposed or the session signed out meanwhile.
import { hasChanges, type ListingChanges } from '../../../shared/status-rules';
import { listingChanges, type Listing } from '../status/listing-changes';
import type { AccountsCacheWrites } from './accounts-cache-writes';
import { listingProgress, type SessionAccounts } from './accounts-entry';
import type { EventBus } from './events';

/** Told once per listing that found accounts or roles added or removed since the last one. */
export type OnListingChanges = (session: string, changes: ListingChanges) => void;

export interface ListingEndContext {
  bus: EventBus;
  cache: AccountsCacheWrites;
  changed(): void;
  onChanges: OnListingChanges | undefined;
}

/**
 * The listing a new one is compared with, taken before it starts (the roles copied, as the new
 * listing replaces them one by one); none before a session's first listing.
 */
export function previousListing(entry: SessionAccounts): Listing | null {
  return entry.updatedAt === null
    ? null
    : { updatedAt: entry.updatedAt, accounts: entry.accounts, roles: new Map(entry.roles) };
}

/** What `next` added or removed since `previous`; null when nothing (or no previous listing). */
function changesSince(previous: Listing | null, next: Listing): ListingChanges | null {
  if (previous === null) return null;
  const changes = listingChanges(previous, next);
  return hasChanges(changes) ? changes : null;
}

/** One listing as it ends: where its session signs in, when its accounts came, what was before. */
export interface EndingListing {
  startUrl: string;
  updatedAt: number;
  previous: Listing | null;
}

/** Ends a listing whose accounts and roles are all in the entry (see the top of this file). */
export async function endListing(
  ctx: ListingEndContext,
  session: string,
  entry: SessionAccounts,
  listing: EndingListing,
  current: () => boolean,
): Promise<void> {
  const { startUrl, updatedAt, previous } = listing;
  entry.revalidatedAt = Date.now();
  await ctx.cache.save(session, startUrl, entry);
  const changed = changesSince(previous, {
    updatedAt,
    accounts: entry.accounts,
    roles: entry.roles,
  });
  ctx.bus.emit('accounts', {
    session,
    roles: {},
    progress: listingProgress(entry),
    loading: false,
    updatedAt,
    ...(changed === null ? {} : { changes: changed }),
  });
  // Not after dispose or a sign-out meanwhile: the notification would outlive its session.
  if (changed !== null && current()) ctx.onChanges?.(session, changed);
  ctx.changed();
}
