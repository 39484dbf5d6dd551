// The real main process (runMain and everything it wires) launched against the electron mock,
// for the tests of src/main/electron/main.ts. A test file mocks `electron` itself (vi.mock must sit
// in the test file) and then calls `useLaunchedApp()`, which resets the mock before each test and
// quits and cleans up the app after it.
import { afterEach, beforeEach, vi } from 'vitest';
import { fake } from './electron-mock';
import { launch, REPO_ROOT } from './launch';

export type Launched = Awaited<ReturnType<typeof launch>>;

export function useLaunchedApp() {
  let running: Launched | null = null;

  beforeEach(() => {
    fake.reset();
  });

  afterEach(async () => {
    vi.useRealTimers();
    if (running !== null) {
      await running.quit();
      await running.cleanup();
      running = null;
    }
  });

  return {
    async start(options: Parameters<typeof launch>[0] = {}): Promise<Launched> {
      running = await launch(options);
      return running;
    },
    /** The window exists once something shows it; a second launch is what the e2e suite uses. */
    showWindow() {
      fake.app.emit('second-instance', {}, [], REPO_ROOT);
      const win = fake.windows.at(-1);
      if (win === undefined) throw new Error('no window was created');
      return win;
    },
    /** Resolves once the tray menu was built more than `after` times. */
    menuBuilt: async (after: number) =>
      vi.waitFor(() => {
        if (fake.menus.length <= after) throw new Error('the tray menu was not rebuilt');
      }),
  };
}
