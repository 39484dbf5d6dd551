// A stand-in for the `electron` module, so the adapters in src/main/electron run in plain Node
// under Vitest. It behaves like Electron where the adapters rely on it (events are emitted the
// way Electron emits them, `protocol` obeys the order `ready` imposes, destroyed objects throw,
// one handler per IPC channel, an empty image for a missing icon file) and it records what the
// code asked of it, so a test drives the real code and then reads back what happened.
//
// Use it in a test file with
//
//   vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());
//   import { fake } from './testing/electron-mock';
//
// and call `fake.reset()` before each test. The objects keep their identity across resets (the
// code under test holds them from its imports), only their state is cleared.
// One module per part of Electron in this folder; this one builds the module and the controller.
import { app, type FakeDock } from './app';
import { FakeBrowserWindow, screen, windows } from './browser-window';
import { log } from './events';
import { globalShortcut } from './global-shortcut';
import { contextBridge, ipcMain, ipcRenderer } from './ipc';
import { protocol, session } from './protocol';
import {
  FakeNotification,
  powerMonitor,
  clipboard,
  dialog,
  notifications,
  safeStorage,
  shell,
} from './system';
import { FakeMenu, FakeTray, menus, nativeImage, trays } from './tray-menu';

export { APP_TOP_FRAME, FakeIpcMain, type FakeInvokeEvent } from './ipc';
export { FakeBrowserWindow, FakeWebContents } from './browser-window';
export { fakeEvent, type FakeEvent, type FakeFrame } from './events';
export { FakeMenu, FakeNativeImage, FakeTray } from './tray-menu';
export { FakeNotification } from './system';
export type { FakeDock } from './app';

// ---------------------------------------------------------------------------------------------
// The module and the controller
// ---------------------------------------------------------------------------------------------

/** The module `vi.mock('electron', …)` returns (named exports and the CommonJS default). */
export function electronModule() {
  const exports = {
    app,
    BrowserWindow: FakeBrowserWindow,
    clipboard,
    contextBridge,
    dialog,
    ipcMain,
    ipcRenderer,
    Menu: FakeMenu,
    nativeImage,
    Notification: FakeNotification,
    powerMonitor,
    globalShortcut,
    protocol,
    safeStorage,
    screen,
    session,
    shell,
    Tray: FakeTray,
  };
  return { ...exports, default: exports };
}

/** What a test drives and reads. */
export const fake = {
  app,
  protocol,
  session: session.defaultSession,
  ipcMain,
  ipcRenderer,
  contextBridge,
  screen,
  powerMonitor,
  globalShortcut,
  clipboard,
  dialog,
  shell,
  safeStorage,
  nativeImage,
  Notification: FakeNotification,
  /** Every BrowserWindow created, in order. */
  windows,
  trays,
  menus,
  notifications,
  /** Calls in order, e.g. `protocol.registerSchemesAsPrivileged`, `new BrowserWindow`. */
  log,
  /** macOS: gives `app` its `dock`. */
  useDock(): FakeDock {
    const dock: FakeDock = {
      visible: true,
      show: () => {
        dock.visible = true;
        return Promise.resolve();
      },
      hide: () => {
        dock.visible = false;
      },
    };
    app.dock = dock;
    return dock;
  },
  reset(): void {
    app.reset();
    protocol.reset();
    session.defaultSession.reset();
    ipcMain.reset();
    ipcRenderer.reset();
    contextBridge.reset();
    screen.reset();
    powerMonitor.reset();
    globalShortcut.reset();
    clipboard.reset();
    dialog.reset();
    shell.reset();
    safeStorage.reset();
    nativeImage.reset();
    FakeNotification.supported = true;
    windows.length = 0;
    trays.length = 0;
    menus.length = 0;
    notifications.length = 0;
    log.length = 0;
  },
};
