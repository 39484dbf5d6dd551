// Accounts and roles of each session: served at once from memory or the on-disk cache, then
// revalidated in the background — the first page of accounts first (so the window fills fast),
// then every page, then every account's roles, streamed as `accounts` events with progress.
// Throttling is the SSO service's business (it retries); it never becomes an error event here.
import { SsoTrayError, isSsoTrayError } from '../errors';
import type { AccountList } from '../../../shared/ipc-views';
import { toErrorInfo, type Handlers } from '../ipc/dispatch';
import { mergeAccounts, sortAccounts, sortRoles } from '../../../shared/account-order';
import type { Account, Role } from '../../../shared/schemas';
import { readAccountsCache, writeAccountsCache } from './accounts-cache';
import type { EventBus } from './events';
import type { SsoPort } from './ports';
import type { Sessions } from './sessions';
import { silentLogger, type Logger } from '../log/logger';
import { summarizeListing, type ListingSummary } from '../status/session-status';
import { listingChanges, type Listing } from '../status/listing-changes';
import { hasChanges, type ListingChanges } from '../../../shared/status-rules';

interface SessionAccounts {
  accounts: Account[];
  roles: Map<string, Role[]>;
  /** Accounts whose roles were fetched by the last or the running listing (not the cache). */
  fresh: Set<string>;
  updatedAt: number | null;
  fromCache: boolean;
  loading: Promise<void> | null;
  /** Real time of the last completed revalidation, to avoid refetching on every list call. */
  revalidatedAt: number | null;
  generation: number;
  /** What stopped the last background load, until the next one starts. */
  failure: unknown;
}

/** Every account of a session and the roles of each, from one complete listing. */
export interface CompleteListing {
  accounts: Account[];
  roles: ReadonlyMap<string, Role[]>;
}

/** A list call revalidates unless the last revalidation finished this recently. */
const REVALIDATE_AFTER_MS = 60_000;
/** Role events are batched: at most one per this interval (a UI concern; real time). */
const ROLES_FLUSH_MS = 150;

/** The window and the tray receive roles as names per account (the wire shape, see shared/ipc-views.ts). */
const roleNames = (roles: readonly Role[]): string[] => roles.map((r) => r.roleName);

/** What the listing needs of the sessions: their config, whether signed in, where errors go. */
export type AccountSessions = Pick<Sessions, 'config' | 'isSignedIn' | 'noteError'>;

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
  onChanges?: ((session: string, changes: ListingChanges) => void) | undefined;
}

export class AccountsService {
  private data = new Map<string, SessionAccounts>();
  /** Cache writes under way; `dispose` waits for them so nothing writes after shutdown. */
  private readonly saving = new Set<Promise<void>>();
  private disposed = false;
  private readonly dataDir: string;
  private readonly sso: SsoPort;
  private readonly sessions: AccountSessions;
  private readonly bus: EventBus;
  private readonly now: () => number;
  private readonly changed: () => void;
  private readonly log: Logger;
  private readonly onChanges: ((session: string, changes: ListingChanges) => void) | undefined;

  constructor(o: AccountsOptions) {
    this.dataDir = o.dataDir;
    this.sso = o.sso;
    this.sessions = o.sessions;
    this.bus = o.bus;
    this.now = () => o.now();
    this.changed = () => o.changed();
    this.log = o.log ?? silentLogger;
    this.onChanges = o.onChanges;
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
    return this.view(entry, first);
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
      progress: this.progress(entry),
      loading: entry.loading !== null,
    });
    if (wasNew) this.changed();
    return roles;
  }

  /** Accounts (and role names where known) of a session, for the tray. */
  snapshot(session: string): AccountList | null {
    const entry = this.data.get(session);
    return entry === undefined ? null : this.view(entry);
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
    await Promise.all([...this.saving]);
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
        return { accounts: [...entry.accounts], roles: new Map(entry.roles) };
      }
      if (entry.loading === null) this.revalidate(session);
      if (entry.loading !== null) await entry.loading;
      // signed out (or forgotten) meanwhile: the next round says so
      if (this.data.get(session) !== entry) continue;
      if (entry.failure !== undefined) throw entry.failure;
      if (entry.revalidatedAt !== null) {
        return { accounts: [...entry.accounts], roles: new Map(entry.roles) };
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

  private view(entry: SessionAccounts, first?: number): AccountList {
    const roles: Record<string, string[]> = {};
    const accounts =
      first === undefined || first >= entry.accounts.length
        ? entry.accounts
        : entry.accounts.slice(0, first);
    if (accounts === entry.accounts) {
      for (const [accountId, list] of entry.roles) roles[accountId] = roleNames(list);
    } else {
      for (const { accountId } of accounts) {
        const list = entry.roles.get(accountId);
        if (list !== undefined) roles[accountId] = roleNames(list);
      }
    }
    return {
      total: entry.accounts.length,
      accounts,
      roles,
      fromCache: entry.fromCache,
      updatedAt: entry.updatedAt,
      loading: entry.loading !== null,
    };
  }

  private progress(entry: SessionAccounts) {
    return { rolesLoaded: entry.roles.size, accounts: entry.accounts.length };
  }

  private async entry(session: string): Promise<SessionAccounts> {
    const existing = this.data.get(session);
    if (existing !== undefined) return existing;
    const config = this.sessions.config(session);
    const cached = await readAccountsCache(this.dataDir, session, config.startUrl);
    const again = this.data.get(session);
    if (again !== undefined) return again;
    const entry: SessionAccounts = {
      accounts: sortAccounts(cached?.accounts ?? []),
      roles: cached?.roles ?? new Map(),
      fresh: new Set(),
      updatedAt: cached?.updatedAt ?? null,
      fromCache: cached !== undefined,
      loading: null,
      revalidatedAt: null,
      generation: 0,
      failure: undefined,
    };
    this.data.set(session, entry);
    return entry;
  }

  private revalidate(session: string): void {
    const entry = this.data.get(session);
    if (this.disposed || entry === undefined || entry.loading !== null) return;
    const generation = entry.generation;
    const current = () => this.data.get(session) === entry && entry.generation === generation;
    entry.loading = this.load(session, entry, current).finally(() => {
      entry.loading = null;
    });
  }

  private async load(
    session: string,
    entry: SessionAccounts,
    current: () => boolean,
  ): Promise<void> {
    entry.failure = undefined;
    const startUrl = this.sessions.config(session).startUrl;
    const hadList = entry.accounts.length > 0;
    // Every listing fetches every account's roles again (a refresh must see roles added or
    // removed); only those the user expands while it runs are not fetched twice.
    entry.fresh = new Set();
    // The listing this one is compared with; none before a session's first listing.
    const previous: Listing | null =
      entry.updatedAt === null
        ? null
        : { updatedAt: entry.updatedAt, accounts: entry.accounts, roles: new Map(entry.roles) };
    let accounts: Account[];
    try {
      accounts = await this.sso.listAccounts(session, (page) => {
        // Without a cached list, show accounts page by page as they come.
        if (!hadList && current()) {
          entry.accounts = mergeAccounts(entry.accounts, page);
          this.bus.emit('accounts', {
            session,
            accounts: entry.accounts,
            roles: {},
            progress: this.progress(entry),
            loading: true,
          });
        }
      });
    } catch (e) {
      this.fail(session, entry, e, current);
      return;
    }
    if (!current()) return;
    // Kept in display order: the window only checks it, and a first screen is a slice of it.
    accounts = sortAccounts(accounts);
    const ids = new Set(accounts.map((a) => a.accountId));
    for (const id of [...entry.roles.keys()]) if (!ids.has(id)) entry.roles.delete(id);
    entry.accounts = accounts;
    entry.updatedAt = this.now();
    entry.fromCache = false;
    this.bus.emit('accounts', {
      session,
      accounts,
      roles: {},
      progress: this.progress(entry),
      loading: true,
      updatedAt: entry.updatedAt,
    });
    this.changed();
    await this.save(session, startUrl, entry);

    // Roles: accounts already fetched (expanded by the user meanwhile) are skipped.
    let batch: Record<string, string[]> = {};
    let batchSize = 0;
    let lastFlush = Date.now();
    const flush = () => {
      if (batchSize === 0 || !current()) return;
      this.bus.emit('accounts', {
        session,
        roles: batch,
        progress: this.progress(entry),
        loading: true,
      });
      batch = {};
      batchSize = 0;
      lastFlush = Date.now();
    };
    const todo = accounts.filter((a) => !entry.fresh.has(a.accountId));
    try {
      await this.sso.listAllRoles(session, todo, (accountId, listed) => {
        if (!current()) return;
        const roles = sortRoles(listed);
        entry.roles.set(accountId, roles);
        entry.fresh.add(accountId);
        batch[accountId] = roleNames(roles);
        batchSize += 1;
        if (Date.now() - lastFlush >= ROLES_FLUSH_MS) flush();
      });
    } catch (e) {
      flush();
      this.fail(session, entry, e, current);
      return;
    }
    if (!current()) return;
    flush();
    entry.revalidatedAt = Date.now();
    await this.save(session, startUrl, entry);
    const changes =
      previous === null
        ? null
        : listingChanges(previous, {
            updatedAt: entry.updatedAt,
            accounts: entry.accounts,
            roles: entry.roles,
          });
    const changed = changes !== null && hasChanges(changes) ? changes : null;
    this.bus.emit('accounts', {
      session,
      roles: {},
      progress: this.progress(entry),
      loading: false,
      updatedAt: entry.updatedAt,
      ...(changed === null ? {} : { changes: changed }),
    });
    // Not after dispose or a sign-out meanwhile: the notification would outlive its session.
    if (changed !== null && current()) this.onChanges?.(session, changed);
    this.changed();
  }

  private fail(session: string, entry: SessionAccounts, e: unknown, current: () => boolean): void {
    if (!current()) return;
    entry.failure = e;
    this.log.warn('listing failed', { session, error: e });
    this.sessions.noteError(session, e);
    const throttled = isSsoTrayError(e, 'THROTTLED');
    this.bus.emit('accounts', {
      session,
      roles: {},
      progress: this.progress(entry),
      loading: false,
      ...(throttled ? {} : { error: toErrorInfo(e) }),
    });
    this.changed();
  }

  private async save(session: string, startUrl: string, entry: SessionAccounts): Promise<void> {
    if (entry.updatedAt === null || this.disposed) return;
    const write = this.write(session, startUrl, entry);
    this.saving.add(write);
    try {
      await write;
    } finally {
      this.saving.delete(write);
    }
  }

  private async write(session: string, startUrl: string, entry: SessionAccounts): Promise<void> {
    if (entry.updatedAt === null) return;
    try {
      await writeAccountsCache(this.dataDir, session, startUrl, {
        updatedAt: entry.updatedAt,
        accounts: entry.accounts,
        roles: entry.roles,
      });
    } catch (e) {
      // The cache only speeds up the next start; the list in memory is what matters now.
      this.log.warn('the accounts cache could not be written', { session, error: e });
    }
  }
}
