import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../tools/emulator';

export interface TempHome {
  home: string;
  configFile: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A fresh HOME with a config file naming the emulator as `[sso-session emu]` (unless `config: false`). */
export async function tempHome(
  emu: RunningEmulator,
  opts: { config?: boolean; session?: string } = {},
): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), 'sso-test-'));
  const configFile = join(home, 'aws-config');
  if (opts.config !== false) {
    await writeFile(
      configFile,
      `[sso-session ${opts.session ?? 'emu'}]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`,
    );
  }
  await mkdir(join(home, '.aws'), { recursive: true });
  return {
    home,
    configFile,
    env: {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
      AWS_ENDPOINT_URL_SSO: emu.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
      AWS_ENDPOINT_URL_STS: emu.url,
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

/** What a browser does with the authorize URL: follow redirects, return the final page's text. */
export async function followLikeBrowser(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  return res.text();
}

/** A token straight from the emulator's OIDC API (device flow with auto-approve). */
export async function tokenFromEmulator(
  emu: RunningEmulator,
): Promise<{ accessToken: string; expiresIn: number }> {
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> =>
    (await (
      await fetch(`${emu.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const client = await post('/client/register', { clientName: 'test', clientType: 'public' });
  const auth = await post('/device_authorization', {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    startUrl: emu.startUrl,
  });
  try {
    emu.approve(String(auth.userCode));
  } catch {
    // already approved (auto-approve)
  }
  const token = await post('/token', {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    deviceCode: auth.deviceCode,
  });
  return { accessToken: String(token.accessToken), expiresIn: Number(token.expiresIn) };
}
