// The clipboard as the app core sees it. Every write is recorded (as a hash) by a guard so the
// value can be cleared on quit if the clipboard still holds it; the delayed clearing itself is
// the core's (it knows the user's setting).
import { clipboard } from 'electron';
import { ClipboardGuard } from '../core/security';
import { systemClock } from '../core/clock';

export function electronClipboard() {
  const guard = new ClipboardGuard(clipboard, systemClock);
  return {
    port: {
      writeText: async (text: string) => {
        await guard.write(text, 0);
      },
      readText: () => clipboard.readText(),
    },
    /** On quit: clears the clipboard if it still holds what the app put there. */
    dispose: () => guard.dispose(),
  };
}
