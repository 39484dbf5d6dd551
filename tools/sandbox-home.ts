// A throw-away HOME for running SSO Tray, its CLI or another AWS tool against the local emulator:
// an AWS config file with one [sso-session] for the emulator's portal, and the environment that
// points every AWS client at those files and at the emulator's endpoints, so the developer's own
// ~/.aws is never read or written. The demo, the web host, the bench and the tests (through
// test/support) all make their HOME here.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** An AWS access portal to sign in to: what an emulator (or a user's config) names. */
export interface PortalSession {
  /** The `[sso-session NAME]`. */
  name: string;
  startUrl: string;
  region: string;
}

/**
 * The variables that send the SSO, SSO OIDC and STS requests of every AWS SDK to `url`, and SSO
 * Tray's console sign-in (the federation endpoint, on the AWS Sign-In host) with them.
 */
export function endpointEnv(url: string): {
  AWS_ENDPOINT_URL_SSO: string;
  AWS_ENDPOINT_URL_SSO_OIDC: string;
  AWS_ENDPOINT_URL_STS: string;
  AWS_ENDPOINT_URL_SIGNIN: string;
} {
  return {
    AWS_ENDPOINT_URL_SSO: url,
    AWS_ENDPOINT_URL_SSO_OIDC: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_SIGNIN: url,
  };
}

/** An `[sso-session]` section as `aws configure sso` writes it, ending with a newline. */
export function ssoSessionSection(session: PortalSession): string {
  return (
    `[sso-session ${session.name}]\nsso_start_url = ${session.startUrl}\n` +
    `sso_region = ${session.region}\nsso_registration_scopes = sso:account:access\n`
  );
}

/**
 * Writes the session's section into `configFile`: appended to what the file holds, or in place
 * of an earlier section of the same name (a HOME kept from an earlier run, whose emulator may
 * have had another start URL). A new file is 0600 in a 0700 folder.
 */
export async function writeSsoSession(configFile: string, session: PortalSession): Promise<void> {
  const header = `[sso-session ${session.name}]`;
  const block = ssoSessionSection(session);
  let text = '';
  try {
    text = await readFile(configFile, 'utf8');
  } catch {
    // A new sandbox: no config yet.
  }
  if (text.includes(header)) {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.trim() === header);
    let end = lines.findIndex((l, i) => i > start && l.trim().startsWith('['));
    if (end === -1) end = lines.length;
    lines.splice(start, end - start, ...block.trimEnd().split('\n'), '');
    text = lines.join('\n');
  } else {
    text = text === '' ? block : `${text.replace(/\n*$/, '\n')}\n${block}`;
  }
  await mkdir(dirname(configFile), { recursive: true, mode: 0o700 });
  await writeFile(configFile, text, { mode: 0o600 });
}

/**
 * Where the AWS files go. `dot-aws`: ~/.aws/config and ~/.aws/credentials, where the AWS tools
 * look by default. `custom`: ~/aws-config and ~/aws-credentials, found only through
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (a client that ignored them would miss them).
 * Either way ~/.aws exists, for the caches the tools keep there.
 */
export type SandboxLayout = 'dot-aws' | 'custom';

export interface SandboxHomeOptions {
  /** The `[sso-session]` to write into the config file; without it there is no config file. */
  session?: PortalSession;
  /** Where SSO, SSO OIDC and STS requests go (the AWS_ENDPOINT_URL_* variables); none without. */
  endpoint?: string;
  /** Default `dot-aws`. */
  layout?: SandboxLayout;
  /** Use this folder as HOME (created if missing, kept by cleanup) instead of a new temp folder. */
  home?: string;
  /** Name prefix of the new temp folder (default `sso-tray-home-`). */
  prefix?: string;
}

export interface SandboxHome {
  home: string;
  configFile: string;
  credentialsFile: string;
  /** HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and, with an endpoint, AWS_ENDPOINT_URL_*. */
  env: Record<string, string>;
  /** Removes the HOME, unless it was given (`home`). */
  cleanup(): Promise<void>;
}

export async function createSandboxHome(options: SandboxHomeOptions = {}): Promise<SandboxHome> {
  const own = options.home === undefined;
  const home = options.home ?? (await mkdtemp(join(tmpdir(), options.prefix ?? 'sso-tray-home-')));
  try {
    await mkdir(join(home, '.aws'), { recursive: true, mode: 0o700 });
    const custom = options.layout === 'custom';
    const configFile = custom ? join(home, 'aws-config') : join(home, '.aws', 'config');
    const credentialsFile = custom
      ? join(home, 'aws-credentials')
      : join(home, '.aws', 'credentials');
    if (options.session !== undefined) await writeSsoSession(configFile, options.session);
    return {
      home,
      configFile,
      credentialsFile,
      env: {
        HOME: home,
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        ...(options.endpoint === undefined ? {} : endpointEnv(options.endpoint)),
      },
      cleanup: () => (own ? rm(home, { recursive: true, force: true }) : Promise.resolve()),
    };
  } catch (e) {
    if (own) await rm(home, { recursive: true, force: true });
    throw e;
  }
}
