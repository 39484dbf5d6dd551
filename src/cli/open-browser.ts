import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { Env } from '../main/core/aws-paths';
import { launchBrowser } from '../main/core/console/browser-launch';
import type { BrowserChoice } from '../shared/console-settings';

/** The part of `child_process.spawn` the opener uses (tests pass their own). */
export type SpawnFn = (
  command: string,
  args: readonly string[],
  options: SpawnOptions,
) => ChildProcess;

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
): { command: string; args: string[] } | undefined {
  let href: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    href = u.href;
  } catch {
    return undefined;
  }
  if (/[\s"]/.test(href)) return undefined; // the parser encodes them; refuse if it ever did not
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
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean): void => {
      if (!done) {
        done = true;
        resolve(ok);
      }
    };
    try {
      const child = run(opener.command, opener.args, {
        stdio: 'ignore',
        detached: true,
        windowsHide: true,
        shell: false,
      });
      child.once('error', () => finish(false));
      child.once('exit', (code) => finish(code === 0));
      // Some openers stay alive while the browser runs: started is good enough after a while.
      setTimeout(() => finish(true), 5000).unref();
      child.unref();
    } catch {
      finish(false);
    }
  });
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
