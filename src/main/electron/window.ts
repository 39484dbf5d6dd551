// The small utility window that opens next to the tray icon. It is hidden, not closed, on blur
// and Escape so reopening is instant; it can never navigate away or open other windows.
import { app, BrowserWindow, screen } from 'electron';
import { windowPosition, type Rect } from '../core/tray';
import { windowWebPreferences } from '../core/security';

export interface AppWindowOptions {
  preloadPath: string;
  /** The page to load: app://sso-tray/index.html, or the dev server in development. */
  url: string;
  dev: boolean;
  trayBounds: () => Rect | null;
}

const SIZE = { width: 420, height: 620 };

export class AppWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly options: AppWindowOptions) {}

  get webContents() {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  isVisible(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isVisible();
  }

  toggle(): void {
    if (this.isVisible()) this.hide();
    else this.show();
  }

  show(): void {
    const win = this.ensure();
    const bounds = this.options.trayBounds();
    const anchor = bounds ?? screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint({
      x: Math.round(anchor.x),
      y: Math.round(anchor.y),
    });
    const { x, y } = windowPosition(bounds, SIZE, display.workArea);
    win.setPosition(x, y, false);
    // macOS: a dock icon only while the window is open (LSUIElement app otherwise).
    void app.dock?.show();
    win.show();
    win.focus();
  }

  hide(): void {
    if (this.window && !this.window.isDestroyed()) this.window.hide();
    app.dock?.hide();
  }

  destroy(): void {
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }

  private ensure(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const win = new BrowserWindow({
      ...SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'SSO Tray',
      backgroundColor: '#00000000',
      webPreferences: windowWebPreferences(this.options.preloadPath, { dev: this.options.dev }),
    });
    win.on('blur', () => {
      if (!win.webContents.isDevToolsOpened()) this.hide();
    });
    win.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        this.hide();
      }
    });
    win.on('closed', () => {
      this.window = null;
    });
    void win.loadURL(this.options.url);
    this.window = win;
    return win;
  }
}
