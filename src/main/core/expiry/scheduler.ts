// Tells the app when credentials and sessions are about to expire, without polling: one timer,
// set for the next moment something is due. Every decision is taken by `evaluate()` from the
// clock's current time, so a timer that fires late (sleep, a busy machine, a clock change) gives
// the same result as one on time: at most one warning per item for the tightest threshold
// crossed, never a burst.
import { systemClock, type TimerClock } from '../clock';
import type { RoleTarget } from '../tray/actions';

/** What every tracked item has. */
interface ExpiryItemBase {
  /** Unique key, e.g. `creds:acme:123456789012:Admin` or `session:acme`. */
  id: string;
  /** What a person reads, e.g. `123456789012 · AdministratorAccess`; never a secret. */
  label: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** When it was obtained; defaults to the time the item was added. */
  obtainedAt?: number;
}

/** A sign-in (an sso-session's access token). */
export interface SessionExpiryItem extends ExpiryItemBase {
  kind: 'session';
  /** The sso-session's name. */
  session: string;
}

/** Role credentials, for one role of an account reached through `session`. */
interface CredentialsItemBase extends ExpiryItemBase, RoleTarget {
  kind: 'credentials';
}

/** Credentials the user copied (the clipboard or the window). */
export interface CopiedExpiryItem extends CredentialsItemBase {
  source: 'copied';
}

/** Credentials written to a profile of the credentials file. */
export interface WrittenExpiryItem extends CredentialsItemBase {
  source: 'written';
  profileName: string;
  /** Refresh by itself shortly before expiry while its session lasts. */
  autoRefresh: boolean;
}

export type CredentialsExpiryItem = CopiedExpiryItem | WrittenExpiryItem;

export type ExpiryItem = SessionExpiryItem | CredentialsExpiryItem;

export type SchedulerEvent =
  | { type: 'warn'; item: ExpiryItem; thresholdMinutes: number; msLeft: number }
  | { type: 'expired'; item: CredentialsExpiryItem }
  | { type: 'autoRefresh'; item: WrittenExpiryItem; msLeft: number }
  | { type: 'sessionEnded'; item: SessionExpiryItem };

export type SchedulerListener = (event: SchedulerEvent) => void;

const DEFAULT_THRESHOLDS_MINUTES: readonly number[] = [15, 5];
const MINUTE = 60_000;
/** Auto refresh happens at most this long before expiry… */
const AUTO_REFRESH_MAX_LEAD_MS = 5 * MINUTE;
/** …and at most this share of the credentials' lifetime before it. */
const AUTO_REFRESH_LIFETIME_SHARE = 0.1;
/** setTimeout cannot wait longer than 2^31-1 ms; a longer wait is split. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Tracked {
  item: ExpiryItem;
  obtainedAt: number;
  /** Thresholds (minutes) already warned or already passed. */
  passed: Set<number>;
  ended: boolean;
  autoRefreshed: boolean;
}

export class ExpiryScheduler {
  private readonly items = new Map<string, Tracked>();
  private readonly listeners = new Set<SchedulerListener>();
  private thresholds: number[];
  private cancelTimer: (() => void) | null = null;
  private nextDueAt: number | null = null;
  private disposed = false;

  constructor(
    private readonly clock: TimerClock = systemClock,
    thresholdsMinutes: readonly number[] = DEFAULT_THRESHOLDS_MINUTES,
  ) {
    this.thresholds = normaliseThresholds(thresholdsMinutes);
  }

  on(listener: SchedulerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts tracking `item`, or replaces the tracked item with the same id (after a refresh):
   * its warnings start over. An item that already has less time left than a threshold warns at
   * once, for the tightest threshold only.
   */
  replace(item: ExpiryItem): void {
    const now = this.clock.now();
    this.items.set(item.id, {
      item: { ...item },
      obtainedAt: item.obtainedAt ?? now,
      passed: new Set(),
      ended: false,
      autoRefreshed: false,
    });
    this.evaluate();
  }

  /** Alias of `replace` for readability when an item is new. */
  add(item: ExpiryItem): void {
    this.replace(item);
  }

  remove(id: string): void {
    if (this.items.delete(id)) this.reschedule();
  }

  /** Stops tracking everything that belongs to `session` (including the session itself). */
  removeSession(session: string): void {
    for (const [id, t] of this.items) if (t.item.session === session) this.items.delete(id);
    this.reschedule();
  }

  get(id: string): ExpiryItem | undefined {
    return this.items.get(id)?.item;
  }

  list(): ExpiryItem[] {
    return [...this.items.values()].map((t) => t.item);
  }

  /** New thresholds apply from now on; thresholds already behind an item do not fire. */
  setThresholds(minutes: readonly number[]): void {
    this.thresholds = normaliseThresholds(minutes);
    const now = this.clock.now();
    for (const t of this.items.values()) {
      t.passed = new Set(this.thresholds.filter((m) => t.item.expiresAt - now <= m * MINUTE));
    }
    this.reschedule();
  }

  getThresholds(): number[] {
    return [...this.thresholds];
  }

  /** Re-evaluates everything from `now()`: call on resume from sleep or a clock change. */
  recompute(): void {
    this.evaluate();
  }

  /** When the single timer will fire next (epoch ms), or null when nothing is pending. */
  nextDue(): number | null {
    return this.nextDueAt;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.nextDueAt = null;
    this.items.clear();
    this.listeners.clear();
  }

  private sessionValid(session: string, now: number): boolean {
    for (const t of this.items.values()) {
      if (t.item.kind === 'session' && t.item.session === session) {
        return !t.ended && t.item.expiresAt > now;
      }
    }
    // No session tracked: let the auto-refresh try; it fails cleanly if signed out.
    return true;
  }

  private autoRefreshAt(t: Tracked): number {
    const lifetime = Math.max(0, t.item.expiresAt - t.obtainedAt);
    const lead = Math.min(AUTO_REFRESH_MAX_LEAD_MS, lifetime * AUTO_REFRESH_LIFETIME_SHARE);
    return t.item.expiresAt - lead;
  }

  /** The item when it is kept fresh by itself now: written, auto refresh on, its session valid. */
  private keptFresh(item: ExpiryItem, now: number): WrittenExpiryItem | undefined {
    return item.kind === 'credentials' &&
      item.source === 'written' &&
      item.autoRefresh &&
      this.sessionValid(item.session, now)
      ? item
      : undefined;
  }

  private evaluate(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    const events: SchedulerEvent[] = [];
    // Sessions first, so credentials see an ended session in the same pass.
    const ordered = [...this.items.values()].sort(
      (a, b) => Number(b.item.kind === 'session') - Number(a.item.kind === 'session'),
    );
    for (const t of ordered) {
      if (t.ended) continue;
      const msLeft = t.item.expiresAt - now;
      const autoRefresh = this.keptFresh(t.item, now);
      if (autoRefresh !== undefined) {
        // Kept fresh by itself: no warnings; refresh once when due (even if a sleep made it late).
        let refreshingNow = false;
        if (!t.autoRefreshed && now >= this.autoRefreshAt(t)) {
          t.autoRefreshed = true;
          refreshingNow = true;
          events.push({ type: 'autoRefresh', item: autoRefresh, msLeft });
        }
        if (msLeft > 0) continue;
        if (refreshingNow) {
          // Woke up after expiry: the refresh just asked for replaces it; no "expired" noise.
          t.ended = true;
          continue;
        }
        // The refresh did not replace the item in time: say it expired (below).
      }
      if (msLeft <= 0) {
        t.ended = true;
        for (const m of this.thresholds) t.passed.add(m);
        events.push(
          t.item.kind === 'session'
            ? { type: 'sessionEnded', item: t.item }
            : { type: 'expired', item: t.item },
        );
        continue;
      }
      const crossed = this.thresholds.filter((m) => msLeft <= m * MINUTE && !t.passed.has(m));
      if (crossed.length > 0) {
        for (const m of crossed) t.passed.add(m);
        const tightest = Math.min(...crossed);
        events.push({ type: 'warn', item: t.item, thresholdMinutes: tightest, msLeft });
      }
    }
    this.reschedule(now);
    for (const event of events) this.emit(event);
  }

  private emit(event: SchedulerEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing listener must not break the schedule of the others.
      }
    }
  }

  private nextDueFor(t: Tracked, now: number): number | null {
    if (t.ended) return null;
    const due: number[] = [];
    if (this.keptFresh(t.item, now) !== undefined) {
      if (!t.autoRefreshed) due.push(this.autoRefreshAt(t));
      // Still due at expiry in case the session ends before the refresh happens.
      due.push(t.item.expiresAt);
    } else {
      due.push(t.item.expiresAt);
      for (const m of this.thresholds) {
        if (!t.passed.has(m)) due.push(t.item.expiresAt - m * MINUTE);
      }
    }
    return due.length === 0 ? null : Math.min(...due);
  }

  private reschedule(now: number = this.clock.now()): void {
    if (this.disposed) return;
    let next: number | null = null;
    for (const t of this.items.values()) {
      const due = this.nextDueFor(t, now);
      if (due !== null && (next === null || due < next)) next = due;
    }
    if (next === this.nextDueAt && this.cancelTimer !== null) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.nextDueAt = next;
    if (next === null) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next - now));
    this.cancelTimer = this.clock.setTimer(wait, () => {
      this.cancelTimer = null;
      this.nextDueAt = null;
      this.evaluate();
    });
  }
}

function normaliseThresholds(minutes: readonly number[]): number[] {
  return [...new Set(minutes.filter((m) => Number.isFinite(m) && m > 0))].sort((a, b) => b - a);
}
