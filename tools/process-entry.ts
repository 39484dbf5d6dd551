// What the command-line entries of the dev tools (emulator, web host) share.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `moduleUrl` is the script node was started with (tests import it). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/** Closes once on SIGINT or SIGTERM, then exits 0. */
export function closeOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs `main` and turns a thrown error into one `prefix: message` line and exit 1. */
export function runMain(prefix: string, main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${prefix}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
