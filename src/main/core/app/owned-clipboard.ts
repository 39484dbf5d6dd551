// The clipboard as SSO Tray uses it for credentials: it remembers the text it put there, clears
// it after the seconds the settings say, and clears it on quit and sign-out, but only while the
// clipboard still holds that text (whatever the user copied since is left alone).
import type { Logger } from '../log/logger';
import type { ClipboardPort, ClockPort } from './ports';

export interface OwnedClipboardOptions {
  clipboard: ClipboardPort;
  clock: ClockPort;
  /** Seconds after which a copy is cleared; 0 or less: never. */
  clearSeconds(): number;
  log: Logger;
}

export class OwnedClipboard {
  /** The text we last put on the clipboard, until it is cleared or replaced. */
  private owned: string | null = null;
  private cancelClear: (() => void) | null = null;

  constructor(private readonly o: OwnedClipboardOptions) {}

  /** Puts `text` on the clipboard; returns when it will be cleared (undefined: never). */
  async write(text: string): Promise<number | undefined> {
    await this.o.clipboard.writeText(text);
    this.owned = text;
    return this.scheduleClear();
  }

  /** Clears the clipboard now if it still holds what we copied (quit, sign-out). */
  async clear(): Promise<void> {
    this.cancelClear?.();
    this.cancelClear = null;
    const owned = this.owned;
    this.owned = null;
    if (owned === null) return;
    try {
      if ((await this.o.clipboard.readText()) === owned) await this.o.clipboard.writeText('');
    } catch (e) {
      // Nothing more can be done about a clipboard that cannot be read.
      this.o.log.warn('the clipboard could not be cleared', { error: e });
    }
  }

  private scheduleClear(): number | undefined {
    this.cancelClear?.();
    this.cancelClear = null;
    const seconds = this.o.clearSeconds();
    if (seconds <= 0) return undefined;
    const ms = seconds * 1000;
    const owned = this.owned;
    this.cancelClear = this.o.clock.setTimer(ms, () => {
      this.cancelClear = null;
      if (this.owned !== owned) return;
      void this.clear();
    });
    return this.o.clock.now() + ms;
  }
}
