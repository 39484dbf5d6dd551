// Copied secrets do not linger: the clipboard is cleared after a delay, and on quit, but only
// when it still holds what the app put there (the user may have copied something else since).
// The values are never logged; the guard keeps only a hash of what it wrote.
import { createHash } from 'node:crypto';
import type { TimerClock } from '../clock';

/** Electron's clipboard is asynchronous (W3C style); a sync one fits too. */
export interface ClipboardPort {
  readText(): Promise<string> | string;
  writeText(text: string): Promise<void> | void;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class ClipboardGuard {
  private ownedDigest: string | null = null;
  private cancelClear: (() => void) | null = null;
  /** Resolves when the last timer-driven clear finished (for orderly shutdown and tests). */
  pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: TimerClock,
  ) {}

  /**
   * Writes `text`; clears it after `clearAfterSeconds` (0 = keep until quit).
   * Returns when it will be cleared (epoch ms), if it will.
   */
  async write(text: string, clearAfterSeconds: number): Promise<{ clearsAt?: number }> {
    this.cancelClear?.();
    this.cancelClear = null;
    await this.clipboard.writeText(text);
    this.ownedDigest = digest(text);
    if (clearAfterSeconds <= 0) return {};
    const ms = clearAfterSeconds * 1000;
    this.cancelClear = this.timers.setTimer(ms, () => {
      this.cancelClear = null;
      this.pending = this.clearIfOwned();
    });
    return { clearsAt: this.timers.now() + ms };
  }

  /** Clears the clipboard if it still holds the app's value; true when it did. */
  async clearIfOwned(): Promise<boolean> {
    const owned = this.ownedDigest;
    if (owned === null) return false;
    try {
      const current = await this.clipboard.readText();
      if (digest(current) !== owned) {
        this.ownedDigest = null;
        return false;
      }
      await this.clipboard.writeText('');
      this.ownedDigest = null;
      return true;
    } catch {
      return false;
    }
  }

  /** On quit: stop the timer and clear what is ours. */
  async dispose(): Promise<void> {
    this.cancelClear?.();
    this.cancelClear = null;
    await this.clearIfOwned();
  }
}
