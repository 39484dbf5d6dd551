// Test support for the unit tests that need a HOME of their own (the config-file writers, populate,
// the CLI's cached credential-process answer): a new HOME for each test, its AWS_CONFIG_FILE `cfg`
// inside it (not created), removed after the test; and the [sso-session] the writers' tests write.
// The integration tests' HOMEs, pointed at the emulator, are test/support's (sandbox-home.ts).
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
 * after. Call at the top level of a test file or inside a describe.
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
