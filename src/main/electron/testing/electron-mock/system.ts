// Part of the `electron` mock (see ./index.ts): `Notification`, `clipboard`, `dialog`, `shell`, `powerMonitor` and `safeStorage`.
import { EventEmitter } from 'node:events';
import type {
  MessageBoxOptions,
  MessageBoxReturnValue,
  NotificationConstructorOptions,
} from 'electron';
import { fakeEvent } from './events';

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

export const notifications: FakeNotification[] = [];

export const clipboard = {
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

export const defaultAnswer = (options: MessageBoxOptions): Promise<MessageBoxReturnValue> =>
  Promise.resolve({ response: options.cancelId ?? 0, checkboxChecked: false });

export const dialog = {
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

export const shell = {
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

export class FakePowerMonitor extends EventEmitter {
  reset(): void {
    this.removeAllListeners();
  }
}

/** The app keeps no secret of its own at rest: a test can check nothing reached safeStorage. */
export const safeStorage = {
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

export const powerMonitor = new FakePowerMonitor();
