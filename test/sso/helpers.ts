import type { RunningEmulator } from '../../tools/emulator';

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
