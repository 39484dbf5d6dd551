// The platform-free app service behind every front end (Electron window and tray, web host):
// one implementation per channel of the IPC contract, one event subscription for every state
// change, the tray's menu model and the notifications' click actions. It composes the SSO
// service, the credentials writers, the settings store and the expiry scheduler; the OS is
// reached only through the ports in ./ports.
import { join } from 'node:path';
import { z } from 'zod';
import type { NotificationDescription } from '../expiry/notifications';
import type { WrittenExpiryItem } from '../expiry/scheduler';
import { toggledFavourite, sameRole, type Settings } from '../settings/schema';
import type { SettingsPatch } from '../settings/schema';
import type { TrayAction } from '../tray/actions';
import { trayStateFromSnapshot } from '../tray/from-snapshot';
import { buildTrayMenu, type TrayMenuItem } from '../tray/menu';
import { runTrayAction, type TrayActionHandlers } from '../tray/run-action';
import { trayStatus, type TrayStatus } from '../tray/status';
import { UNEXPECTED_MESSAGE, type DispatchOptions, type Handlers } from '../ipc/dispatch';
import type { Envelope } from '../../../shared/ipc-contract';
import type { SettingsView, StateSnapshot } from '../../../shared/ipc-views';
import { defaultProfileName } from '../../../shared/credential-formats';
import type { ErrorInfo } from '../../../shared/schemas';
import { SsoTrayError, isSsoTrayError } from '../errors';
import { silentLogger } from '../log/logger';
import { sessionStatus } from '../status/session-status';
import { listingChangesNotification } from '../status/changes-notification';
import type { SessionTokenInfo } from '../sso/core';
import type { SessionStatusView } from '../../../shared/session-status';
import { AccountsService } from './accounts';
import { CredentialsService, activeCredentials, type RoleTarget } from './credentials';
import { EventBus, type AppEventListener } from './events';
import { ExpiryService } from './expiry';
import { guardHandlers } from './handler-guard';
import { readJsonFile, writeJsonFile } from './json-file';
import type { AppCoreDeps } from './ports';
import { defaultProfileWriter, defaultSso } from './services';
import { Sessions } from './sessions';

export type { AppCoreDeps } from './ports';
export type * from './ports';
export type { AppEventListener, EventPayload } from './events';

export interface AppCore {
  /** One async function per request channel (payloads already validated by the dispatcher). */
  handlers: Handlers;
  /** Every state change, pushed: `state`, `auth`, `accounts`, `credentials`, `notice`, `navigate`. */
  subscribe(listener: AppEventListener): () => void;
  /** Resolves once sessions and their sign-in state are loaded. */
  ready: Promise<void>;
  /** What hosts pass to dispatchInvoke: refusals go to the log, unknown errors say where it is. */
  dispatchOptions: DispatchOptions;
  state(): StateSnapshot;
  tray: {
    model(): TrayMenuItem[];
    status(): TrayStatus;
    /** Performs the action of the item with this id (also inside submenus). */
    click(itemId: string): Promise<Envelope<unknown>>;
  };
  notifications: {
    /** Clicking a notification (or one of its action buttons) refreshes what it is about. */
    click(id: string, actionId?: string): Promise<Envelope<unknown>>;
    /** Notifications shown so far, oldest first. */
    list(): NotificationDescription[];
  };
  /** Re-evaluates every expiry (resume from sleep, clock change). */
  recompute(): void;
  /** Stops timers and clears the clipboard if it still holds our copy. */
  dispose(): Promise<void>;
}

const appStateSchema = z.object({ autoRefreshProfiles: z.boolean().catch(false) });
/** The longest notice message the IPC contract carries. */
const MAX_NOTICE = 500;

export function createAppCore(deps: AppCoreDeps): AppCore {
  const log = deps.logger ?? silentLogger;
  const bus = new EventBus();
  const sso = deps.sso ?? defaultSso(deps.env, log.child('sso'));
  const profiles = deps.profiles ?? defaultProfileWriter();
  const settings = deps.settings;
  const appStatePath = join(deps.dataDir, 'app-state.json');
  let disposed = false;

  const changed = () => {
    if (disposed) return;
    bus.emit('state', snapshot());
    bus.emit('credentials', { credentials: activeCredentials(expiry.scheduler.list()) });
  };

  const sessions = new Sessions(
    deps.env,
    sso,
    settings,
    deps.browser,
    bus,
    {
      signedIn: (name, expiresAt) => {
        expiry.trackSession(name, expiresAt);
        void accounts
          .refresh(name)
          .catch((e: unknown) =>
            log.warn('listing after sign-in failed', { session: name, error: e }),
          );
        // Profiles kept fresh for this session are renewed again from now on.
        void credentials
          .restoreAutoRefresh(new Set([name]))
          .catch((e: unknown) =>
            log.warn('profiles kept fresh could not be tracked again', { session: name, error: e }),
          );
      },
      signedOut: (name) => {
        expiry.forgetSession(name);
        accounts.forget(name);
        credentials.forgetSession(name);
        void credentials.clearOwnedClipboard();
      },
      ended: (name) => expiry.notifySessionEnded(name),
      changed,
    },
    deps.allowLoopbackHttp === true,
    deps.confirm,
    log.child('sessions'),
  );

  const accounts = new AccountsService(
    deps.dataDir,
    sso,
    sessions,
    bus,
    () => deps.clock.now(),
    changed,
    log.child('accounts'),
    (session, changes) => {
      // One notification per listing that changed; clicking it opens the window.
      expiry.showNotification(listingChangesNotification(session, changes, deps.clock.now()));
    },
  );

  const accountName = (session: string, accountId: string) =>
    accounts.snapshot(session)?.accounts.find((a) => a.accountId === accountId)?.accountName;

  const credentials = new CredentialsService(
    deps.env,
    sso,
    profiles,
    sessions,
    settings,
    deps.clipboard,
    deps.clock,
    (url) => sessions.open(url),
    {
      track: (item) => expiry.track(item),
      changed,
      accountName,
    },
    log.child('credentials'),
  );

  const expiry = new ExpiryService(
    deps.clock,
    settings.get().thresholdsMinutes,
    deps.platform,
    deps.notifier,
    sso,
    sessions,
    {
      autoRefresh: async (item: WrittenExpiryItem) => {
        const target = {
          session: item.session,
          accountId: item.accountId,
          roleName: item.roleName,
        };
        try {
          await credentials.writeProfile(target, item.profileName, true, { fresh: true });
        } catch (e) {
          // never replaced without the user: tell them, and how to do it from the window
          if (isSsoTrayError(e, 'PROFILE_NOT_OURS')) profileNotOurs(target, item.profileName, e);
          throw e;
        }
      },
      changed,
    },
    log.child('expiry'),
  );

  /**
   * A profile the tray or an auto refresh was to write is not SSO Tray's own: a notice, and a
   * notification that opens Access keys for the role, where the user can confirm replacing it.
   */
  function profileNotOurs(t: RoleTarget, profileName: string, error: ErrorInfo): void {
    const hint = ' To replace it, write it from the window: open Access keys for this role.';
    const message =
      error.message.length + hint.length <= MAX_NOTICE
        ? error.message + hint
        : `${error.message.slice(0, MAX_NOTICE - hint.length - 1)}…${hint}`;
    bus.emit('notice', { level: 'warning', message });
    expiry.notifyProfileNotOurs(t, profileName, message);
  }

  function settingsView(s: Settings): SettingsView {
    return {
      thresholdsMinutes: s.thresholdsMinutes,
      clipboardClearSeconds: s.clipboardClearSeconds,
      autoRefreshProfiles: credentials.autoRefreshAll,
      launchAtLogin: s.launchAtLogin,
      theme: s.theme,
    };
  }

  function snapshot(): StateSnapshot {
    const s = settings.get();
    return {
      platform: deps.platform,
      sessions: sessions.views(),
      configFile: sessions.configFile(),
      configIssues: sessions.issues(),
      logsLocation: deps.logsLocation ?? null,
      activeSession: sessions.active(),
      settings: settingsView(s),
      favourites: s.favourites,
      recents: s.recents,
      credentials: activeCredentials(expiry.scheduler.list()),
    };
  }

  /** Every shown session's status: files and memory only, never the network (status/). */
  async function sessionStatuses(): Promise<SessionStatusView[]> {
    const now = deps.clock.now();
    return Promise.all(
      sessions.views().map(async (v) => {
        let token: SessionTokenInfo | undefined;
        try {
          token = await sso.tokenInfo?.(v.name);
        } catch (e) {
          log.warn('the token cache could not be read for the status', {
            session: v.name,
            error: e,
          });
        }
        if (sso.tokenInfo === undefined && v.expiresAt !== null) {
          token = { expiresAt: v.expiresAt, hasRefreshToken: false, registrationExpiresAt: null };
        }
        const listing = await accounts.summary(v.name).catch(() => undefined);
        return sessionStatus({ session: v.name, state: v.status, token, listing }, now);
      }),
    );
  }

  const ready = (async () => {
    const saved = appStateSchema.safeParse(await readJsonFile(appStatePath));
    credentials.autoRefreshAll = saved.success && saved.data.autoRefreshProfiles;
    await sessions.load();
    const signedIn = new Set<string>();
    for (const view of sessions.views()) {
      if (view.status !== 'signed-in') continue;
      signedIn.add(view.name);
      expiry.trackSession(view.name, view.expiresAt);
    }
    try {
      await credentials.restoreAutoRefresh(signedIn);
    } catch (e) {
      // An unreadable record only means nothing is renewed until the user writes again.
      log.warn('profiles kept fresh could not be tracked again', { error: e });
    }
  })();
  // Handlers wait for `ready`; a failure there leaves every session signed out.
  ready.catch((e: unknown) => log.error('the app core did not start', { error: e }));

  const unsubscribeSettings = settings.onChange((s) => {
    expiry.scheduler.setThresholds(s.thresholdsMinutes);
    changed();
  });

  async function updateSettings(patch: Partial<SettingsView>): Promise<SettingsView> {
    const { autoRefreshProfiles, ...rest } = patch;
    const next: SettingsPatch = { ...rest };
    if (autoRefreshProfiles !== undefined && autoRefreshProfiles !== credentials.autoRefreshAll) {
      credentials.autoRefreshAll = autoRefreshProfiles;
      await writeJsonFile(appStatePath, { autoRefreshProfiles });
      // Profiles written so far follow the new choice.
      const written = expiry.scheduler
        .list()
        .filter((i) => i.kind === 'credentials' && i.source === 'written');
      next.autoRefreshProfiles = autoRefreshProfiles
        ? written.flatMap((i) =>
            i.session && i.accountId && i.roleName && i.profileName
              ? [
                  {
                    session: i.session,
                    accountId: i.accountId,
                    roleName: i.roleName,
                    profileName: i.profileName,
                  },
                ]
              : [],
          )
        : [];
      for (const item of written) {
        expiry.track({ ...item, autoRefresh: autoRefreshProfiles });
      }
    }
    const updated = settings.update(next);
    if (rest.launchAtLogin !== undefined) deps.setLaunchAtLogin?.(rest.launchAtLogin);
    changed();
    return settingsView(updated);
  }

  function toggleFavourite(t: RoleTarget & { accountName?: string }): { favourite: boolean } {
    const name = t.accountName ?? accountName(t.session, t.accountId);
    const ref = {
      session: t.session,
      accountId: t.accountId,
      roleName: t.roleName,
      ...(name === undefined ? {} : { accountName: name }),
    };
    const favourites = toggledFavourite(settings.get().favourites, ref);
    settings.update({ favourites });
    return { favourite: favourites.some((f) => sameRole(f, ref)) };
  }

  const target = (p: RoleTarget): RoleTarget => ({
    session: p.session,
    accountId: p.accountId,
    roleName: p.roleName,
  });

  const rawHandlers: Handlers = {
    'state.get': async () => {
      return snapshot();
    },
    'sessions.add': async (p) => {
      return sessions.add(p);
    },
    'sessions.adoptLegacy': async (p) => {
      return sessions.adoptLegacy(p.session, p.name);
    },
    'sessions.remove': async (p) => {
      await sessions.remove(p.session);
    },
    'sessions.setActive': async (p) => {
      sessions.setActive(p.session);
    },
    'auth.login': async (p) => {
      if (p.again === true) await sessions.loginAgain(p.session, p.flow);
      else sessions.login(p.session, p.flow);
    },
    'auth.cancel': async (p) => {
      sessions.cancel(p.session);
    },
    'auth.openVerification': async (p) => {
      await sessions.openVerification(p.session);
    },
    'auth.logout': async (p) => {
      await sessions.logout(p.session);
    },
    'accounts.list': async (p) => {
      return accounts.list(p.session, p.first);
    },
    'accounts.refresh': async (p) => {
      await accounts.refresh(p.session);
    },
    'roles.list': async (p) => {
      return accounts.roles(p.session, p.accountId);
    },
    'credentials.get': async (p) => {
      return credentials.get(target(p), { fresh: p.forceRefresh === true });
    },
    'credentials.copy': async (p) => {
      return credentials.copy(target(p), p.what, p.profileName);
    },
    'credentials.writeProfile': async (p) => {
      return credentials.writeProfile(target(p), p.profileName, p.autoRefresh, {
        replace: p.replace === true,
      });
    },
    'credentials.writeSsoProfile': async (p) => {
      return credentials.writeSsoProfile(target(p), p.profileName, p.region, {
        replace: p.replace === true,
      });
    },
    'credentials.verify': async (p) => {
      return credentials.verify(target(p));
    },
    'console.open': async (p) => {
      await credentials.openConsole(target(p));
    },
    'favourites.toggle': async (p) => {
      return toggleFavourite(p);
    },
    'settings.update': async (p) => {
      return updateSettings(p.patch);
    },
    'window.hide': async () => {
      deps.window?.hide();
    },
    'status.get': async () => {
      return { sessions: await sessionStatuses() };
    },
    'logs.openFolder': async () => {
      if (deps.openLogsFolder === undefined || !(await deps.openLogsFolder())) {
        throw new SsoTrayError(
          'FILE',
          deps.logsLocation === undefined
            ? 'This build of SSO Tray keeps no log.'
            : `The logs folder could not be opened: ${deps.logsLocation}`,
        );
      }
    },
  };

  /** Every handler waits for `ready` once, and logs its failures (handler-guard.ts). */
  const handlers = guardHandlers(rawHandlers, ready, log.child('ipc'));

  /** The handlers a notification click uses: refreshes fetch new credentials. */
  const freshHandlers: TrayActionHandlers = guardHandlers(
    {
      ...rawHandlers,
      'credentials.copy': (p) =>
        credentials.copy(target(p), p.what, p.profileName, { fresh: true }),
      'credentials.writeProfile': (p) =>
        credentials.writeProfile(target(p), p.profileName, p.autoRefresh, { fresh: true }),
    },
    ready,
    log.child('notifications'),
  );

  function actionHost(h: TrayActionHandlers) {
    return {
      handlers: h,
      activeSession: () => sessions.active(),
      showWindow: () => deps.window?.show(),
      navigate: (event: Parameters<typeof bus.emit<'navigate'>>[1]) => bus.emit('navigate', event),
      quit: () => deps.quit?.(),
    };
  }

  async function perform(action: TrayAction, h: TrayActionHandlers): Promise<Envelope<unknown>> {
    await ready.catch(() => undefined); // logged where `ready` is made
    const result = await runTrayAction(action, actionHost(h));
    if (!result.ok && result.error.code === 'PROFILE_NOT_OURS' && action.kind === 'writeProfile') {
      const profileName =
        action.profileName ?? defaultProfileName(action.accountId, action.roleName);
      profileNotOurs(target(action), profileName, result.error);
    } else if (!result.ok) {
      bus.emit('notice', { level: 'error', message: result.error.message });
    }
    return result;
  }

  function trayModel(): TrayMenuItem[] {
    const snap = snapshot();
    const active = snap.activeSession;
    const list = active === null ? null : accounts.snapshot(active);
    const loading = active !== null && accounts.isLoading(active);
    return buildTrayMenu(trayStateFromSnapshot(snap, list, deps.clock.now(), loading));
  }

  const ipcLog = log.child('ipc');
  const dispatchOptions: DispatchOptions = {
    onRefused: (channel, reason) => ipcLog.warn('request refused', { channel, reason }),
    unexpectedMessage:
      deps.logsLocation === undefined
        ? UNEXPECTED_MESSAGE
        : `Something went wrong. The details are in the log: ${deps.logsLocation}`,
  };

  return {
    handlers,
    dispatchOptions,
    subscribe: (listener) => bus.subscribe(listener),
    ready,
    state: snapshot,
    tray: {
      model: trayModel,
      status: () => {
        const snap = snapshot();
        return trayStatus(trayStateFromSnapshot(snap, null, deps.clock.now()));
      },
      click: async (itemId) => {
        const item = findItem(trayModel(), itemId);
        if (item?.action === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such menu item.' } };
        }
        return perform(item.action, handlers);
      },
    },
    notifications: {
      click: async (id, actionId) => {
        const n = expiry.notification(id);
        if (n === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such notification.' } };
        }
        const action =
          actionId === undefined ? n.onClick : n.actions?.find((a) => a.id === actionId)?.action;
        if (action === undefined) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'No such action.' } };
        }
        return perform(action, freshHandlers);
      },
      list: () => expiry.list(),
    },
    recompute: () => expiry.scheduler.recompute(),
    dispose: async () => {
      disposed = true;
      unsubscribeSettings();
      sessions.dispose();
      expiry.dispose();
      bus.clear();
      await credentials.clearOwnedClipboard();
    },
  };
}

/** Depth-first search of a menu model by item id. */
export function findItem(items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.submenu !== undefined) {
      const found = findItem(item.submenu, id);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The item reached by following labels from the top of the menu, e.g. ["Accounts", "A–C", …]. */
export function findItemByPath(
  items: readonly TrayMenuItem[],
  path: readonly string[],
): TrayMenuItem | undefined {
  let level: readonly TrayMenuItem[] = items;
  let found: TrayMenuItem | undefined;
  for (const label of path) {
    found = level.find((i) => i.label === label);
    if (found === undefined) return undefined;
    level = found.submenu ?? [];
  }
  return found;
}
