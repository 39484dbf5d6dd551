// Opening a URL in a named browser (Chrome, Edge, Brave, Firefox), in one of its profiles or, for
// Firefox, in a container, never through a shell: the program and its argv are built here as
// data (pure, tested per browser and platform) and started with spawn, `shell: false`. The
// default browser is not chosen here: the hosts' own openers do that (Electron's
// shell.openExternal, the CLI's xdg-open/open/rundll32), the CLI's through tryStart below, the
// one function that starts a browser or an opener and tells whether it started.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { win32 } from 'node:path';
import type { Env } from '../aws-paths';
import {
  CHROMIUM_BROWSERS,
  browserWordProblem,
  type BrowserName,
} from '../../../shared/console-rules';
import type { BrowserChoice } from '../../../shared/console-settings';

export interface LaunchCommand {
  command: string;
  args: string[];
}

type NamedBrowser = Exclude<BrowserName, 'default'>;

/** The program names tried in turn on Linux and the other Unix systems. */
const UNIX_PROGRAMS: Record<NamedBrowser, string[]> = {
  chrome: ['google-chrome', 'google-chrome-stable'],
  edge: ['microsoft-edge', 'microsoft-edge-stable'],
  brave: ['brave-browser', 'brave'],
  firefox: ['firefox'],
};

/** The application names `open -a` takes on macOS. */
const MAC_APPS: Record<NamedBrowser, string> = {
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  brave: 'Brave Browser',
  firefox: 'Firefox',
};

/** Where the installers put each browser on Windows: [environment variable, path below it]. */
const WINDOWS_PATHS: Record<NamedBrowser, Array<[string, string]>> = {
  chrome: [
    ['ProgramFiles', 'Google\\Chrome\\Application\\chrome.exe'],
    ['ProgramFiles(x86)', 'Google\\Chrome\\Application\\chrome.exe'],
    ['LOCALAPPDATA', 'Google\\Chrome\\Application\\chrome.exe'],
  ],
  edge: [
    ['ProgramFiles(x86)', 'Microsoft\\Edge\\Application\\msedge.exe'],
    ['ProgramFiles', 'Microsoft\\Edge\\Application\\msedge.exe'],
  ],
  brave: [
    ['ProgramFiles', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
    ['ProgramFiles(x86)', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
    ['LOCALAPPDATA', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
  ],
  firefox: [
    ['ProgramFiles', 'Mozilla Firefox\\firefox.exe'],
    ['ProgramFiles(x86)', 'Mozilla Firefox\\firefox.exe'],
  ],
};

/**
 * The `ext+container:` URL of the Firefox add-on "Open external links in a container": Firefox
 * hands it to the add-on, which opens `url` in the container named `container` (creating it if
 * needed). Both values are percent-encoded, so neither can add a parameter of its own.
 */
export function containerUrl(container: string, url: string): string {
  return `ext+container:name=${encodeURIComponent(container)}&url=${encodeURIComponent(url)}`;
}

/**
 * The URL as the parser writes it (spaces and quotes percent-encoded, so as one argv word it is
 * never split or re-quoted); undefined unless it is http(s), or if the parser ever left a space
 * or a quote in it.
 */
export function serialisedHttpUrl(url: string): string | undefined {
  let href: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    href = u.href;
  } catch {
    return undefined;
  }
  return /[\s"]/.test(href) ? undefined : href;
}

/** The browser's own arguments: the profile, then the one URL word. */
function browserArgs(choice: BrowserChoice, browser: NamedBrowser, href: string): string[] {
  const args: string[] = [];
  if (CHROMIUM_BROWSERS.includes(browser)) {
    if (choice.profile !== undefined) args.push(`--profile-directory=${choice.profile}`);
    args.push(href);
    return args;
  }
  if (choice.profile !== undefined) args.push('-P', choice.profile);
  args.push(choice.container === undefined ? href : containerUrl(choice.container, href));
  return args;
}

/**
 * The commands that open `url` in the chosen browser, to be tried in turn until one starts;
 * undefined for the default browser, a URL that is not http(s), or a profile or container name
 * that cannot be passed safely.
 *
 * - Linux and other Unix systems: the browser's program from PATH (`google-chrome`,
 *   `microsoft-edge`, `brave-browser`, `firefox`, with their alternative names).
 * - macOS: `open -n -a "<App>" --args …`; `-n` so that the arguments reach a browser that is
 *   already running (it hands them to its open windows).
 * - Windows: the browser's executable where its installer puts it (Program Files, the user's
 *   local AppData), so no `cmd.exe` and no PATH search is involved.
 */
export function browserLaunchCommands(
  url: string,
  choice: BrowserChoice,
  platform: NodeJS.Platform,
  env: Env,
): LaunchCommand[] | undefined {
  if (choice.browser === 'default') return undefined;
  const browser = choice.browser;
  const href = serialisedHttpUrl(url);
  if (href === undefined) return undefined;
  if (choice.profile !== undefined && browserWordProblem('profile', choice.profile) !== null) {
    return undefined;
  }
  if (choice.container !== undefined) {
    if (browser !== 'firefox' || browserWordProblem('container', choice.container) !== null) {
      return undefined;
    }
  }
  const args = browserArgs(choice, browser, href);
  if (platform === 'darwin') {
    return [{ command: 'open', args: ['-n', '-a', MAC_APPS[browser], '--args', ...args] }];
  }
  if (platform === 'win32') {
    const found: LaunchCommand[] = [];
    for (const [variable, below] of WINDOWS_PATHS[browser]) {
      const base = env[variable];
      if (base !== undefined && base !== '') {
        found.push({ command: win32.join(base, below), args: [...args] });
      }
    }
    return found;
  }
  return UNIX_PROGRAMS[browser].map((command) => ({ command, args: [...args] }));
}

/** The part of `child_process.spawn` the launcher uses (tests pass their own). */
export type SpawnFn = (
  command: string,
  args: readonly string[],
  options: SpawnOptions,
) => ChildProcess;

/** How long a started browser has to fail (exit non-zero) before it counts as started. */
const SETTLE_MS = 1500;

export interface StartOptions {
  /** How long the program has to fail before it counts as started (default 1.5 s). */
  settleMs?: number;
  /** Hide a console window it would open on Windows (an opener such as rundll32: yes). */
  windowsHide?: boolean;
}

/**
 * Starts one command, detached and without a shell; true once it has run `settleMs` without
 * failing (or exited 0 before), false if it could not start or exited non-zero. The wait is kept
 * referenced, so a CLI process does not end before it knows; the child itself is not waited for.
 */
export function tryStart(
  run: SpawnFn,
  cmd: LaunchCommand,
  options: StartOptions = {},
): Promise<boolean> {
  const settleMs = options.settleMs ?? SETTLE_MS;
  return new Promise((resolve) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (ok: boolean): void => {
      if (timer !== undefined) clearTimeout(timer);
      if (!done) {
        done = true;
        resolve(ok);
      }
    };
    try {
      const child = run(cmd.command, cmd.args, {
        stdio: 'ignore',
        detached: true,
        windowsHide: options.windowsHide ?? false,
        shell: false,
      });
      child.once('error', () => finish(false));
      child.once('exit', (code) => finish(code === 0));
      child.once('spawn', () => {
        if (!done) timer = setTimeout(() => finish(true), settleMs);
      });
      child.unref();
    } catch {
      finish(false);
    }
  });
}

/**
 * Opens `url` in the chosen named browser; false when no command for it could be started (the
 * browser is not installed, the URL or a name is refused).
 */
export async function launchBrowser(
  url: string,
  choice: BrowserChoice,
  platform: NodeJS.Platform,
  env: Env,
  spawn?: SpawnFn,
): Promise<boolean> {
  const commands = browserLaunchCommands(url, choice, platform, env);
  if (commands === undefined || commands.length === 0) return false;
  const run: SpawnFn = spawn ?? (await import('node:child_process')).spawn;
  for (const cmd of commands) {
    if (await tryStart(run, cmd)) return true;
  }
  return false;
}
