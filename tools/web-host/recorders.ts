// What the OS would do, recorded instead: the clipboard's text, notifications shown, URLs the
// app asked the browser to open. Readable through /_debug/* so tests and people can see it.
import type { BrowserPort, ClipboardPort, NotifierPort } from '../../src/main/core/app/ports';
import type { NotificationDescription } from '../../src/main/core/expiry/notifications';

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
  constructor(private readonly onOpen: (url: string) => void = () => undefined) {}
  async openExternal(url: string): Promise<boolean> {
    this.opened.push(url);
    this.onOpen(url);
    return true;
  }
}
