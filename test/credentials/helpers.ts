import { execFile, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The bundled CLI, built by the integration globalSetup. */
export const CLI = join(ROOT, 'out', 'cli', 'sso-tray.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled `sso-tray` with only the given environment (plus PATH) and node flags. */
export function cli(
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<Run> {
  const child = spawn(process.execPath, [...nodeFlags, CLI, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Signs in through the CLI (device code; the emulator must auto-approve). */
export async function login(env: Record<string, string>): Promise<void> {
  const r = await cli(['login', '--device-code', '--no-browser'], env);
  if (r.code !== 0) throw new Error(`login failed (${r.code}): ${r.stderr}`);
}

/** A python3 that can import botocore, or undefined. */
export function botocorePython(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  return r.status === 0 ? 'python3' : undefined;
}

/** Runs python code with argv and env, returning stdout (throws with stderr on failure). */
export function python(code: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync('python3', ['-c', code, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

export function expectNoStack(text: string): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(text);
}

/**
 * Runs a command without blocking the event loop (an in-process emulator must keep answering
 * while python or the AWS CLI talk to it). Resolves with the exit code and output.
 */
export function runAsync(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
