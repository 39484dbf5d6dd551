import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The AWS SDK warns once per process that Node 20 support ends in 2027; tests need not repeat it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Three suites: fast unit tests beside the code, renderer component tests in jsdom,
// and integration tests that start the local AWS emulator and spawn the CLI.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: ['src/renderer/**', 'node_modules/**'],
          // The Electron adapters' tests mock `electron` (src/main/electron/testing); electron-store
          // imports it too, so it goes through Vitest's module graph where the mock applies.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['src/renderer/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 120_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          // Runs after the unit and renderer suites, with its own worker limit.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
