// The platform-free app service behind every front end (Electron window and tray, web host),
// and its composition root: createAppCore builds the services, wires their hooks to each other,
// and joins the handler table from the slices each service owns (./handler-table.ts). The logic
// lives in the services: sessions (./sessions.ts; adding and adopting ./session-edits.ts,
// signing in ./sign-in.ts, opening pages ./external-pages.ts), accounts (./accounts.ts),
// credentials (./credentials.ts), the console (./console.ts), settings and favourites
// (./preferences.ts), expiry (./expiry.ts), the tray and notification clicks (./tray-bridge.ts),
// the state snapshot (./snapshot.ts), the sessions' status (./status.ts), the window, quick pick
// and log folder (./host.ts), and what happens at start, sign-in and sign-out (./lifecycle.ts).
// The OS is reached only through the ports in ./ports.
import type { DispatchOptions, Handlers } from '../ipc/dispatch';
import type { StateSnapshot } from '../../../shared/ipc-views';
import { silentLogger } from '../log/logger';
import { listingChangesNotification } from '../status/changes-notification';
import { AccountsService } from './accounts';
import { ConsoleService } from './console';
import { CredentialsService } from './credentials';
import { EndpointService } from './endpoint';
import { EventBus, type AppEventListener } from './events';
import { ExpiryService } from './expiry';
import { guardHandlers } from './handler-guard';
import { joinHandlers } from './handler-table';
import { dispatchOptions, logHandlers, paletteHandlers, windowHandlers } from './host';
import * as lifecycle from './lifecycle';
import type { AppCoreDeps } from './ports';
import { PreferencesService } from './preferences';
import { defaultProfileWriter, defaultSso } from './services';
import { SessionEdits } from './session-edits';
import { Sessions } from './sessions';
import { activeCredentials, stateHandlers, stateSnapshot } from './snapshot';
import { StatusService } from './status';
import {
  TrayBridge,
  warnProfileNotOurs,
  type NotificationControls,
  type TrayControls,
} from './tray-bridge';
import { PaletteShortcut, shortcutFailedNotification } from './palette-shortcut';
import { ProfilesService } from './profiles';
import { AppUpdates } from './updates';

export type { AppCoreDeps } from './ports';
export type * from './ports';
export type { AppEventListener, EventPayload } from './events';
export type { TrayControls, NotificationControls } from './tray-bridge';

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
  tray: TrayControls;
  notifications: NotificationControls;
  /** Re-evaluates every expiry (resume from sleep, clock change). */
  recompute(): void;
  /** Stops timers and clears the clipboard if it still holds our copy. */
  dispose(): Promise<void>;
}

export function createAppCore(deps: AppCoreDeps): AppCore {
  const log = deps.logger ?? silentLogger;
  const bus = new EventBus((event, reason) =>
    log.child('ipc').error('event refused: it does not match the contract', { event, reason }),
  );
  const sso = deps.sso ?? defaultSso(deps.env, log.child('sso'));
  const profiles = deps.profiles ?? defaultProfileWriter();
  const settings = deps.settings;
  let disposed = false;
  /** Counts the state's changes; every snapshot carries it (see stateSnapshotSchema). */
  let revision = 0;

  const changed = () => {
    if (disposed) return;
    revision += 1;
    bus.emit('state', snapshot());
    bus.emit('credentials', { credentials: activeCredentials(expiry.scheduler.list()) });
  };

  const sessions = new Sessions({
    env: deps.env,
    sso,
    settings,
    browser: deps.browser,
    bus,
    hooks: {
      signedIn: (name, expiresAt) => lifecycle.signedIn(services, name, expiresAt),
      signedOut: (name) => lifecycle.signedOut(services, name),
      ended: (name) => expiry.notifySessionEnded(name),
      changed,
    },
    allowLoopbackHttp: deps.allowLoopbackHttp === true,
    confirm: deps.confirm,
    log: log.child('sessions'),
  });

  const edits = new SessionEdits({ sessions, settings });

  const accounts = new AccountsService({
    dataDir: deps.dataDir,
    sso,
    sessions,
    bus,
    now: () => deps.clock.now(),
    changed,
    log: log.child('accounts'),
    // One notification per listing that changed; clicking it opens the window.
    onChanges: (session, changes) => {
      expiry.notify(listingChangesNotification(session, changes, deps.clock.now()));
    },
  });

  const profilesService = new ProfilesService({
    env: deps.env,
    sessions,
    accounts,
    settings,
    confirm: deps.confirm,
    log: log.child('profiles'),
  });

  const accountName = (session: string, id: string) => accounts.accountName(session, id);

  const credentials = new CredentialsService({
    env: deps.env,
    sso,
    profiles,
    sessions,
    settings,
    clipboard: deps.clipboard,
    clock: deps.clock,
    hooks: {
      track: (item) => expiry.track(item),
      changed,
      accountName,
      profileNotOurs: (target, profileName, e) =>
        warnProfileNotOurs({ bus, expiry }, target, profileName, e),
    },
    log: log.child('credentials'),
  });

  const consoleService = new ConsoleService({
    env: deps.env,
    sessions,
    settings,
    credentials,
    log: log.child('console'),
  });

  const expiry = new ExpiryService({
    clock: deps.clock,
    thresholdsMinutes: settings.get().thresholdsMinutes,
    platform: deps.platform,
    notifier: deps.notifier,
    sso,
    sessions,
    hooks: {
      autoRefresh: (item) => credentials.autoRefresh(item),
      changed,
    },
    log: log.child('expiry'),
  });

  const endpoint = new EndpointService({ env: deps.env, sso, log: log.child('endpoint') });
  void endpoint.apply(settings.get().credentialsEndpoint);

  // The quick pick's global shortcut: registered now, again when the setting changes.
  const paletteShortcut = new PaletteShortcut({
    port: deps.globalShortcut,
    onPress: () => deps.palette?.show(),
    failed: (message) => {
      bus.emit('notice', { level: 'warning', message });
      expiry.notify(shortcutFailedNotification(message, deps.clock.now()));
    },
    log: log.child('shortcut'),
  });
  paletteShortcut.apply(settings.get().paletteShortcut);

  const preferences = new PreferencesService({
    endpoint,
    paletteShortcut,
    dataDir: deps.dataDir,
    settings,
    credentials,
    expiry,
    accountName,
    setLaunchAtLogin: deps.setLaunchAtLogin,
    changed,
  });

  // Updates: on start and daily in a packaged build; off (with why) in any other.
  const updates = new AppUpdates({
    updater: deps.updater,
    build: deps.build,
    appVersion: deps.appVersion,
    dataDir: deps.dataDir,
    settings,
    clock: deps.clock,
    notify: (n) => expiry.notify(n),
    changed,
    log: log.child('updates'),
  });

  const snapshot = () =>
    stateSnapshot({
      platform: deps.platform,
      logsLocation: deps.logsLocation,
      settings,
      sessions,
      preferences,
      expiry,
      paletteShortcut,
      updates,
      revision,
    });

  const status = new StatusService({
    sessions,
    sso,
    accounts,
    now: () => deps.clock.now(),
    log: log.child('status'),
  });

  const services: lifecycle.LifecycleServices = {
    preferences,
    sessions,
    expiry,
    accounts,
    credentials,
    updates,
    paletteShortcut,
    endpoint,
    bus,
    log,
  };
  // Handlers wait for `ready`; a failure there leaves every session signed out.
  const ready = lifecycle.start(services);

  /** Each service's slice; the compiler refuses a channel none of them implements. */
  const rawHandlers: Handlers = joinHandlers(
    stateHandlers(snapshot),
    sessions.handlers(),
    edits.handlers(),
    sessions.signIn.handlers(),
    accounts.handlers(),
    credentials.handlers(),
    preferences.handlers(),
    endpoint.handlers((text) => credentials.copySecretText(text)),
    windowHandlers(deps.window),
    paletteHandlers(deps.palette),
    logHandlers(deps),
    profilesService.handlers(),
    updates.handlers(),
    consoleService.handlers(),
    status.handlers(),
  );

  /** Every handler waits for `ready` once, and logs its failures (handler-guard.ts). */
  const handlers = guardHandlers(rawHandlers, ready, log.child('ipc'));

  const bridge = new TrayBridge({
    snapshot,
    activeSession: () => sessions.active(),
    accounts,
    expiry,
    bus,
    clock: deps.clock,
    ready,
    handlers,
    freshHandlers: guardHandlers(
      { ...rawHandlers, ...credentials.freshHandlers() },
      ready,
      log.child('notifications'),
    ),
    window: deps.window,
    quit: deps.quit,
  });

  return {
    handlers,
    dispatchOptions: dispatchOptions(log.child('ipc'), deps.logsLocation),
    subscribe: (listener) => bus.subscribe(listener),
    ready,
    state: snapshot,
    tray: bridge.tray,
    notifications: bridge.notifications,
    recompute: () => expiry.scheduler.recompute(),
    dispose: async () => {
      disposed = true;
      await lifecycle.stop(services);
    },
  };
}
