// Builds the real renderer for the browser (root src/renderer, the React plugin, relative base:
// the same settings electron.vite.config.ts gives the app) into out/web-renderer, once: a build
// is reused while no file under src/renderer or src/shared is newer than it.
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { rendererPlugins } from '../vite-renderer';
import { build } from 'vite';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const DEFAULT_RENDERER_DIR = join(repoRoot, 'out', 'web-renderer');
const STAMP = '.sources-stamp';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function sourcesStamp(): string {
  const dirs = ['src/renderer', 'src/shared'].map((d) => join(repoRoot, d));
  const plugins = statSync(join(repoRoot, 'tools', 'vite-renderer.ts')).mtimeMs;
  return String(Math.max(plugins, ...dirs.map(newestMtime)));
}

export function rendererSourcesExist(): boolean {
  return existsSync(join(repoRoot, 'src', 'renderer', 'index.html'));
}

function isFresh(outDir: string, stamp: string): boolean {
  try {
    return (
      existsSync(join(outDir, 'index.html')) && readFileSync(join(outDir, STAMP), 'utf8') === stamp
    );
  } catch {
    return false;
  }
}

let inProcess: Promise<string> | null = null;

/** The folder holding a fresh build (built now when needed). */
export function ensureRendererBuild(
  outDir: string = DEFAULT_RENDERER_DIR,
  options: { force?: boolean } = {},
): Promise<string> {
  if (inProcess === null || options.force === true) {
    inProcess = buildIfStale(outDir, options.force === true).catch((e: unknown) => {
      inProcess = null;
      throw e;
    });
  }
  return inProcess;
}

async function buildIfStale(outDir: string, force: boolean): Promise<string> {
  const stamp = sourcesStamp();
  if (!force && isFresh(outDir, stamp)) return outDir;
  // Built aside and moved into place, so parallel hosts never serve a half-written folder.
  const temp = `${outDir}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await build({
      configFile: false,
      root: join(repoRoot, 'src', 'renderer'),
      base: './',
      logLevel: 'error',
      plugins: rendererPlugins(),
      build: {
        outDir: temp,
        emptyOutDir: true,
        reportCompressedSize: false,
        rollupOptions: { input: { index: join(repoRoot, 'src', 'renderer', 'index.html') } },
      },
    });
    writeFileSync(join(temp, STAMP), stamp);
    if (isFresh(outDir, stamp)) return outDir; // another process finished first
    rmSync(outDir, { recursive: true, force: true });
    try {
      renameSync(temp, outDir);
    } catch {
      if (!isFresh(outDir, stamp))
        throw new Error(`could not move the renderer build to ${outDir}`);
    }
    return outDir;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
