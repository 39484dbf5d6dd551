// SSO Tray's Electron main process: a tray-only app with one small window. Everything it
// decides lives in src/main/core (tested without Electron); this file only connects Electron's
// objects to it. The security choices: single instance, renderer served from app:// with a CSP,
// sandboxed window, no navigation, no new windows, no permissions, external links only through
// the allow-list, IPC checked by sender then schema. Each part is a small function taking what
// it needs, so src/main/electron/main.test.ts runs them against a mock of `electron`.
import { join } from 'node:path';
import { app, globalShortcut, powerMonitor, session, shell, type Session } from 'electron';
import { createAppCore, type AppCore } from '../core/app';
import { launchBrowser } from '../core/console/browser-launch';
import { watchClockJumps } from '../core/expiry/clock-watch';
import { systemClock } from '../core/clock';
import { APP_ORIGIN, allowListFor, isAllowedExternalUrl } from '../core/security';
import type { Platform } from '../core/tray';
import { electronClipboard } from './clipboard';
import { electronConfirm } from './confirm';
import { registerIpc, sendEvent } from './ipc';
import { Notifier } from './notifications';
import { handleAppScheme, registerAppSchemePrivileges } from './protocol';
import { ElectronSettingsStore } from './settings-store';
import { TrayController } from './tray';
import { AppWindow } from './window';
import { PaletteWindow, paletteUrl } from './palette-window';
import { logUncaught, type AppLog } from './log';
import { shouldCheck, type BuildKind } from '../core/updates/decide';
import type { UpdaterPort } from '../core/updates/port';
import { electronUpdater, parseAppUpdateYml, type AutoUpdaterLike } from './updater';

export interface MainOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The folder of the built main process (out/main): the preload and renderer sit beside it. */
  mainDir: string;
  /** Electron's `process.resourcesPath`: where a packaged build keeps its icons. */
  resourcesPath: string;
  /** The app's log (./log.ts: electron-log's file in the OS logs folder). */
  createLog: () => Promise<AppLog>;
  /**
   * electron-updater's autoUpdater (./updater.ts), loaded only by a build that looks for
   * updates; without it updates are off ("cannot update itself").
   */
  loadAutoUpdater?: () => Promise<AutoUpdaterLike>;
  /** The text of the packaged app's app-update.yml (the feed it was published with). */
  readAppUpdateYml?: () => string;
}

/**
 * Registers the app:// scheme (before `ready`, as Electron requires), then either quits because
 * another instance runs (which Electron tells with `second-instance`) or starts the app.
 * Resolves once the app is running.
 */
export async function runMain(options: MainOptions): Promise<void> {
  registerAppSchemePrivileges();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await start(options);
}

/**
 * Every web contents (the window, and anything a bug might create): no navigation, no
 * redirects, no webviews, no new windows; a link meant for a new window goes to `openExternal`,
 * which decides whether the browser may open it.
 */
function lockDownWebContents(openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** No page gets a permission (camera, notifications, clipboard reads, …): asked or checked. */
function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

function corePlatform(platform: NodeJS.Platform): Platform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** The updater, for a build that looks for updates (never loaded by any other). */
async function loadUpdater(
  options: MainOptions,
  build: BuildKind,
  appLog: AppLog,
): Promise<UpdaterPort | undefined> {
  if (!shouldCheck(build).check || options.loadAutoUpdater === undefined) return undefined;
  const log = appLog.logger.child('updater');
  try {
    const autoUpdater = await options.loadAutoUpdater();
    const read = options.readAppUpdateYml;
    return electronUpdater({
      autoUpdater,
      version: app.getVersion(),
      builtInFeed: read === undefined ? undefined : () => parseAppUpdateYml(read()),
      log,
    });
  } catch (error) {
    log.warn('the updater could not be loaded', { error });
    return undefined;
  }
}

async function start(options: MainOptions): Promise<void> {
  const { env } = options;
  const appLog = await options.createLog();
  logUncaught(appLog.logger);
  appLog.logger.info('SSO Tray started', {
    version: app.getVersion(),
    platform: options.platform,
    packaged: app.isPackaged,
  });
  /** electron-vite dev server URL (development only). */
  const devServerUrl = app.isPackaged ? undefined : env.ELECTRON_RENDERER_URL;
  const dev = devServerUrl !== undefined;
  /**
   * `npm run demo` (tools/demo.ts) points the app at the local emulator, whose sign-in pages are
   * plain http on 127.0.0.1. Never honoured in a packaged build.
   */
  const allowLoopbackHttp = !app.isPackaged && env.SSO_TRAY_ALLOW_LOOPBACK_HTTP === '1';
  const appOrigin = devServerUrl !== undefined ? new URL(devServerUrl).origin : APP_ORIGIN;
  const rendererUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
  const paths = {
    preload: join(options.mainDir, '../preload/index.cjs'),
    renderer: join(options.mainDir, '../renderer'),
    assets: app.isPackaged
      ? join(options.resourcesPath, 'assets')
      : join(app.getAppPath(), 'assets'),
  };

  // Set before `ready`, so no web contents exists without these rules. The opener is hoisted:
  // before `core` exists only AWS hosts pass.
  lockDownWebContents((url) => openExternal(url));
  // A tray app keeps running with no window.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  app.dock?.hide();
  denyPermissions(session.defaultSession);
  handleAppScheme(paths.renderer);

  const settings = new ElectronSettingsStore();
  const clipboard = electronClipboard();
  const build: BuildKind = {
    isPackaged: app.isPackaged,
    dev,
    // `npm run demo` (tools/demo.ts) marks itself; the emulator's loopback pages mark it too.
    demo: env.SSO_TRAY_DEMO === '1' || env.SSO_TRAY_ALLOW_LOOPBACK_HTTP === '1',
  };
  const updater = await loadUpdater(options, build, appLog);
  let core: AppCore | null = null;
  let tray: TrayController | null = null;

  const window = new AppWindow({
    preloadPath: paths.preload,
    url: rendererUrl,
    dev,
    trayBounds: () => tray?.bounds() ?? null,
  });
  const showWindow = () => window.show();
  // The quick pick, opened by its global shortcut (registered by the core, see below).
  const palette = new PaletteWindow({
    preloadPath: paths.preload,
    url: paletteUrl(rendererUrl),
    dev,
  });
  app.on('second-instance', showWindow);

  // A start URL host outside AWS passes only once the user confirmed it (the core asks through
  // electronConfirm and records the answer in settings before it calls this).
  function openExternal(url: string): boolean {
    const allowed = allowedExternal(url);
    if (allowed) void shell.openExternal(url);
    return allowed;
  }

  function allowedExternal(url: string): boolean {
    const sessions = core?.state().sessions ?? [];
    return isAllowedExternalUrl(
      url,
      allowListFor(sessions, env, {
        allowLoopbackHttp,
        trustedStartUrlHosts: settings.get().trustedStartUrlHosts,
      }),
    );
  }

  const notifier = new Notifier((id, actionId) => {
    void core?.notifications.click(id, actionId);
  });

  core = createAppCore({
    env,
    dataDir: app.getPath('userData'),
    settings,
    clipboard: clipboard.port,
    notifier,
    browser: {
      openExternal: async (url) => openExternal(url),
      // A named browser (the console's per-session choice): started without a shell, through
      // the same allow-list.
      launch: async (url, choice) =>
        allowedExternal(url) && launchBrowser(url, choice, options.platform, env),
    },
    confirm: electronConfirm(),
    clock: systemClock,
    platform: corePlatform(options.platform),
    window: { show: () => window.show(), hide: () => window.hide() },
    globalShortcut: {
      register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    palette: { show: () => palette.show(), hide: () => palette.hide() },
    quit: () => app.quit(),
    setLaunchAtLogin: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
    allowLoopbackHttp,
    logger: appLog.logger,
    logsLocation: appLog.folder,
    openLogsFolder: () => appLog.openFolder(),
    build,
    appVersion: app.getVersion(),
    ...(updater === undefined ? {} : { updater }),
  });
  const appCore = core;

  const unregisterIpc = registerIpc(appCore.handlers, () => appOrigin, appCore.dispatchOptions);
  tray = new TrayController({
    assetsDir: paths.assets,
    platform: options.platform,
    source: {
      model: () => appCore.tray.model(),
      status: () => appCore.tray.status(),
      click: (id) => void appCore.tray.click(id),
    },
    onActivate: () => window.toggle(),
  });
  const trayController = tray;
  const unsubscribe = appCore.subscribe((event, payload) => {
    sendEvent(window.webContents, event, payload);
    sendEvent(palette.webContents, event, payload);
    if (event === 'state' || event === 'accounts' || event === 'credentials')
      trayController.invalidate();
  });
  void appCore.ready.finally(() => trayController.invalidate());

  // Timers do not run during sleep and the wall clock may jump: re-evaluate every expiry then.
  const recompute = () => {
    appCore.recompute();
    trayController.invalidate();
  };
  powerMonitor.on('resume', recompute);
  powerMonitor.on('unlock-screen', recompute);
  const stopClockWatch = watchClockJumps(
    {
      wallNow: () => Date.now(),
      monotonicNow: () => performance.now(),
      setTimer: systemClock.setTimer,
    },
    recompute,
  );

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    // Nothing may reach the tray or the window once they are being destroyed.
    app.removeListener('second-instance', showWindow);
    stopClockWatch();
    powerMonitor.removeListener('resume', recompute);
    powerMonitor.removeListener('unlock-screen', recompute);
    unsubscribe();
    unregisterIpc();
    notifier.dispose();
    trayController.destroy();
    window.destroy();
    palette.destroy();
    void appCore
      .dispose()
      .catch((error: unknown) => appLog.logger.error('quitting: the core did not stop', { error }))
      .then(() => clipboard.dispose())
      .catch((error: unknown) => appLog.logger.error('quitting: the clipboard', { error }))
      .finally(() => {
        // The core released its shortcut; nothing of ours may outlive the process.
        globalShortcut.unregisterAll();
        app.exit(0);
      });
  });
}
