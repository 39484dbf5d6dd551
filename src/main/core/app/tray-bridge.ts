// Between the core and the tray and notifications: the tray's menu model and icon status built
// from the current state, and a click on a menu item or a notification turned into its action,
// run through the same handlers as the window (src/main/core/tray/run-action.ts). A failed
// action becomes a notice; a profile that is not SSO Tray's own also gets a notification.
import type { NotificationDescription } from '../expiry/notifications';
import type { TrayAction } from '../tray/actions';
import { trayStateFromSnapshot } from '../tray/from-snapshot';
import { buildTrayMenu, type TrayMenuItem } from '../tray/menu';
import { findMenuItem } from '../tray/menu-lookup';
import { runTrayAction, type TrayActionHandlers } from '../tray/run-action';
import { trayStatus, type TrayStatus } from '../tray/status';
import type { Envelope } from '../../../shared/ipc-contract';
import type { StateSnapshot } from '../../../shared/ipc-views';
import { defaultProfileName } from '../../../shared/credential-formats';
import type { ErrorInfo } from '../../../shared/schemas';
import type { AccountsService } from './accounts';
import { roleTarget, type RoleTarget } from './credentials';
import type { EventBus } from './events';
import type { ExpiryService } from './expiry';
import type { ClockPort, WindowPort } from './ports';

/** The longest notice message the IPC contract carries. */
const MAX_NOTICE = 500;

export interface TrayControls {
  model(): TrayMenuItem[];
  status(): TrayStatus;
  /** Performs the action of the item with this id (also inside submenus). */
  click(itemId: string): Promise<Envelope<unknown>>;
}

export interface NotificationControls {
  /** Clicking a notification (or one of its action buttons) refreshes what it is about. */
  click(id: string, actionId?: string): Promise<Envelope<unknown>>;
  /** Notifications shown so far, oldest first. */
  list(): NotificationDescription[];
}

export interface TrayBridgeOptions {
  snapshot(): StateSnapshot;
  activeSession(): string | null;
  accounts: AccountsService;
  expiry: ExpiryService;
  bus: EventBus;
  clock: ClockPort;
  /** Actions wait for it (its failure is logged where it is made). */
  ready: Promise<void>;
  /** The window's handlers, for tray clicks. */
  handlers: TrayActionHandlers;
  /** The handlers a notification click uses: refreshes fetch new credentials. */
  freshHandlers: TrayActionHandlers;
  window?: WindowPort | undefined;
  /** Called by the tray's Quit item. */
  quit?: (() => void) | undefined;
}

/**
 * A profile the tray or an auto refresh was to write is not SSO Tray's own: a notice, and a
 * notification that opens Access keys for the role, where the user can confirm replacing it.
 */
export function warnProfileNotOurs(
  o: { bus: EventBus; expiry: ExpiryService },
  t: RoleTarget,
  profileName: string,
  error: ErrorInfo,
): void {
  const hint = ' To replace it, write it from the window: open Access keys for this role.';
  const message =
    error.message.length + hint.length <= MAX_NOTICE
      ? error.message + hint
      : `${error.message.slice(0, MAX_NOTICE - hint.length - 1)}…${hint}`;
  o.bus.emit('notice', { level: 'warning', message });
  o.expiry.notifyProfileNotOurs(t, profileName, message);
}

export class TrayBridge {
  readonly tray: TrayControls;
  readonly notifications: NotificationControls;

  constructor(private readonly o: TrayBridgeOptions) {
    this.tray = {
      model: () => this.model(),
      status: () => trayStatus(trayStateFromSnapshot(o.snapshot(), null, o.clock.now())),
      click: async (itemId) => {
        const item = findMenuItem(this.model(), { id: itemId });
        if (item?.action === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such menu item.' } };
        }
        return this.perform(item.action, o.handlers);
      },
    };
    this.notifications = {
      click: async (id, actionId) => {
        const n = o.expiry.notification(id);
        if (n === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such notification.' } };
        }
        const action =
          actionId === undefined ? n.onClick : n.actions?.find((a) => a.id === actionId)?.action;
        if (action === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such action.' } };
        }
        return this.perform(action, o.freshHandlers);
      },
      list: () => o.expiry.list(),
    };
  }

  private model(): TrayMenuItem[] {
    const snap = this.o.snapshot();
    const active = snap.activeSession;
    const list = active === null ? null : this.o.accounts.snapshot(active);
    const loading = active !== null && this.o.accounts.isLoading(active);
    return buildTrayMenu(trayStateFromSnapshot(snap, list, this.o.clock.now(), loading));
  }

  private async perform(action: TrayAction, h: TrayActionHandlers): Promise<Envelope<unknown>> {
    const { bus } = this.o;
    await this.o.ready.catch(() => undefined); // logged where `ready` is made
    const result = await runTrayAction(action, {
      handlers: h,
      activeSession: () => this.o.activeSession(),
      showWindow: () => this.o.window?.show(),
      navigate: (event) => bus.emit('navigate', event),
      quit: () => this.o.quit?.(),
    });
    if (!result.ok && result.error.code === 'PROFILE_NOT_OURS' && action.kind === 'writeProfile') {
      const profileName =
        action.profileName ?? defaultProfileName(action.accountId, action.roleName);
      warnProfileNotOurs(this.o, roleTarget(action), profileName, result.error);
    } else if (!result.ok) {
      bus.emit('notice', { level: 'error', message: result.error.message });
    }
    return result;
  }
}
