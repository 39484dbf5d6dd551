// The quick pick's global shortcut: registered with the host's global shortcuts (Electron's
// globalShortcut, the web host's recorder) when the core starts, registered again when the
// setting changes, unregistered when the core stops. A shortcut the OS or another app refuses
// leaves it off, and says so: in the log, as a notice for the window, as a notification (the
// window is usually closed at start) and in the status Settings shows beside the field.
import type { PaletteShortcutStatus } from '../../../shared/accelerator';
import type { NotificationDescription } from '../expiry/notifications';
import { silentLogger, type Logger } from '../log/logger';

export interface GlobalShortcutPort {
  /**
   * Registers `accelerator` for the whole system; false when it could not be (another app or
   * the OS holds it, or the host cannot read it).
   */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
}

/** The quick pick itself, as the host shows it (its own window in the app). */
export interface PalettePort {
  show(): void;
  hide(): void;
}

function shortcutFailedMessage(accelerator: string): string {
  return (
    `The quick pick shortcut ${accelerator} could not be registered: another app or the system ` +
    'may be using it. Choose another one in Settings.'
  );
}

/** The notification of a refused shortcut (`at` keeps each one's id apart); it opens Settings. */
export function shortcutFailedNotification(message: string, at: number): NotificationDescription {
  return {
    id: `palette-shortcut:${at}`,
    tag: 'palette-shortcut',
    title: 'Quick pick shortcut not available',
    body: message,
    onClick: { kind: 'settings' },
  };
}

const UNAVAILABLE =
  'This version of SSO Tray has no global shortcuts here; open the quick pick from the window.';

export interface PaletteShortcutOptions {
  /** The platform's global shortcuts; absent where the app has none. */
  port: GlobalShortcutPort | undefined;
  /** What the shortcut does when pressed (shows the quick pick). */
  onPress: () => void;
  /** Told, in words, when a shortcut could not be registered. */
  failed: (message: string) => void;
  log?: Logger;
}

export class PaletteShortcut {
  /** The accelerator registered now, if any. */
  private registered: string | null = null;
  /** The last accelerator applied (registered or not), so unrelated changes do not retry it. */
  private applied: string | null = null;
  private current: PaletteShortcutStatus;

  private readonly port: GlobalShortcutPort | undefined;
  private readonly onPress: () => void;
  private readonly failed: (message: string) => void;
  private readonly log: Logger;

  constructor(o: PaletteShortcutOptions) {
    this.port = o.port;
    this.onPress = o.onPress;
    this.failed = o.failed;
    this.log = o.log ?? silentLogger;
    this.current =
      o.port === undefined
        ? { accelerator: '', state: 'unavailable', message: UNAVAILABLE }
        : { accelerator: '', state: 'off' };
  }

  status(): PaletteShortcutStatus {
    return this.current;
  }

  /**
   * Makes `accelerator` ('' for none) the shortcut. The same one as last time is left alone
   * unless `retry` (the user saved it again, perhaps after closing the app that held it).
   */
  apply(accelerator: string, retry = false): void {
    if (accelerator === this.applied && !(retry && this.current.state === 'failed')) return;
    this.applied = accelerator;
    if (this.port === undefined) {
      this.current = { accelerator, state: 'unavailable', message: UNAVAILABLE };
      return;
    }
    this.release();
    if (accelerator === '') {
      this.current = { accelerator, state: 'off' };
      return;
    }
    let ok = false;
    try {
      ok = this.port.register(accelerator, () => this.onPress());
    } catch (error) {
      this.log.warn('the quick pick shortcut could not be read', { accelerator, error });
    }
    if (ok) {
      this.registered = accelerator;
      this.current = { accelerator, state: 'registered' };
      this.log.info('quick pick shortcut registered', { accelerator });
      return;
    }
    const message = shortcutFailedMessage(accelerator);
    this.current = { accelerator, state: 'failed', message };
    this.log.warn('quick pick shortcut not registered', { accelerator });
    this.failed(message);
  }

  dispose(): void {
    this.release();
  }

  private release(): void {
    if (this.registered === null || this.port === undefined) return;
    const accelerator = this.registered;
    this.registered = null;
    try {
      this.port.unregister(accelerator);
    } catch (error) {
      this.log.warn('the quick pick shortcut could not be unregistered', { accelerator, error });
    }
  }
}
