// Builds the renderer the way electron-vite does (root src/renderer, index.html, the React plugin,
// relative base) into a scratch folder, and sums the gzip size of the emitted JavaScript. The
// render bench's minimal page (bench/minimal-page) is built the same way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rendererPlugins } from '../../tools/vite-renderer';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');

export interface RendererBuild {
  outDir: string;
  /** Every emitted .js file with its raw and gzip (level 9) size in bytes. */
  files: Array<{ file: string; bytes: number; gzBytes: number }>;
  gzBytes: number;
  seconds: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The window's renderer (default) or the minimal page, built with the same settings. */
export async function buildRenderer(
  outDir: string,
  source: 'renderer' | 'minimal-page' = 'renderer',
): Promise<RendererBuild> {
  const start = performance.now();
  const dir = source === 'renderer' ? join(root, 'src/renderer') : join(root, 'bench/minimal-page');
  await build({
    configFile: false,
    root: dir,
    base: './',
    logLevel: 'error',
    plugins: rendererPlugins(),
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      rollupOptions: { input: { index: join(dir, 'index.html') } },
    },
  });
  const files = walk(outDir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))
    .map((f) => {
      const buf = readFileSync(f);
      return {
        file: relative(outDir, f),
        bytes: buf.length,
        gzBytes: gzipSync(buf, { level: 9 }).length,
      };
    });
  return {
    outDir,
    files,
    gzBytes: files.reduce((a, f) => a + f.gzBytes, 0),
    seconds: (performance.now() - start) / 1000,
  };
}
