// The bundled `sso-tray` command (out/cli/sso-tray.cjs, built by the integration globalSetup),
// spawned the way users and credential_process run it, with only the environment a test gives.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The bundled CLI. */
export const CLI = join(ROOT, 'out', 'cli', 'sso-tray.cjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The one spawn of the CLI: `env` plus PATH, stdout and stderr collected; `done` at its close. */
function spawnCli(
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[],
  stdin: 'ignore' | 'pipe',
) {
  const child = spawn(process.execPath, [...nodeFlags, CLI, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: out.stdout, stderr: out.stderr })),
  );
  return { child, out, done };
}

/**
 * Starts `sso-tray ARGS` with `env` (plus PATH) and Node's own `nodeFlags`, no stdin; `done` is
 * its exit code and output.
 */
export function startCli(
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): { child: ChildProcess; done: Promise<Run> } {
  const { child, done } = spawnCli(args, env, nodeFlags, 'ignore');
  return { child, done };
}

/** Runs `sso-tray ARGS` to the end. */
export function cli(
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<Run> {
  return startCli(args, env, nodeFlags).done;
}

/** `env` output as a map (values with line breaks do not occur here). */
export function envOf(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/**
 * `sso-tray ARGS` with stdin as a pipe, so a test can write to the child and signal sso-tray;
 * `output(pattern)` waits until stdout matches.
 */
export function startCliPiped(args: string[], env: Record<string, string>) {
  const { child: started, out, done } = spawnCli(args, env, [], 'pipe');
  if (!started.stdin || !started.stdout || !started.stderr) throw new Error('no pipes to the CLI');
  const child = started as ChildProcessWithoutNullStreams;
  const waiters: Array<() => void> = [];
  child.stdout.on('data', () => {
    for (const w of waiters.splice(0)) w();
  });
  const output = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(out.stdout)) {
      const more = new Promise<void>((resolve) => waiters.push(resolve));
      const ended = done.then(() => {
        throw new Error(`exited before ${pattern}: ${out.stdout} ${out.stderr}`);
      });
      await Promise.race([more, ended]);
    }
  };
  return { child, done, output };
}
