// Part of the `electron` mock (see ./index.ts): `globalShortcut`.
import { app } from './app';
import { record } from './events';

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

export const globalShortcut = new FakeGlobalShortcut();
