// What the OS would do, recorded instead: the clipboard's text, notifications shown, URLs the
// app asked the browser to open, and the questions main would ask in a dialog (answered through
// /_debug/confirmations/answer). Readable through /_debug/* so tests and people can see it.
import type {
  BrowserPort,
  ClipboardPort,
  ConfirmPort,
  ConfirmRequest,
  GlobalShortcutPort,
  NotifierPort,
  PalettePort,
} from '../../src/main/core/app/ports';
import type { NotificationDescription } from '../../src/main/core/expiry/notifications';
import type { BrowserChoice } from '../../src/shared/console-settings';

export class RecordingClipboard implements ClipboardPort {
  text = '';
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async readText(): Promise<string> {
    return this.text;
  }
}

export interface RecordedNotification {
  id: string;
  tag: string;
  title: string;
  body: string;
  actions: Array<{ id: string; label: string }>;
  shownAt: number;
}

export class RecordingNotifier implements NotifierPort {
  readonly shown: RecordedNotification[] = [];
  constructor(private readonly now: () => number = Date.now) {}
  show(n: NotificationDescription): void {
    this.shown.push({
      id: n.id,
      tag: n.tag,
      title: n.title,
      body: n.body,
      actions: (n.actions ?? []).map((a) => ({ id: a.id, label: a.label })),
      shownAt: this.now(),
    });
  }
}

export class RecordingBrowser implements BrowserPort {
  readonly opened: string[] = [];
  /** The URLs meant for a named browser, profile or container, with that choice. */
  readonly launched: Array<{ url: string; browser: BrowserChoice }> = [];
  constructor(private readonly onOpen: (url: string) => void = () => undefined) {}
  async openExternal(url: string): Promise<boolean> {
    this.opened.push(url);
    this.onOpen(url);
    return true;
  }
  /** A named browser: recorded with the choice, then opened like any other URL. */
  async launch(url: string, browser: BrowserChoice): Promise<boolean> {
    this.launched.push({ url, browser });
    return this.openExternal(url);
  }
}

/** "Open logs folder": the folders the OS would have shown. */
export class RecordingFolderOpener {
  readonly opened: string[] = [];
  open(folder: string): boolean {
    this.opened.push(folder);
    return true;
  }
}

export interface RecordedConfirmation extends ConfirmRequest {
  id: string;
  askedAt: number;
  /** undefined while the question waits for its answer. */
  answer?: boolean;
}

/**
 * main's dialogs, as questions that wait until someone answers them through the debug route
 * (a person with curl, or a test). Nothing is answered by itself.
 */
export class RecordingConfirmer implements ConfirmPort {
  readonly asked: RecordedConfirmation[] = [];
  private readonly waiting = new Map<string, (yes: boolean) => void>();
  private next = 1;
  constructor(private readonly now: () => number = Date.now) {}

  confirm(request: ConfirmRequest): Promise<boolean> {
    const id = `confirm-${this.next++}`;
    const entry: RecordedConfirmation = { id, ...request, askedAt: this.now() };
    this.asked.push(entry);
    return new Promise((resolve) => {
      this.waiting.set(id, (yes) => {
        entry.answer = yes;
        resolve(yes);
      });
    });
  }

  /** Answers a waiting question; false when there is none with this id. */
  answer(id: string, yes: boolean): boolean {
    const resolve = this.waiting.get(id);
    if (resolve === undefined) return false;
    this.waiting.delete(id);
    resolve(yes);
    return true;
  }

  /** Says no to every waiting question (the host is closing). */
  dismissAll(): void {
    for (const id of [...this.waiting.keys()]) this.answer(id, false);
  }
}

/**
 * The OS's global shortcuts: what the app registered, pressed through `/_debug/palette` (the
 * stand-in for the keys). Accelerators in `taken` belong to "another app" and are refused.
 */
export class RecordingGlobalShortcut implements GlobalShortcutPort {
  readonly registered = new Map<string, () => void>();
  constructor(readonly taken: ReadonlySet<string> = new Set()) {}
  register(accelerator: string, onPress: () => void): boolean {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  /** Presses the registered shortcut; its accelerator, or null when none is registered. */
  press(): string | null {
    const [accelerator, onPress] = [...this.registered.entries()][0] ?? [];
    if (accelerator === undefined || onPress === undefined) return null;
    onPress();
    return accelerator;
  }
}

/** The quick pick, which the page shows over itself when told (`navigate` to `palette`). */
export class RecordingPalette implements PalettePort {
  shown = 0;
  closed = 0;
  constructor(private readonly onShow: () => void = () => undefined) {}
  show(): void {
    this.shown += 1;
    this.onShow();
  }
  hide(): void {
    this.closed += 1;
  }
}
