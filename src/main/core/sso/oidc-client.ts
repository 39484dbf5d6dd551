// SSO OIDC as both sign-in flows use it: the client registration, the token grants (and the
// refresh grant), cancellation and the mapping of OIDC errors; see docs/aws-protocols.md.
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { SsoTrayError } from '../errors';
import { errorName, toSsoTrayError } from './aws-errors';
import type { Clock } from './rate-limiter';
import { loadOidcSdk } from './sdk-clients';

export type FlowKind = 'pkce' | 'device';

const PKCE_GRANT_TYPES = ['authorization_code', 'refresh_token'];
const PKCE_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface Registration {
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
  scopes: string[];
  grantTypes?: string[];
}

export interface TokenGrant {
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
}

export interface Prompt {
  flow: FlowKind;
  url: string;
  verificationUri?: string;
  userCode?: string;
}

export interface FlowContext {
  client: SSOOIDCClient;
  /** The resolved OIDC endpoint (for /authorize and NETWORK messages). */
  endpoint: string;
  clock: Clock;
  signal?: AbortSignal;
  onPrompt?: (p: Prompt) => void;
  openBrowser?: (url: string) => Promise<boolean>;
}

export function cancelled(): SsoTrayError {
  return new SsoTrayError('CANCELLED', 'Sign-in cancelled.');
}

export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

/** The OIDC service no longer knows the (cached) client registration: register again. */
export class InvalidClientError extends SsoTrayError {
  constructor() {
    super('AWS', 'The sign-in client registration is no longer valid.');
  }
}

export function mapOidcError(e: unknown, ctx: FlowContext, action: string): SsoTrayError {
  if (e instanceof SsoTrayError) return e;
  const name = errorName(e);
  if (name === 'InvalidClientException' || name === 'UnauthorizedClientException') {
    return new InvalidClientError();
  }
  return toSsoTrayError(e, { action, endpoint: ctx.endpoint });
}

export async function send<T>(ctx: FlowContext, action: string, run: () => Promise<T>): Promise<T> {
  checkAborted(ctx.signal);
  try {
    return await run();
  } catch (e) {
    if (ctx.signal?.aborted) throw cancelled();
    throw mapOidcError(e, ctx, action);
  }
}

export async function registerClient(
  ctx: FlowContext,
  args: { sessionName: string; scopes: string[]; flow: FlowKind; startUrl: string },
): Promise<Registration> {
  const pkce = args.flow === 'pkce';
  const { RegisterClientCommand } = await loadOidcSdk();
  const out = await send(ctx, 'register the sign-in client', () =>
    ctx.client.send(
      new RegisterClientCommand({
        clientName: `sso-tray-${args.sessionName}`,
        clientType: 'public',
        scopes: args.scopes,
        ...(pkce
          ? {
              grantTypes: PKCE_GRANT_TYPES,
              redirectUris: [PKCE_REDIRECT_URI],
              issuerUrl: args.startUrl,
            }
          : {}),
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt) {
    throw new SsoTrayError('AWS', 'RegisterClient returned an incomplete client registration.');
  }
  return {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    expiresAt: out.clientSecretExpiresAt * 1000,
    scopes: args.scopes,
    ...(pkce ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  };
}

export function grantFrom(
  out: { accessToken?: string; expiresIn?: number; refreshToken?: string },
  now: number,
): TokenGrant {
  if (!out.accessToken || !out.expiresIn) {
    throw new SsoTrayError('AWS', 'CreateToken returned no access token.');
  }
  return {
    accessToken: out.accessToken,
    expiresAt: now + out.expiresIn * 1000,
    ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
  };
}

/** CreateToken with the refresh_token grant. */
export async function refreshGrant(
  ctx: Pick<FlowContext, 'client' | 'endpoint' | 'clock' | 'signal'>,
  args: { clientId: string; clientSecret: string; refreshToken: string },
): Promise<TokenGrant> {
  const { CreateTokenCommand } = await loadOidcSdk();
  const t = ctx.clock.now();
  const out = await send(ctx, 'refresh the sign-in', () =>
    ctx.client.send(
      new CreateTokenCommand({
        clientId: args.clientId,
        clientSecret: args.clientSecret,
        grantType: 'refresh_token',
        refreshToken: args.refreshToken,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  return grantFrom(out, t);
}
