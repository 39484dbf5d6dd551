// The tray icon: icon, title and tooltip from the core's trayStatus(), the menu from its menu
// model. One timer for the next time the countdown changes, and a debounce so a burst of state
// changes (roles filling in for thousands of accounts) rebuilds the native menu once.
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { Rect, TrayIcon, TrayMenuItem, TrayStatus } from '../core/tray';
import { toMenuTemplate } from './menu';

const MENU_DEBOUNCE_MS = 250;
const MINUTE = 60_000;

export interface TraySource {
  model(): TrayMenuItem[];
  status(): TrayStatus;
  click(itemId: string): void;
}

export interface TrayControllerOptions {
  /** The folder holding the tray-*.png and trayTemplate*.png icons. */
  assetsDir: string;
  platform: NodeJS.Platform;
  source: TraySource;
  /** A left click on Windows and Linux (the window opens; the menu is on right click). */
  onActivate: () => void;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayIcon, NativeImage>();
  private statusTimer: NodeJS.Timeout | null = null;
  private menuTimer: NodeJS.Timeout | null = null;
  private lastIcon: TrayIcon | null = null;
  private lastMenuMinute = -1;
  private destroyed = false;

  private readonly assetsDir: string;
  private readonly mac: boolean;
  private readonly source: TraySource;

  constructor(options: TrayControllerOptions) {
    this.assetsDir = options.assetsDir;
    this.mac = options.platform === 'darwin';
    this.source = options.source;
    this.tray = new Tray(this.iconFor('signed-out'));
    this.tray.setToolTip('SSO Tray');
    // Windows and Linux: a left click opens the window; the menu is on right click.
    if (!this.mac) this.tray.on('click', options.onActivate);
  }

  bounds(): Rect | null {
    if (this.destroyed) return null;
    const b = this.tray.getBounds();
    return b.width === 0 && b.height === 0 ? null : b;
  }

  /** The app state changed: refresh the icon now and the menu soon. Nothing once destroyed. */
  invalidate(): void {
    // A late event (the core's start settling while the app quits) must not reach the
    // destroyed tray, which throws.
    if (this.destroyed) return;
    this.refreshStatus();
    this.scheduleMenu();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.menuTimer) clearTimeout(this.menuTimer);
    this.statusTimer = null;
    this.menuTimer = null;
    this.tray.destroy();
  }

  private iconFor(icon: TrayIcon): NativeImage {
    const cached = this.icons.get(icon);
    if (cached) return cached;
    let image: NativeImage;
    if (this.mac) {
      // Template images follow the menu bar's light/dark look; the state shows in the title.
      image = nativeImage.createFromPath(join(this.assetsDir, 'trayTemplate.png'));
      image.setTemplateImage(true);
    } else {
      image = nativeImage.createFromPath(join(this.assetsDir, `tray-${icon}.png`));
    }
    this.icons.set(icon, image);
    return image;
  }

  private refreshStatus(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const status = this.source.status();
    if (status.icon !== this.lastIcon) {
      this.tray.setImage(this.iconFor(status.icon));
      this.lastIcon = status.icon;
    }
    if (this.mac) this.tray.setTitle(status.title);
    this.tray.setToolTip(status.tooltip);
    // The menu's first line counts the session down too: refresh it at most once a minute.
    const minute = Math.floor(Date.now() / MINUTE);
    if (minute !== this.lastMenuMinute) this.scheduleMenu();
    if (status.nextUpdateInMs !== null) {
      this.statusTimer = setTimeout(
        () => this.refreshStatus(),
        Math.max(50, status.nextUpdateInMs),
      );
    }
  }

  private scheduleMenu(): void {
    if (this.menuTimer) return;
    this.menuTimer = setTimeout(() => {
      this.menuTimer = null;
      this.lastMenuMinute = Math.floor(Date.now() / MINUTE);
      const template = toMenuTemplate(this.source.model(), (item) => this.source.click(item.id));
      this.tray.setContextMenu(Menu.buildFromTemplate(template));
    }, MENU_DEBOUNCE_MS);
  }
}
