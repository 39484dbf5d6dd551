// Browser end-to-end tests: the real renderer served by the web host (tools/web-host) in the
// system Chromium. Each test starts its own web host (emulator + app core) in a fixture, so tests
// are independent. The Electron journeys live in e2e/electron with their own config.
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './tools/chromium';

const executablePath = systemChromium();

// The web hosts run in the workers; the SDK's "Node 20 support ends" notice is noise there.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  testIgnore: ['electron/**'],
  outputDir: 'test-results/e2e',
  // Two cores shared with the app core, the emulator and the browser of each test.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The web host builds the renderer when its sources changed; do it once, before the workers.
  globalSetup: './e2e/fixtures/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    browserName: 'chromium',
    headless: true,
    // The app's window size (src/main/electron/window.ts), so screenshots show what users see.
    viewport: { width: 420, height: 620 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [...CHROMIUM_ARGS, '--disable-dev-shm-usage'],
    },
  },
});
