// The renderer's Vite plugins, shared by every build of it (electron-vite, the web host, the
// bench) so they all emit the same files.
import react from '@vitejs/plugin-react';
import type { Plugin, PluginOption } from 'vite';

/**
 * Adds `<link rel="modulepreload">` for the chunks the entry imports dynamically. The entry
 * (src/renderer/main.tsx) loads React and the app with `import('./root')` so that it can send the
 * first requests before evaluating them; without a preload the browser only starts downloading
 * that chunk once the entry has run, and it then arrives behind the account list. With it, the
 * chunk downloads in parallel with the entry and is ready when the entry asks for it.
 */
export function preloadDynamicImports(): Plugin {
  let base = './';
  return {
    name: 'sso-tray:preload-dynamic-imports',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const entry = ctx.chunk;
        const bundle = ctx.bundle;
        if (entry === undefined || bundle === undefined) return [];
        const files = new Set<string>();
        for (const id of entry.dynamicImports) {
          const chunk = bundle[id];
          if (chunk?.type !== 'chunk') continue;
          files.add(chunk.fileName);
          for (const dep of chunk.imports) if (dep !== entry.fileName) files.add(dep);
        }
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export function rendererPlugins(): PluginOption[] {
  return [react(), preloadDynamicImports()];
}
