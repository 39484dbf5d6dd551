// Runs the command of `sso-tray exec` as a child process, with no shell in between: the child
// shares the terminal (stdin, stdout and stderr are the same descriptors), SIGINT, SIGTERM and
// SIGHUP sent to sso-tray are passed on to it, and its exit status becomes sso-tray's, the way
// shells report it: the exit code, 128 + the signal number when a signal ended it, 127 when the
// command was not found and 126 when it could not be run.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ChildResult {
  code: number;
  /** Why it could not be started, in words (ENOENT, EACCES, …), when it could not. */
  failed?: string;
}

/** The shell's code for a child ended by `signal`: 128 + its number (SIGTERM: 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  const n = (constants.signals as Record<string, number | undefined>)[signal];
  return 128 + (n ?? 0);
}

export interface RunChildOptions {
  /** Process whose signals are forwarded (process); injectable for tests. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export function runChild(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  options: RunChildOptions = {},
): Promise<ChildResult> {
  const signals = options.signals ?? process;
  return new Promise((resolve) => {
    // Listening before the child starts: Node catches a signal only once something listens
    // for it, and one that came between the child's start and the listening would end sso-tray
    // and leave the child behind. Listeners run on a later turn, by when `child` is set.
    const holder: { child?: ChildProcess } = {};
    const forward = (signal: NodeJS.Signals) => {
      const c = holder.child;
      // the child may already be gone; nothing then to pass on
      if (c !== undefined && c.exitCode === null && c.signalCode === null) c.kill(signal);
    };
    for (const s of FORWARDED_SIGNALS) signals.on(s, forward);
    const child = spawn(file, args, { env, stdio: 'inherit', shell: false, windowsHide: false });
    holder.child = child;
    let settled = false;
    const done = (r: ChildResult) => {
      if (settled) return;
      settled = true;
      for (const s of FORWARDED_SIGNALS) signals.off(s, forward);
      resolve(r);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') done({ code: 127, failed: 'command not found' });
      else if (e.code === 'EACCES') done({ code: 126, failed: 'permission denied' });
      else done({ code: 126, failed: e.code ?? e.message });
    });
    child.once('exit', (code, signal) => {
      done({ code: code ?? (signal ? signalExitCode(signal) : 1) });
    });
  });
}

/** The user's shell: $SHELL on macOS and Linux, %COMSPEC% (cmd.exe) on Windows. */
export function userShell(env: Readonly<Record<string, string | undefined>>, platform: string) {
  if (platform === 'win32') return env.COMSPEC || env.ComSpec || 'cmd.exe';
  return env.SHELL || '/bin/sh';
}
