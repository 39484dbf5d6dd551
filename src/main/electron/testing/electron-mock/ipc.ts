// Part of the `electron` mock (see ./index.ts): `ipcMain`, `ipcRenderer` and `contextBridge`: one handler per channel, sender frames.
import { EventEmitter } from 'node:events';
import { FakeWebContents, windows } from './browser-window';
import { type FakeFrame, record } from './events';

// ---------------------------------------------------------------------------------------------
// IPC
// ---------------------------------------------------------------------------------------------

export interface FakeInvokeEvent {
  sender: FakeWebContents | null;
  senderFrame: FakeFrame | null;
  processId: number;
  frameId: number;
}

export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** The app's own page, the frame a trusted request comes from. */
export const APP_TOP_FRAME: FakeFrame = { url: 'app://sso-tray/index.html', parent: null };

export class FakeIpcMain extends EventEmitter {
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
export class FakeIpcRenderer extends EventEmitter {
  frame: FakeFrame = APP_TOP_FRAME;

  reset(): void {
    this.removeAllListeners();
    this.frame = APP_TOP_FRAME;
  }

  invoke(channel: string, payload?: unknown): Promise<unknown> {
    return ipcMain.invoke(channel, payload, this.frame);
  }
}

export class FakeContextBridge {
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

export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
