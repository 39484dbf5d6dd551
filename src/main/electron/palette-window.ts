// The quick pick's window: small, frameless, always on top, opened by the global shortcut on the
// display the pointer is on, and hidden (not closed, so the next press is instant) when it loses
// focus or the page asks (`palette.close`). The same sandboxed preferences and app:// page as
// the main window, at the `#/palette` route. Once destroyed (quitting), a press shows nothing.
import { BrowserWindow, screen } from 'electron';
import { windowWebPreferences } from '../core/security';
import { sendEvent } from './ipc';

export interface PaletteWindowOptions {
  preloadPath: string;
  /** The palette's page: the window's URL with the `#/palette` route. */
  url: string;
  dev: boolean;
}

const PALETTE_SIZE = { width: 560, height: 360 };

/** The page of the palette: the window's page with its route. */
export function paletteUrl(windowUrl: string): string {
  const url = new URL(windowUrl);
  url.hash = '/palette';
  return url.href;
}

export class PaletteWindow {
  private window: BrowserWindow | null = null;
  private destroyed = false;

  constructor(private readonly options: PaletteWindowOptions) {}

  get webContents() {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  isVisible(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isVisible();
  }

  show(): void {
    if (this.destroyed) return;
    const win = this.ensure();
    const cursor = screen.getCursorScreenPoint();
    const area = screen.getDisplayNearestPoint(cursor).workArea;
    const x = area.x + Math.round((area.width - PALETTE_SIZE.width) / 2);
    const y = area.y + Math.round(area.height / 5);
    win.setPosition(x, y, false);
    win.show();
    win.focus();
    // The page empties its search box and takes focus again.
    sendEvent(win.webContents, 'navigate', { to: 'palette' });
  }

  hide(): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) this.window.hide();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }

  private ensure(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const win = new BrowserWindow({
      ...PALETTE_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'SSO Tray quick pick',
      backgroundColor: '#00000000',
      webPreferences: windowWebPreferences(this.options.preloadPath, { dev: this.options.dev }),
    });
    win.on('blur', () => {
      if (!win.webContents.isDevToolsOpened()) this.hide();
    });
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    void win.loadURL(this.options.url);
    this.window = win;
    return win;
  }
}
