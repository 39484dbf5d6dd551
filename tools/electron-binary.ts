// Where the Electron executable is, without `require('electron')`: that call tries to DOWNLOAD
// the binary when it is missing (slow, and impossible on offline machines). Mirrors the lookup
// in node_modules/electron/index.js, but only looks.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ElectronBinary {
  path: string | null;
  /** Why there is none, for a clear "skipped" message. */
  reason?: string;
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, executable ?? 'electron')
    : executable === null
      ? null
      : join(pkg, 'dist', executable);
  if (candidate === null) {
    return { path: null, reason: `${pathFile} is missing (electron installed without its binary)` };
  }
  if (!existsSync(candidate)) return { path: null, reason: `${candidate} does not exist` };
  return { path: candidate };
}
