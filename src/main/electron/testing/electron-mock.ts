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
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  HandlerDetails,
  Input,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  NotificationConstructorOptions,
  Point,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';

/** What Electron passes as the first argument of most events. */
export interface FakeEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function fakeEvent(): FakeEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

/** The part of a WebFrameMain the adapters read: its URL and whether it is the top frame. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const DESTROYED = 'Object has been destroyed';
const TRAY_DESTROYED = 'Tray is destroyed';

/** Every call the fakes record, in order, as `object.method` (for "before" assertions). */
const log: string[] = [];
const record = (entry: string) => {
  log.push(entry);
};

// ---------------------------------------------------------------------------------------------
// app
// ---------------------------------------------------------------------------------------------

export interface FakeDock {
  visible: boolean;
  show(): Promise<void>;
  hide(): void;
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  /** What `requestSingleInstanceLock()` answers: false when another instance holds it. */
  singleInstanceLock = true;
  quitCalls = 0;
  exitCode: number | null = null;
  /** `app.dock` exists on macOS only; set it with `fake.useDock()`. */
  dock: FakeDock | undefined = undefined;
  paths: Record<string, string> = {};
  appPath = '/fake/app';
  loginItemSettings: Array<{ openAtLogin?: boolean }> = [];
  private ready = false;
  private resolveReady: () => void = () => undefined;
  private readyPromise: Promise<void> = this.newReadyPromise();

  private newReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = true;
    this.singleInstanceLock = true;
    this.quitCalls = 0;
    this.exitCode = null;
    this.dock = undefined;
    this.paths = {};
    this.appPath = '/fake/app';
    this.loginItemSettings = [];
    this.ready = false;
    this.readyPromise = this.newReadyPromise();
  }

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return this.singleInstanceLock;
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** Like Electron: `before-quit`, then `will-quit` and `quit` unless a listener prevented it. */
  quit(): void {
    record('app.quit');
    this.quitCalls += 1;
    const beforeQuit = fakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    const willQuit = fakeEvent();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) this.emit('quit', fakeEvent(), 0);
  }

  exit(code = 0): void {
    record('app.exit');
    this.exitCode = code;
  }

  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.loginItemSettings.push(settings);
  }

  // Drivers -------------------------------------------------------------------------------------

  /** Electron finished starting: `whenReady()` resolves and `ready` is emitted. */
  emitReady(): void {
    this.ready = true;
    this.emit('ready', fakeEvent(), {});
    this.resolveReady();
  }
}

// ---------------------------------------------------------------------------------------------
// Windows and their web contents
// ---------------------------------------------------------------------------------------------

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  /** What `send` pushed to the page, in order. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  devToolsOpened = false;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  private destroyed = false;

  getURL(): string {
    return this.mainFrame.url;
  }

  loadURL(url: string): Promise<void> {
    if (this.destroyed) throw new Error(DESTROYED);
    record('webContents.loadURL');
    this.mainFrame.url = url;
    return Promise.resolve();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error(DESTROYED);
    this.sent.push({ channel, args: args.map((a) => structuredClone(a)) });
    // The page's preload listens through ipcRenderer.
    ipcRenderer.emit(channel, fakeEvent(), ...args.map((a) => structuredClone(a)));
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  // Drivers: what the page does. Each returns whether the app prevented the default. ------------

  /** The page tries to navigate (a link, `location.href = …`). */
  navigate(url: string): boolean {
    const event = fakeEvent();
    this.emit('will-navigate', event, url, false, true);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return event.defaultPrevented;
  }

  /** A server-side redirect during a navigation. */
  redirect(url: string): boolean {
    const event = fakeEvent();
    this.emit('will-redirect', event, url, false, true);
    return event.defaultPrevented;
  }

  /** The page adds a `<webview>`. */
  attachWebview(src: string): boolean {
    const event = fakeEvent();
    const webPreferences = {};
    this.emit('will-attach-webview', event, webPreferences, { src });
    return event.defaultPrevented;
  }

  /** `window.open(url)` or a link with `target=_blank`: Electron allows it without a handler. */
  openWindow(url: string): WindowOpenHandlerResponse {
    const details = {
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: this.mainFrame.url, policy: 'strict-origin-when-cross-origin' },
    } as HandlerDetails;
    return this.windowOpenHandler === null ? { action: 'allow' } : this.windowOpenHandler(details);
  }

  /** A key press reaching the page; true when the app swallowed it. */
  pressKey(input: Partial<Input> & { key: string }): boolean {
    const event = fakeEvent();
    this.emit('before-input-event', event, { type: 'keyDown', ...input });
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  readonly loadedFiles: string[] = [];
  visible = false;
  focused = false;
  position: [number, number] = [0, 0];
  private destroyed = false;

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    record('new BrowserWindow');
    this.options = options;
    windows.push(this);
    // Electron creates the web contents with the window and announces it on `app`.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  private alive(): void {
    if (this.destroyed) throw new Error(DESTROYED);
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    return this.webContents.loadURL(url);
  }

  loadFile(path: string): Promise<void> {
    this.alive();
    this.loadedFiles.push(path);
    return Promise.resolve();
  }

  show(): void {
    this.alive();
    this.visible = true;
    this.emit('show');
  }

  hide(): void {
    this.alive();
    this.visible = false;
    this.emit('hide');
  }

  focus(): void {
    this.alive();
    this.focused = true;
    this.emit('focus');
  }

  isVisible(): boolean {
    return !this.destroyed && this.visible;
  }

  setPosition(x: number, y: number): void {
    this.alive();
    this.position = [x, y];
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like Electron: no `close` event, but `closed` is guaranteed. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.markDestroyed();
    this.emit('closed');
  }

  // Drivers -------------------------------------------------------------------------------------

  /** The window lost focus (the user clicked elsewhere). */
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
}

const windows: FakeBrowserWindow[] = [];

class FakeScreen {
  cursor: Point = { x: 100, y: 100 };
  workArea: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 };

  getCursorScreenPoint(): Point {
    return { ...this.cursor };
  }

  getDisplayNearestPoint(_point: Point): { workArea: Rectangle; bounds: Rectangle } {
    return { workArea: { ...this.workArea }, bounds: { ...this.workArea } };
  }

  reset(): void {
    this.cursor = { x: 100, y: 100 };
    this.workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  }
}

// ---------------------------------------------------------------------------------------------
// protocol and session
// ---------------------------------------------------------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeProtocol {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    record('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle cannot be used before the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record('protocol.handle');
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  // Driver: the page requests a URL of a handled scheme. --------------------------------------
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme})`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: unknown,
) => boolean;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }

  // Drivers: a page asks. Without a handler Electron grants, so these answer true then. -------

  requestPermission(permission: string, requestingUrl = 'app://sso-tray/index.html') {
    const handler = this.permissionRequestHandler;
    if (handler === null) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      handler(null, permission, resolve, { requestingUrl, isMainFrame: true });
    });
  }

  checkPermission(permission: string, requestingOrigin = 'app://sso-tray'): boolean {
    const handler = this.permissionCheckHandler;
    if (handler === null) return true;
    return handler(null, permission, requestingOrigin, { isMainFrame: true });
  }
}

// ---------------------------------------------------------------------------------------------
// IPC
// ---------------------------------------------------------------------------------------------

export interface FakeInvokeEvent {
  sender: FakeWebContents | null;
  senderFrame: FakeFrame | null;
  processId: number;
  frameId: number;
}

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** The app's own page, the frame a trusted request comes from. */
export const APP_TOP_FRAME: FakeFrame = { url: 'app://sso-tray/index.html', parent: null };

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  reset(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    record('ipcMain.handle');
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  // Driver: a page invokes a channel from `frame`. Arguments and result cross as clones. -------
  async invoke(
    channel: string,
    payload: unknown,
    frame: FakeFrame | null = APP_TOP_FRAME,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) {
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    }
    const sender = windows.find((w) => !w.isDestroyed())?.webContents ?? null;
    const event: FakeInvokeEvent = { sender, senderFrame: frame, processId: 1, frameId: 1 };
    return structuredClone(await handler(event, structuredClone(payload)));
  }
}

/** The preload's side: `invoke` reaches ipcMain from `frame`; `send` from main arrives here. */
class FakeIpcRenderer extends EventEmitter {
  frame: FakeFrame = APP_TOP_FRAME;

  reset(): void {
    this.removeAllListeners();
    this.frame = APP_TOP_FRAME;
  }

  invoke(channel: string, payload?: unknown): Promise<unknown> {
    return ipcMain.invoke(channel, payload, this.frame);
  }
}

class FakeContextBridge {
  /** What the preload exposed on `window`, by key. */
  readonly exposed = new Map<string, unknown>();

  reset(): void {
    this.exposed.clear();
  }

  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) {
      throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    }
    this.exposed.set(key, api);
  }
}

// ---------------------------------------------------------------------------------------------
// Tray, menus, images
// ---------------------------------------------------------------------------------------------

export class FakeNativeImage {
  templateImage = false;
  /** Like Electron, an image from a path that does not exist is empty. */
  readonly empty: boolean;

  constructor(readonly path: string | null) {
    this.empty = path === null || !existsSync(path);
  }

  isEmpty(): boolean {
    return this.empty;
  }

  setTemplateImage(template: boolean): void {
    this.templateImage = template;
  }

  isTemplateImage(): boolean {
    return this.templateImage;
  }
}

const nativeImage = {
  /** Every path `createFromPath` was given, in order. */
  paths: [] as string[],
  createFromPath(path: string): FakeNativeImage {
    nativeImage.paths.push(path);
    return new FakeNativeImage(path);
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage(null);
  },
  reset(): void {
    nativeImage.paths.length = 0;
  },
};

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    const menu = new FakeMenu(template);
    menus.push(menu);
    return menu;
  }

  /** Every item, submenus included, depth first. */
  flat(): MenuItemConstructorOptions[] {
    const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [
        item,
        ...(Array.isArray(item.submenu) ? walk(item.submenu as MenuItemConstructorOptions[]) : []),
      ]);
    return walk(this.template);
  }

  item(id: string): MenuItemConstructorOptions | undefined {
    return this.flat().find((i) => i.id === id);
  }
}

const menus: FakeMenu[] = [];

export class FakeTray extends EventEmitter {
  image: FakeNativeImage | string;
  readonly images: Array<FakeNativeImage | string> = [];
  toolTip = '';
  title = '';
  contextMenu: FakeMenu | null = null;
  /** How many times a context menu was set. */
  contextMenuSets = 0;
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  private destroyed = false;

  constructor(image: FakeNativeImage | string) {
    super();
    record('new Tray');
    this.image = image;
    this.images.push(image);
    trays.push(this);
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError(TRAY_DESTROYED);
  }

  setImage(image: FakeNativeImage | string): void {
    this.alive();
    this.image = image;
    this.images.push(image);
  }

  setToolTip(toolTip: string): void {
    this.alive();
    this.toolTip = toolTip;
  }

  setTitle(title: string): void {
    this.alive();
    this.title = title;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.alive();
    this.contextMenu = menu;
    this.contextMenuSets += 1;
  }

  getBounds(): Rectangle {
    this.alive();
    return { ...this.bounds };
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // Driver: the user clicks the icon. --------------------------------------------------------
  click(): void {
    this.emit('click', fakeEvent(), this.bounds, { x: 0, y: 0 });
  }
}

const trays: FakeTray[] = [];

// ---------------------------------------------------------------------------------------------
// Notifications, clipboard, dialog, shell, power, safeStorage
// ---------------------------------------------------------------------------------------------

export class FakeNotification extends EventEmitter {
  static supported = true;
  shown = false;
  closed = false;

  constructor(readonly options: NotificationConstructorOptions) {
    super();
    notifications.push(this);
  }

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  show(): void {
    this.shown = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', fakeEvent());
  }

  // Drivers -------------------------------------------------------------------------------------
  click(): void {
    this.emit('click', fakeEvent());
  }

  action(index: number): void {
    this.emit('action', fakeEvent(), index);
  }
}

const notifications: FakeNotification[] = [];

const clipboard = {
  text: '',
  /** Every value written, in order (tests only: these may be secrets). */
  writes: [] as string[],
  readText(): string {
    return clipboard.text;
  },
  writeText(text: string): void {
    clipboard.text = text;
    clipboard.writes.push(text);
  },
  clear(): void {
    clipboard.writeText('');
  },
  reset(): void {
    clipboard.text = '';
    clipboard.writes.length = 0;
  },
};

const defaultAnswer = (options: MessageBoxOptions): Promise<MessageBoxReturnValue> =>
  Promise.resolve({ response: options.cancelId ?? 0, checkboxChecked: false });

const dialog = {
  /** The options of every message box shown, in order. */
  messageBoxes: [] as MessageBoxOptions[],
  /** How the user answers; by default with the cancel button. */
  answer: defaultAnswer,
  showMessageBox(...args: unknown[]): Promise<MessageBoxReturnValue> {
    // showMessageBox([window, ]options): the options are always last.
    const options = args[args.length - 1] as MessageBoxOptions;
    dialog.messageBoxes.push(options);
    return dialog.answer(options);
  },
  reset(): void {
    dialog.messageBoxes.length = 0;
    dialog.answer = defaultAnswer;
  },
};

const shell = {
  /** Every URL given to `openExternal`, in order. */
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
  openPath(_path: string): Promise<string> {
    return Promise.resolve('');
  },
  reset(): void {
    shell.opened.length = 0;
  },
};

class FakePowerMonitor extends EventEmitter {
  reset(): void {
    this.removeAllListeners();
  }
}

/** The app keeps no secret of its own at rest: a test can check nothing reached safeStorage. */
const safeStorage = {
  calls: [] as string[],
  isEncryptionAvailable(): boolean {
    safeStorage.calls.push('isEncryptionAvailable');
    return true;
  },
  getSelectedStorageBackend(): string {
    safeStorage.calls.push('getSelectedStorageBackend');
    return 'basic_text';
  },
  encryptString(plain: string): Buffer {
    safeStorage.calls.push('encryptString');
    return Buffer.from(plain, 'utf8');
  },
  decryptString(sealed: Buffer): string {
    safeStorage.calls.push('decryptString');
    return sealed.toString('utf8');
  },
  reset(): void {
    safeStorage.calls.length = 0;
  },
};

// ---------------------------------------------------------------------------------------------
// globalShortcut
// ---------------------------------------------------------------------------------------------

/**
 * System-wide shortcuts. Like Electron: unusable before `ready`, an accelerator it cannot read
 * throws, and one already held (by another app: `taken`, or by this one) is refused with false.
 */
class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another app holds. */
  readonly taken = new Set<string>();

  reset(): void {
    this.registered.clear();
    this.taken.clear();
  }

  register(accelerator: string, callback: () => void): boolean {
    if (!app.isReady()) throw new Error('globalShortcut cannot be used before the app is ready');
    record('globalShortcut.register');
    const parts = accelerator.split('+');
    if (accelerator === '' || parts.some((p) => p.trim() === '')) {
      throw new Error(
        `Error processing argument at index 0, conversion failure from ${accelerator}`,
      );
    }
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }

  unregister(accelerator: string): void {
    record('globalShortcut.unregister');
    this.registered.delete(accelerator);
  }

  unregisterAll(): void {
    record('globalShortcut.unregisterAll');
    this.registered.clear();
  }

  // Driver: the user presses the keys anywhere in the system; false when nothing holds them.
  press(accelerator: string): boolean {
    const callback = this.registered.get(accelerator);
    callback?.();
    return callback !== undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The module and the controller
// ---------------------------------------------------------------------------------------------

const app = new FakeApp();
const protocol = new FakeProtocol();
const session = { defaultSession: new FakeSession() };
const ipcMain = new FakeIpcMain();
const ipcRenderer = new FakeIpcRenderer();
const contextBridge = new FakeContextBridge();
const screen = new FakeScreen();
const powerMonitor = new FakePowerMonitor();
const globalShortcut = new FakeGlobalShortcut();

/** The module `vi.mock('electron', …)` returns (named exports and the CommonJS default). */
export function electronModule() {
  const exports = {
    app,
    BrowserWindow: FakeBrowserWindow,
    clipboard,
    contextBridge,
    dialog,
    globalShortcut,
    ipcMain,
    ipcRenderer,
    Menu: FakeMenu,
    nativeImage,
    Notification: FakeNotification,
    powerMonitor,
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
