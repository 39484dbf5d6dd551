// Opening a URL from the CLI: the desktop's default browser through the OS opener, or a named
// browser (browser-launch.ts). Both are started by the core's one starter, tryStart.
import type { Env } from '../main/core/aws-paths';
import {
  launchBrowser,
  serialisedHttpUrl,
  tryStart,
  type LaunchCommand,
  type SpawnFn,
} from '../main/core/console/browser-launch';
import type { BrowserChoice } from '../shared/console-settings';

export type { SpawnFn };

/**
 * How long the opener has to fail before the browser counts as opened: some openers stay alive
 * while the browser runs, others hand the URL over and exit 0 at once.
 */
const OPENER_SETTLE_MS = 5000;

/**
 * The program and argv that open `url` in the default browser, never through a shell: `open` on
 * macOS, `xdg-open` elsewhere, and on Windows `rundll32.exe url.dll,FileProtocolHandler URL`
 * (the URL is one argv word handed to the shell's URL handler; no cmd.exe, so `&`, `%`, `^` mean
 * nothing). Only http(s) URLs, written as the URL parser serialises them (spaces and quotes
 * percent-encoded, so the word is never split or re-quoted). Undefined for anything else.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): LaunchCommand | undefined {
  const href = serialisedHttpUrl(url);
  if (href === undefined) return undefined;
  if (platform === 'darwin') return { command: 'open', args: [href] };
  if (platform === 'win32') {
    return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', href] };
  }
  return { command: 'xdg-open', args: [href] };
}

/** Opens `url` with the desktop's default browser; resolves false when that is not possible. */
export async function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFn,
): Promise<boolean> {
  const opener = browserCommand(url, platform);
  if (!opener) return false;
  // Loaded on use, so that the commands that never open a browser start without it.
  const run: SpawnFn = spawn ?? (await import('node:child_process')).spawn;
  return tryStart(run, opener, { settleMs: OPENER_SETTLE_MS, windowsHide: true });
}

/**
 * Opens `url` in the chosen browser: the default one as above, or a named browser with its
 * profile or Firefox container (argv built by browserLaunchCommands, started without a shell).
 */
export async function openUrlWith(
  url: string,
  choice: BrowserChoice,
  env: Env,
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFn,
): Promise<boolean> {
  if (choice.browser === 'default') return openInBrowser(url, platform, spawn);
  return launchBrowser(url, choice, platform, env, spawn);
}
