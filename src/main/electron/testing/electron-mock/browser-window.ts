// Part of the `electron` mock (see ./index.ts): `BrowserWindow`, its `webContents`, and `screen`.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Input,
  Point,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';
import { DESTROYED, type FakeFrame, fakeEvent, record } from './events';
import { app } from './app';
import { ipcRenderer } from './ipc';

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

export const windows: FakeBrowserWindow[] = [];

export class FakeScreen {
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

export const screen = new FakeScreen();
