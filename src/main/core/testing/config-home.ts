// Test support: the sandbox of the config-file writers' unit tests (config-file, populate): a new
// HOME for each test, its AWS_CONFIG_FILE `cfg` inside it (not created), removed after the test;
// and the [sso-session] those tests write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface ConfigHome {
  home: string;
  /** AWS_CONFIG_FILE: `cfg` in the HOME. */
  config: string;
  env: Record<string, string>;
}

/**
 * Gives each test of the file its own ConfigHome (through `use`, before the test) and removes it
 * after. Call at the top level of a test file.
 */
export function useConfigHome(prefix: string, use: (h: ConfigHome) => void): void {
  let home: string | undefined;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), prefix));
    const config = join(home, 'cfg');
    use({ home, config, env: { HOME: home, AWS_CONFIG_FILE: config } });
  });
  afterEach(() => {
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
    home = undefined;
  });
}

/** The [sso-session emu] the tests write (the emulator's start URL form). */
export const TEST_SESSION = {
  name: 'emu',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
};
