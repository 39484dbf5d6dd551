// The setup of the tests that run the `sso-tray` command against the emulator: an emulator for
// one describe block (started before its tests, closed after them) and a sandbox HOME pointed at
// it, either one for the block, signed in through the CLI (useSignedInSandbox), or a new one,
// not signed in, for each test (useSandboxPerTest). The first account's first role is the usual
// target; roleOf picks another.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { login } from '../credentials/helpers';
import { startTestEmulator, type EmulatorOptions, type RunningEmulator } from './emulator';
import { sandboxHome, type SandboxHome } from './sandbox-home';

export interface SignedIn {
  emu: RunningEmulator;
  h: SandboxHome;
  accountId: string;
  roleName: string;
  /** `--account ID --role NAME` for that role. */
  role: string[];
}

/**
 * The emulator's `roleIndex`th role of its `accountIndex`th account (in the organisation's order);
 * throws when the organisation is too small for the test that asks.
 */
export function roleOf(
  emu: RunningEmulator,
  accountIndex = 0,
  roleIndex = 0,
): { accountId: string; roleName: string } {
  const a = emu.organisation.accounts[accountIndex];
  const roleName = a?.roles[roleIndex];
  if (a === undefined || roleName === undefined) {
    throw new Error(
      `emulator organisation too small for role ${roleIndex} of account ${accountIndex}`,
    );
  }
  return { accountId: a.accountId, roleName };
}

function sandboxOf(emu: RunningEmulator, h: SandboxHome): SignedIn {
  const { accountId, roleName } = roleOf(emu);
  return { emu, h, accountId, roleName, role: ['--account', accountId, '--role', roleName] };
}

/**
 * Starts the emulator (auto-approving) and signs a sandbox HOME in before the block's tests, and
 * hands them to `use`; stops and removes both after the block. Call inside a describe.
 */
export function useSignedInSandbox(
  options: Omit<EmulatorOptions, 'autoApprove'>,
  use: (s: SignedIn) => void,
): void {
  let emu: RunningEmulator | undefined;
  let h: SandboxHome | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator({ ...options, autoApprove: true });
    h = await sandboxHome(emu);
    await login(h.env);
    use(sandboxOf(emu, h));
  });
  afterAll(async () => {
    await h?.cleanup();
    await emu?.close();
  });
}

/**
 * Starts the emulator (auto-approving, so a test can `login`) before the block's tests and gives
 * each test a new sandbox HOME, not signed in, through `use` (called before each test); removes
 * the HOME after each test and stops the emulator after the block. Call inside a describe.
 */
export function useSandboxPerTest(
  options: Omit<EmulatorOptions, 'autoApprove'>,
  use: (s: SignedIn) => void,
): void {
  let emu: RunningEmulator | undefined;
  let h: SandboxHome | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator({ ...options, autoApprove: true });
  });
  afterAll(() => emu?.close());
  beforeEach(async () => {
    if (emu === undefined) throw new Error('the emulator did not start');
    h = await sandboxHome(emu);
    use(sandboxOf(emu, h));
  });
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });
}
