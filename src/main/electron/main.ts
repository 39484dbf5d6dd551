// SSO Tray's Electron main process: a tray-only app with one small window. Everything it
// decides lives in src/main/core (tested without Electron); this file only connects Electron's
// objects to it. Security choices follow style.md's checklist: single instance, renderer served
// from app:// with a CSP, sandboxed window, no navigation, no new windows, no permissions,
// external links only through the allow-list, IPC checked by sender then schema.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, powerMonitor, session, shell } from 'electron';
import { createAppCore, type AppCore } from '../core/app';
import { watchClockJumps } from '../core/expiry/clock-watch';
import { systemClock } from '../core/expiry/scheduler';
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

const here = dirname(fileURLToPath(import.meta.url));
/** electron-vite dev server URL (development only). */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const dev = devServerUrl !== undefined;
/**
 * `npm run demo` (tools/demo.ts) points the app at the local emulator, whose sign-in pages are
 * plain http on 127.0.0.1. Never honoured in a packaged build.
 */
const allowLoopbackHttp = !app.isPackaged && process.env.SSO_TRAY_ALLOW_LOOPBACK_HTTP === '1';

const appOrigin = devServerUrl !== undefined ? new URL(devServerUrl).origin : APP_ORIGIN;
const rendererUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const paths = {
  preload: join(here, '../preload/index.cjs'),
  renderer: join(here, '../renderer'),
  assets: app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets'),
};

function platform(): Platform {
  return process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
}

registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  // Every web contents (the window, and anything a bug might create) is locked down.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: 'deny' };
    });
  });
  // A tray app keeps running with no window.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  app.dock?.hide();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  handleAppScheme(paths.renderer);

  const settings = new ElectronSettingsStore();
  const clipboard = electronClipboard();
  let core: AppCore | null = null;
  let tray: TrayController | null = null;

  const window = new AppWindow({
    preloadPath: paths.preload,
    url: rendererUrl,
    dev,
    trayBounds: () => tray?.bounds() ?? null,
  });
  app.on('second-instance', () => window.show());

  // Hoisted: the window-open handler above uses it; before `core` exists only AWS hosts pass.
  // A start URL host outside AWS passes only once the user confirmed it (the core asks through
  // electronConfirm and records the answer in settings before it calls this).
  function openExternal(url: string): boolean {
    const sessions = core?.state().sessions ?? [];
    const allowed = isAllowedExternalUrl(
      url,
      allowListFor(sessions, process.env, {
        allowLoopbackHttp,
        trustedStartUrlHosts: settings.get().trustedStartUrlHosts,
      }),
    );
    if (allowed) void shell.openExternal(url);
    return allowed;
  }

  const notifier = new Notifier((id, actionId) => {
    void core?.notifications.click(id, actionId);
  });

  core = createAppCore({
    env: process.env,
    dataDir: app.getPath('userData'),
    settings,
    clipboard: clipboard.port,
    notifier,
    browser: { openExternal: async (url) => openExternal(url) },
    confirm: electronConfirm(),
    clock: systemClock,
    platform: platform(),
    window: { show: () => window.show(), hide: () => window.hide() },
    quit: () => app.quit(),
    setLaunchAtLogin: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
    allowLoopbackHttp,
  });
  const appCore = core;

  const unregisterIpc = registerIpc(appCore.handlers, () => appOrigin);
  tray = new TrayController(
    paths.assets,
    {
      model: () => appCore.tray.model(),
      status: () => appCore.tray.status(),
      click: (id) => void appCore.tray.click(id),
    },
    () => window.toggle(),
  );
  const trayController = tray;
  const unsubscribe = appCore.subscribe((event, payload) => {
    sendEvent(window.webContents, event, payload);
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
    stopClockWatch();
    unsubscribe();
    unregisterIpc();
    notifier.dispose();
    trayController.destroy();
    window.destroy();
    void appCore
      .dispose()
      .catch(() => undefined)
      .then(() => clipboard.dispose())
      .catch(() => undefined)
      .finally(() => app.exit(0));
  });
}
