// An emulator and a sandbox HOME signed in to it through the CLI, for one describe block: started
// before its tests, closed after them. The first account's first role is the usual target.
import { afterAll, beforeAll } from 'vitest';
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
    const [a] = emu.organisation.accounts;
    const accountId = a?.accountId ?? '';
    const roleName = a?.roles[0] ?? '';
    use({ emu, h, accountId, roleName, role: ['--account', accountId, '--role', roleName] });
  });
  afterAll(async () => {
    await h?.cleanup();
    await emu?.close();
  });
}
