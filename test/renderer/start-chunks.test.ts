// The window's start path loads no zod: the chunks the page evaluates before its first row (the
// entry with React, the components of the first screen (`root`) and the web bridge, and every
// chunk those import statically) hold no module of zod. Main checks what it sends (src/main/core/ipc), so the
// window needs no schemas to start; forms that use one load it with their lazy chunk. Built here
// with the renderer's real Vite settings (tools/vite-renderer.ts), written nowhere.
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { rendererPlugins } from '../../tools/vite-renderer';

const root = join(import.meta.dirname, '..', '..', 'src', 'renderer');

async function chunks(): Promise<Rollup.OutputChunk[]> {
  const out = await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    plugins: rendererPlugins(),
    build: {
      write: false,
      reportCompressedSize: false,
      rollupOptions: { input: { index: join(root, 'index.html') } },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  return outputs.flatMap((o) =>
    'output' in o ? o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk') : [],
  );
}

/** The preload's bundle as electron.vite.config.ts builds it (electron left out). */
async function preloadModules(): Promise<string[]> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: { index: join(root, '..', 'preload', 'index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  return outputs.flatMap((o) =>
    'output' in o ? o.output.flatMap((c) => (c.type === 'chunk' ? c.moduleIds : [])) : [],
  );
}

const isZod = (id: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(id);

describe('the chunks of the window start', () => {
  it('hold no zod (and the lazy ones that need it still have it)', async () => {
    const all = await chunks();
    const byName = new Map(all.map((c) => [c.fileName, c]));
    const entry = all.find((c) => c.isEntry);
    expect(entry?.moduleIds.some((id) => id.endsWith('main.tsx'))).toBe(true);
    // The entry and what it imports statically: everything the first row waits for. Its dynamic
    // imports are the views loaded on demand (settings, the dialog, the quick pick).
    const start = new Set<string>();
    const visit = (file: string) => {
      if (start.has(file)) return;
      start.add(file);
      for (const dep of byName.get(file)?.imports ?? []) visit(dep);
    };
    visit(entry!.fileName);
    expect(entry!.dynamicImports.length).toBeGreaterThan(0);
    for (const dynamic of entry!.dynamicImports) expect(start.has(dynamic)).toBe(false);
    const startModules = [...start].flatMap((f) => byName.get(f)?.moduleIds ?? []);
    expect(startModules.some((id) => id.endsWith(join('src', 'renderer', 'root.tsx')))).toBe(true);
    expect(startModules.some((id) => id.endsWith(join('src', 'renderer', 'web-bridge.ts')))).toBe(
      true,
    );
    expect(startModules.filter(isZod)).toEqual([]);
    // Not a check that cannot fail: zod is in the build, in the chunks loaded later.
    expect(all.some((c) => c.moduleIds.some(isZod))).toBe(true);
  }, 120_000);

  it('the preload (which runs before the page in Electron) holds no zod either', async () => {
    const modules = await preloadModules();
    expect(modules.some((id) => id.endsWith(join('src', 'shared', 'ipc-renderer.ts')))).toBe(true);
    expect(modules.filter(isZod)).toEqual([]);
  }, 120_000);
});
