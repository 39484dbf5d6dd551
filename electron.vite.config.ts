import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins } from './tools/vite-renderer';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/electron/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle the contract's client into it (it
      // loads no zod: main checks what crosses IPC, test/renderer/start-chunks.test.ts).
      externalizeDeps: false,
      // Sandboxed preloads cannot be ES modules: one CommonJS file.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: rendererPlugins(),
  },
});
