// Accounts and roles of each session: served at once from memory or the on-disk cache, then
// revalidated in the background by a listing (./accounts-listing.ts) — the first page of
// accounts first (so the window fills fast), then every page, then every account's roles,
// streamed as `accounts` events with progress, and at its end compared with the one before
// (./accounts-listing-end.ts). This service owns the entries and starts, waits for and stops
// the listings.
import { SsoTrayError } from '../errors';
import type { AccountList } from '../../../shared/ipc-views';
import type { Handlers } from '../ipc/dispatch';
import { sortRoles } from '../../../shared/account-order';
import type { Role } from '../../../shared/schemas';
import { readAccountsCache } from './accounts-cache';
import { AccountsCacheWrites } from './accounts-cache-writes';
import {
  accountsView,
  completeListing,
  entryFromCache,
  listingProgress,
  roleNames,
  type CompleteListing,
  type SessionAccounts,
} from './accounts-entry';
import type { OnListingChanges } from './accounts-listing-end';
import { runListing, type AccountSessions, type ListingContext } from './accounts-listing';
import type { EventBus } from './events';
import type { SsoPort } from './ports';
import { silentLogger, type Logger } from '../log/logger';
import { summarizeListing, type ListingSummary } from '../status/session-status';

export type { CompleteListing } from './accounts-entry';
export type { AccountSessions } from './accounts-listing';

/** A list call revalidates unless the last revalidation finished this recently. */
const REVALIDATE_AFTER_MS = 60_000;

export type AccountChannels = 'accounts.list' | 'accounts.refresh' | 'roles.list';

export interface AccountsOptions {
  /** The app's data folder, where each session's list is cached. */
  dataDir: string;
  sso: SsoPort;
  sessions: AccountSessions;
  bus: EventBus;
  now(): number;
  changed(): void;
  log?: Logger | undefined;
  /** Told once per listing that found accounts or roles added or removed since the last one. */
  onChanges?: OnListingChanges | undefined;
}

export class AccountsService {
  private data = new Map<string, SessionAccounts>();
  private disposed = false;
  private readonly dataDir: string;
  private readonly sso: SsoPort;
  private readonly sessions: AccountSessions;
  private readonly bus: EventBus;
  private readonly changed: () => void;
  /** Cache writes; `dispose` closes them so nothing writes after shutdown. */
  private readonly cache: AccountsCacheWrites;
  /** What every listing is given. */
  private readonly listing: ListingContext;

  constructor(o: AccountsOptions) {
    this.dataDir = o.dataDir;
    this.sso = o.sso;
    this.sessions = o.sessions;
    this.bus = o.bus;
    this.changed = () => o.changed();
    const log = o.log ?? silentLogger;
    this.cache = new AccountsCacheWrites(o.dataDir, log);
    this.listing = {
      sso: o.sso,
      sessions: o.sessions,
      bus: o.bus,
      cache: this.cache,
      now: () => o.now(),
      changed: this.changed,
      log,
      onChanges: o.onChanges,
    };
  }

  handlers(): Pick<Handlers, AccountChannels> {
    return {
      'accounts.list': (p) => this.list(p.session, p.first),
      'accounts.refresh': async (p) => {
        await this.refresh(p.session);
      },
      'roles.list': (p) => this.roles(p.session, p.accountId),
    };
  }

  /** What the window shows at once; starts a background refresh when signed in. */
  async list(session: string, first?: number): Promise<AccountList> {
    const entry = await this.entry(session);
    const stale =
      entry.revalidatedAt === null || Date.now() - entry.revalidatedAt > REVALIDATE_AFTER_MS;
    if (this.sessions.isSignedIn(session) && entry.loading === null && stale) {
      this.revalidate(session);
    }
    return accountsView(entry, first);
  }

  /** Fetches everything again in the background (unless a load is already running). */
  async refresh(session: string): Promise<void> {
    await this.entry(session);
    this.revalidate(session);
  }

  /** One account's roles, fetched now (ahead of the background load). */
  async roles(session: string, accountId: string): Promise<Role[]> {
    const entry = await this.entry(session);
    if (entry.fresh.has(accountId)) return entry.roles.get(accountId) ?? [];
    let roles: Role[];
    try {
      roles = sortRoles(await this.sso.listAccountRoles(session, accountId));
    } catch (e) {
      this.sessions.noteError(session, e);
      throw e;
    }
    const wasNew = !entry.roles.has(accountId);
    entry.roles.set(accountId, roles);
    entry.fresh.add(accountId);
    this.bus.emit('accounts', {
      session,
      roles: { [accountId]: roleNames(roles) },
      progress: listingProgress(entry),
      loading: entry.loading !== null,
    });
    if (wasNew) this.changed();
    return roles;
  }

  /** Accounts (and role names where known) of a session, for the tray. */
  snapshot(session: string): AccountList | null {
    const entry = this.data.get(session);
    return entry === undefined ? null : accountsView(entry);
  }

  /** The name of an account of the session, if the list in memory has it (recents keep it). */
  accountName(session: string, accountId: string): string | undefined {
    return this.data.get(session)?.accounts.find((a) => a.accountId === accountId)?.accountName;
  }

  /** When the session's accounts were last listed and how many (memory, else the cache). */
  async summary(session: string): Promise<ListingSummary> {
    const entry = await this.entry(session);
    return summarizeListing(entry.updatedAt, entry.accounts, entry.roles);
  }

  isLoading(session: string): boolean {
    return this.data.get(session)?.loading != null;
  }

  /** Forgets what is in memory (after sign-out); the cache on disk stays for the next sign-in. */
  forget(session: string): void {
    const entry = this.data.get(session);
    if (entry !== undefined) entry.generation += 1;
    this.data.delete(session);
  }

  /**
   * Stops every background load from emitting or writing again and waits for cache writes
   * already under way, so the data folder is left alone once this resolves.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const entry of this.data.values()) entry.generation += 1;
    this.data.clear();
    await this.cache.close();
  }

  /**
   * Every account and role of a signed-in session, complete (Settings → Profiles): the listing
   * this run already finished, else the one under way, else a new one, whose progress goes out
   * as `accounts` events like any other. Throws what stopped the listing.
   */
  async complete(session: string): Promise<CompleteListing> {
    for (let round = 0; round < 3; round++) {
      if (this.disposed) break;
      if (!this.sessions.isSignedIn(session)) {
        throw new SsoTrayError(
          'NOT_SIGNED_IN',
          `Sign in to ${session} to list its accounts and roles.`,
          { session },
        );
      }
      const entry = await this.entry(session);
      if (entry.loading === null && entry.revalidatedAt !== null) {
        return completeListing(entry);
      }
      if (entry.loading === null) this.revalidate(session);
      if (entry.loading !== null) await entry.loading;
      // signed out (or forgotten) meanwhile: the next round says so
      if (this.data.get(session) !== entry) continue;
      if (entry.failure !== undefined) throw entry.failure;
      if (entry.revalidatedAt !== null) {
        return completeListing(entry);
      }
    }
    throw new SsoTrayError('CANCELLED', `The accounts of ${session} could not be listed.`, {
      session,
    });
  }

  /** Waits for the running background load, if any (tests, shutdown). */
  async idle(session: string): Promise<void> {
    for (;;) {
      const loading = this.data.get(session)?.loading;
      if (loading == null) return;
      await loading;
    }
  }

  private async entry(session: string): Promise<SessionAccounts> {
    const existing = this.data.get(session);
    if (existing !== undefined) return existing;
    const config = this.sessions.config(session);
    const cached = await readAccountsCache(this.dataDir, session, config.startUrl);
    const again = this.data.get(session);
    if (again !== undefined) return again;
    const entry = entryFromCache(cached);
    this.data.set(session, entry);
    return entry;
  }

  private revalidate(session: string): void {
    const entry = this.data.get(session);
    if (this.disposed || entry === undefined || entry.loading !== null) return;
    const generation = entry.generation;
    const current = () => this.data.get(session) === entry && entry.generation === generation;
    entry.loading = runListing(this.listing, session, entry, current).finally(() => {
      entry.loading = null;
    });
  }
}
