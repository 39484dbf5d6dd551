// The SDK clients of the portal and of SSO OIDC, one per region and endpoint, loaded on first use.
import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Env } from '../aws-paths';
import { resolveEndpoint } from './endpoints';

export type SsoSdk = typeof import('@aws-sdk/client-sso');
type OidcSdk = typeof import('@aws-sdk/client-sso-oidc');

/**
 * The SDK is loaded when a request is first made, not when the core is: `credential-process`
 * answers from the file cache without it, and `aws` runs that command before every command.
 */
let ssoSdk: Promise<SsoSdk> | undefined;
let oidcSdk: Promise<OidcSdk> | undefined;
// The promise is kept: every import() call goes through the module loader again (and its hooks),
// which a listing of thousands of calls would pay each time.
export const loadSsoSdk = (): Promise<SsoSdk> => (ssoSdk ??= import('@aws-sdk/client-sso'));
export const loadOidcSdk = (): Promise<OidcSdk> => (oidcSdk ??= import('@aws-sdk/client-sso-oidc'));

export interface ClientAt<C> {
  client: C;
  endpoint: string;
}

export class SdkClients {
  private readonly sso = new Map<string, SSOClient>();
  private readonly oidc = new Map<string, SSOOIDCClient>();

  /** `maxSockets`: as many as the shared limiter lets requests fly. */
  constructor(
    private readonly env: Env,
    private readonly maxSockets: number,
  ) {}

  ssoClient(sdk: SsoSdk, region: string): ClientAt<SSOClient> {
    const endpoint = resolveEndpoint('sso', region, this.env);
    const key = `${region} ${endpoint}`;
    let client = this.sso.get(key);
    if (!client) {
      // maxAttempts 1: the shared limiter sees (and retries) every 429 itself. As many sockets
      // as the limiter lets requests fly, so none waits for a socket behind its back.
      const sockets = { keepAlive: true, maxSockets: this.maxSockets };
      client = new sdk.SSOClient({
        region,
        endpoint,
        maxAttempts: 1,
        requestHandler: { httpAgent: sockets, httpsAgent: sockets },
      });
      this.sso.set(key, client);
    }
    return { client, endpoint };
  }

  async oidcClient(region: string): Promise<ClientAt<SSOOIDCClient>> {
    const { SSOOIDCClient } = await loadOidcSdk();
    const endpoint = resolveEndpoint('sso-oidc', region, this.env);
    const key = `${region} ${endpoint}`;
    let client = this.oidc.get(key);
    if (!client) {
      client = new SSOOIDCClient({ region, endpoint });
      this.oidc.set(key, client);
    }
    return { client, endpoint };
  }
}
