// Expiry of what the user holds: copied and written role credentials and the sign-in itself.
// Scheduler events become notifications (clicking one refreshes), automatic rewrites of written
// profiles, and one "sign in again" when the session ends. No polling: the scheduler's single
// timer drives everything.
import {
  ExpiryScheduler,
  type ExpiryItem,
  type SchedulerEvent,
  type WrittenExpiryItem,
} from '../expiry/scheduler';
import { notificationFor, type NotificationDescription } from '../expiry/notifications';
import type { Platform, RoleTarget } from '../tray/actions';
import type { ClockPort, NotifierPort, SsoPort } from './ports';
import type { Sessions } from './sessions';
import { silentLogger, type Logger } from '../log/logger';

const MAX_KEPT_NOTIFICATIONS = 100;

export interface ExpiryHooks {
  /** Rewrites a written profile with fresh credentials (auto refresh). */
  autoRefresh(item: WrittenExpiryItem): Promise<void>;
  changed(): void;
}

const sessionItemId = (session: string) => `session:${session}`;

export interface ExpiryOptions {
  clock: ClockPort;
  /** Minutes before an expiry at which the user is warned (settings). */
  thresholdsMinutes: readonly number[];
  platform: Platform;
  notifier: NotifierPort;
  sso: SsoPort;
  sessions: Sessions;
  hooks: ExpiryHooks;
  log?: Logger | undefined;
}

export class ExpiryService {
  readonly scheduler: ExpiryScheduler;
  private readonly shown = new Map<string, NotificationDescription>();

  private readonly platform: Platform;
  private readonly notifier: NotifierPort;
  private readonly sso: SsoPort;
  private readonly sessions: Sessions;
  private readonly hooks: ExpiryHooks;
  private readonly log: Logger;

  constructor(o: ExpiryOptions) {
    this.platform = o.platform;
    this.notifier = o.notifier;
    this.sso = o.sso;
    this.sessions = o.sessions;
    this.hooks = o.hooks;
    this.log = o.log ?? silentLogger;
    this.scheduler = new ExpiryScheduler(o.clock, o.thresholdsMinutes);
    this.scheduler.on((event) => void this.handle(event));
  }

  track(item: ExpiryItem): void {
    this.scheduler.replace(item);
  }

  trackSession(session: string, expiresAt: number | null): void {
    if (expiresAt === null) {
      this.scheduler.remove(sessionItemId(session));
      return;
    }
    this.scheduler.replace({
      id: sessionItemId(session),
      kind: 'session',
      label: session,
      expiresAt,
      session,
    });
  }

  forgetSession(session: string): void {
    this.scheduler.removeSession(session);
  }

  /** Says (once per sign-in) that the session ended and the user must sign in again. */
  notifySessionEnded(session: string): void {
    this.show(
      notificationFor(
        {
          type: 'sessionEnded',
          item: {
            id: sessionItemId(session),
            kind: 'session',
            label: session,
            expiresAt: 0,
            session,
          },
        },
        { platform: this.platform },
      ),
    );
  }

  /**
   * Says that a profile was left as it was because SSO Tray did not write it (a tray click or an
   * auto refresh never replaces one); clicking opens Access keys for the role, where the user
   * can confirm replacing it.
   */
  notifyProfileNotOurs(target: RoleTarget, profileName: string, message: string): void {
    const tag = `profile-not-ours:${target.session}:${profileName}`;
    this.show({
      id: `${tag}:${++this.notOursCount}`,
      tag,
      title: `Profile ${profileName} was not replaced`,
      body: message,
      onClick: { kind: 'openAccessKeys', ...target },
    });
  }
  private notOursCount = 0;

  /** Shows a notification of another part of the app (kept, so a click on it works). */
  notify(n: NotificationDescription): void {
    this.show(n);
  }

  notification(id: string): NotificationDescription | undefined {
    return this.shown.get(id);
  }

  list(): NotificationDescription[] {
    return [...this.shown.values()];
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private show(n: NotificationDescription | null): void {
    if (n === null) return;
    this.shown.delete(n.id);
    this.shown.set(n.id, n);
    while (this.shown.size > MAX_KEPT_NOTIFICATIONS) {
      const oldest = this.shown.keys().next().value;
      if (oldest === undefined) break;
      this.shown.delete(oldest);
    }
    try {
      this.notifier.show(n);
    } catch (e) {
      // A host that cannot show notifications still runs the rest.
      this.log.warn('a notification could not be shown', { error: e });
    }
  }

  private async handle(event: SchedulerEvent): Promise<void> {
    const { item } = event;
    if (event.type === 'autoRefresh') {
      try {
        await this.hooks.autoRefresh(event.item);
      } catch (e) {
        this.log.warn('auto refresh failed', { profile: event.item.profileName, error: e });
        this.sessions.noteError(item.session, e);
        // Not replaced: the scheduler says "expired" at expiry, which offers a manual refresh.
      }
      return;
    }
    if (item.kind === 'session') {
      // The access token can often be renewed with the refresh token: try before warning.
      if (await this.renewed(item.session, item.expiresAt)) return;
      if (event.type === 'sessionEnded') {
        this.sessions.markExpired(item.session);
        if (this.sessions.markEndedNotified(item.session)) {
          this.show(notificationFor(event, { platform: this.platform }));
        }
        this.hooks.changed();
        return;
      }
    }
    this.show(notificationFor(event, { platform: this.platform }));
    this.hooks.changed();
  }

  private async renewed(session: string, expiresAt: number): Promise<boolean> {
    try {
      await this.sso.accessToken(session);
      const info = await this.sessions.refreshStatus(session);
      if (info.status === 'signed-in' && info.expiresAt !== null && info.expiresAt > expiresAt) {
        this.trackSession(session, info.expiresAt);
        this.hooks.changed();
        return true;
      }
    } catch (e) {
      // Could not renew: warn as planned.
      this.log.info('the sign-in could not be renewed before its end', { session, error: e });
    }
    return false;
  }
}
