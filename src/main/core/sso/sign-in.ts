// Signing in to a session: the OIDC client registration (shared with the AWS CLI's cache and
// reused until shortly before it expires), then the PKCE flow or the device code flow, giving
// the token to store.
import { join } from 'node:path';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import type { Logger } from '../log/logger';
import {
  readRegistrationFile,
  registrationCacheKey,
  removeFile,
  writeRegistrationFile,
  type CachedToken,
} from './cache-files';
import type { SsoSessionConfig } from './config';
import { deviceFlow } from './device-flow';
import {
  InvalidClientError,
  registerClient,
  type FlowContext,
  type FlowKind,
  type Registration,
  type TokenGrant,
} from './oidc-client';
import { pkceFlow } from './pkce-flow';

/** Re-register the OIDC client this long before its secret expires. */
const REGISTRATION_MARGIN_MS = 15 * 60 * 1000;

export interface LoginPrompt {
  flow: FlowKind;
  /** What to open. */
  url: string;
  verificationUri?: string;
  userCode?: string;
}

export interface SignInOptions {
  /** Default 'pkce'. */
  flow?: FlowKind;
  /** false/throw = could not open: PKCE falls back to the device code flow. */
  openBrowser?: (url: string) => Promise<boolean>;
  onPrompt?: (p: LoginPrompt) => void;
  /** Cancel → SsoTrayError('CANCELLED'). */
  signal?: AbortSignal;
}

export interface SignInDeps {
  env: Env;
  now: () => number;
  log: Logger;
}

function registrationPath(env: Env, s: SsoSessionConfig): string {
  const key = registrationCacheKey({
    startUrl: s.startUrl,
    region: s.region,
    scopes: s.scopes,
    ...(s.kind === 'legacy' ? {} : { sessionName: s.name }),
  });
  return join(awsPaths(env).ssoCacheDir, `${key}.json`);
}

/** A registration for this session and flow, reused until 15 min before it expires. */
async function registration(
  deps: SignInDeps,
  ctx: FlowContext,
  s: SsoSessionConfig,
  flow: FlowKind,
): Promise<Registration> {
  const path = registrationPath(deps.env, s);
  const cached = await readRegistrationFile(path);
  const isPkce = (g?: string[]): boolean => !!g?.includes('authorization_code');
  if (
    cached &&
    cached.expiresAt - REGISTRATION_MARGIN_MS > deps.now() &&
    isPkce(cached.grantTypes) === (flow === 'pkce')
  ) {
    return { ...cached, scopes: cached.scopes ?? s.scopes };
  }
  const reg = await registerClient(ctx, {
    sessionName: s.name,
    scopes: s.scopes,
    flow,
    startUrl: s.startUrl,
  });
  await writeRegistrationFile(path, {
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    expiresAt: reg.expiresAt,
    scopes: reg.scopes,
    ...(reg.grantTypes ? { grantTypes: reg.grantTypes } : {}),
  });
  return reg;
}

/** Runs a sign-in flow for `s` over `ctx` (its client and clock) and gives the token to store. */
export async function signIn(
  deps: SignInDeps,
  ctx: FlowContext,
  s: SsoSessionConfig,
  opts: SignInOptions,
): Promise<CachedToken> {
  let grant: TokenGrant | undefined;
  let reg: Registration | undefined;
  // A cached registration the service no longer knows is dropped and registered again, once.
  const withRegistration = async <T>(
    flow: FlowKind,
    run: (r: Registration) => Promise<T>,
  ): Promise<T> => {
    reg = await registration(deps, ctx, s, flow);
    try {
      return await run(reg);
    } catch (e) {
      if (!(e instanceof InvalidClientError)) throw e;
      deps.log.info('the cached client registration was refused; registering again', {
        session: s.name,
      });
      await removeFile(registrationPath(deps.env, s));
      reg = await registration(deps, ctx, s, flow);
      return run(reg);
    }
  };
  if ((opts.flow ?? 'pkce') === 'pkce' && opts.openBrowser) {
    grant = await withRegistration('pkce', (r) => pkceFlow(ctx, r));
  }
  if (!grant) {
    grant = await withRegistration('device', (r) => deviceFlow(ctx, r, s.startUrl));
  }
  if (!reg) throw new SsoTrayError('AWS', 'No client registration.');
  return {
    startUrl: s.startUrl,
    region: s.region,
    accessToken: grant.accessToken,
    expiresAt: grant.expiresAt,
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    registrationExpiresAt: reg.expiresAt,
    ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
  };
}
