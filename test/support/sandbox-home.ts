// A temp HOME for a test: an AWS config file naming a running emulator as `[sso-session emu]`,
// and the environment (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL_*)
// that points every AWS client at it. The files are written by tools/sandbox-home.ts, which the
// demo, the web host and the bench use too.
import { createSandboxHome, type SandboxHome, type SandboxLayout } from '../../tools/sandbox-home';

export {
  endpointEnv,
  ssoSessionSection,
  createSandboxHome,
  type SandboxHome,
} from '../../tools/sandbox-home';

/** The `[sso-session]` the tests' config files name. */
export const SESSION = 'emu';

/** What a sandbox needs to know of the emulator (a RunningEmulator has it). */
export interface EmulatorPortal {
  url: string;
  startUrl: string;
  region: string;
}

export interface SandboxHomeOptions {
  /** The session's name (default `emu`), or false for no config file at all. */
  session?: string | false;
  /**
   * Default `custom`: the AWS files are found only through AWS_CONFIG_FILE and
   * AWS_SHARED_CREDENTIALS_FILE, so a test also shows that those are followed.
   */
  layout?: SandboxLayout;
  prefix?: string;
}

/** A fresh HOME pointed at `emu`; `cleanup()` removes it. */
export function sandboxHome(
  emu: EmulatorPortal,
  options: SandboxHomeOptions = {},
): Promise<SandboxHome> {
  const name = options.session ?? SESSION;
  return createSandboxHome({
    endpoint: emu.url,
    ...(name === false ? {} : { session: { name, startUrl: emu.startUrl, region: emu.region } }),
    layout: options.layout ?? 'custom',
    prefix: options.prefix ?? 'sso-test-',
  });
}
