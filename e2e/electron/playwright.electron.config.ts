// Electron end-to-end tests (`npm run test:electron`): the real app, unpackaged (Playwright's
// _electron needs the Node inspector that the packaged build's fuses turn off), against the local
// emulator. Where no Electron binary exists the specs are skipped with a clear message; this
// suite is not part of `npm test`.
import { defineConfig } from '@playwright/test';
import { findElectronBinary } from '../../tools/electron-binary';

const electron = findElectronBinary();
if (electron.path === null) {
  console.log(`test:electron skipped: no Electron binary (${electron.reason})`);
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
