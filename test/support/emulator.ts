// The local AWS emulator for tests: in this process, quiet, on a free port; and the common pair
// of an emulator with a sandbox HOME pointed at it.
import { join } from 'node:path';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../tools/emulator/index';
import { sandboxHome } from './sandbox-home';

export type { EmulatorOptions, RunningEmulator } from '../../tools/emulator/index';

/** Starts the emulator in this process (it answers while the test awaits; never logs). */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ quiet: true, ...options });
}

export interface Sandbox {
  emulator: RunningEmulator;
  home: string;
  env: Record<string, string>;
  /** The app's own data folder (settings, caches, records), inside the HOME. */
  dataDir: string;
  configFile: string;
  credentialsFile: string;
  /** Stops the emulator and removes the HOME. */
  close(): Promise<void>;
}

/**
 * An emulator and a HOME whose ~/.aws/config names it as `[sso-session emu]`, the files where
 * the AWS tools look by default.
 */
export async function emulatorSandbox(options: EmulatorOptions = {}): Promise<Sandbox> {
  const emulator = await startTestEmulator(options);
  try {
    const h = await sandboxHome(emulator, { layout: 'dot-aws', prefix: 'sso-tray-app-' });
    return {
      emulator,
      home: h.home,
      env: h.env,
      dataDir: join(h.home, 'app-data'),
      configFile: h.configFile,
      credentialsFile: h.credentialsFile,
      close: async () => {
        await emulator.close();
        await h.cleanup();
      },
    };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}
