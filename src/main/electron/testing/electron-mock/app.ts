// Part of the `electron` mock (see ./index.ts): `app`: the lifecycle events, single-instance lock, paths, login items and (macOS) the dock.
import { EventEmitter } from 'node:events';
import { fakeEvent, record } from './events';

// ---------------------------------------------------------------------------------------------
// app
// ---------------------------------------------------------------------------------------------

export interface FakeDock {
  visible: boolean;
  show(): Promise<void>;
  hide(): void;
}

export class FakeApp extends EventEmitter {
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

export const app = new FakeApp();
