// The access tokens of the sessions: read from (and written to) the AWS CLI's token cache, kept
// in memory for a moment, and refreshed with the refresh token before they expire.
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import type { Logger } from '../log/logger';
import {
  readTokenFile,
  removeFile,
  tokenFilePath,
  writeTokenFile,
  type CachedToken,
} from './cache-files';
import type { SsoSessionConfig } from './config';
import { refreshGrant } from './oidc-client';
import type { Clock } from './rate-limiter';
import type { SdkClients } from './sdk-clients';
import type { SessionConfigs } from './session-config';

/** Refresh the access token when fewer than this many ms are left (as the AWS CLI does). */
const TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000;
/** How long a token read from the cache file is trusted without reading the file again. */
const TOKEN_MEMO_MS = 5000;

export type SessionState = 'signed-out' | 'signed-in' | 'expired';

export interface SessionStatus {
  session: string;
  startUrl: string;
  region: string;
  state: SessionState;
  /** epoch ms: when the access token expires (it is refreshed before that while possible). */
  expiresAt?: number;
}

/** The token cache's facts about one sign-in, without the token itself. */
export interface SessionTokenInfo {
  /** epoch ms: when the cached access token expires. */
  expiresAt: number;
  hasRefreshToken: boolean;
  /** epoch ms: when the client registration the refresh needs expires; null when unknown. */
  registrationExpiresAt: number | null;
}

export interface TokenStoreDeps {
  env: Env;
  configs: SessionConfigs;
  clients: SdkClients;
  now: () => number;
  clock: Clock;
  log: Logger;
}

/** The sign-in needed for `session`: not signed in at all, or no longer. */
function notSignedIn(session: string): SsoTrayError {
  return new SsoTrayError('NOT_SIGNED_IN', `Not signed in to ${session}.`, { session });
}

export function signInExpired(session: string, revoked = false, cause?: unknown): SsoTrayError {
  return new SsoTrayError(
    'SESSION_EXPIRED',
    `The sign-in to ${session} has expired${revoked ? ' or was revoked' : ''}.`,
    { session, cause },
  );
}

export class TokenStore {
  private readonly refreshing = new Map<string, Promise<CachedToken>>();
  /** Tokens read recently, so thousands of portal calls do not each read the file. */
  private readonly memo = new Map<string, { token: CachedToken; readAt: number }>();

  constructor(private readonly deps: TokenStoreDeps) {}

  /** The token file of a session: named after its name, or its start URL for a legacy one. */
  pathFor(s: Pick<SsoSessionConfig, 'cacheKey'>): string {
    return tokenFilePath(awsPaths(this.deps.env).ssoCacheDir, s.cacheKey);
  }

  async pathOf(session: string): Promise<string> {
    return this.pathFor((await this.deps.configs.find(session)) ?? { cacheKey: session });
  }

  /** Stores a new sign-in's token. */
  async save(s: SsoSessionConfig, token: CachedToken): Promise<void> {
    await writeTokenFile(this.pathFor(s), token);
    this.memo.set(s.name, { token, readAt: this.deps.now() });
  }

  /** Forgets the remembered token (another process may have signed in again since). */
  forget(session: string): void {
    this.memo.delete(session);
  }

  /** The session's own token file as it is, unrefreshed (for signing out). */
  async stored(session: string): Promise<CachedToken | undefined> {
    return readTokenFile(await this.pathOf(session));
  }

  /** Deletes the session's token file. */
  async remove(session: string): Promise<void> {
    const path = await this.pathOf(session);
    this.memo.delete(session);
    await removeFile(path);
  }

  async status(session: string): Promise<SessionStatus> {
    const s = await this.sessionInfo(session);
    const token = await this.read(session);
    if (!token) return { ...s, state: 'signed-out' };
    if (token.expiresAt > this.deps.now()) {
      return { ...s, state: 'signed-in', expiresAt: token.expiresAt };
    }
    try {
      const fresh = await this.refreshed(session, token);
      return { ...s, state: 'signed-in', expiresAt: fresh.expiresAt };
    } catch (e) {
      this.deps.log.info('an expired sign-in could not be refreshed', { session, error: e });
      return { ...s, state: 'expired', expiresAt: token.expiresAt };
    }
  }

  /**
   * What the token cache says of a session, read from the files only (no network call, no
   * refresh, never a token): when the access token expires, whether a refresh token is held,
   * when the client registration behind it expires. Undefined when no token is cached.
   */
  async info(session: string): Promise<SessionTokenInfo | undefined> {
    const token = await this.read(session);
    if (!token) return undefined;
    return {
      expiresAt: token.expiresAt,
      hasRefreshToken: token.refreshToken !== undefined,
      registrationExpiresAt: token.registrationExpiresAt ?? null,
    };
  }

  private async sessionInfo(
    session: string,
  ): Promise<{ session: string; startUrl: string; region: string }> {
    const found = await this.deps.configs.find(session);
    if (found) return { session, startUrl: found.startUrl, region: found.region };
    const token = await readTokenFile(this.pathFor({ cacheKey: session }));
    return { session, startUrl: token?.startUrl ?? '', region: token?.region ?? '' };
  }

  /**
   * The session's token file; for an `[sso-session]`, else the legacy `sha1(startUrl)` file that
   * older tools (and `aws sso login --profile P` of a legacy profile) write for the same portal.
   */
  private async read(session: string): Promise<CachedToken | undefined> {
    const s = await this.deps.configs.find(session);
    const token = await readTokenFile(this.pathFor(s ?? { cacheKey: session }));
    if (token) return s && !token.region ? { region: s.region, ...token } : token;
    if (s?.kind !== 'sso-session') return undefined;
    const legacy = await readTokenFile(this.pathFor({ cacheKey: s.startUrl }));
    return legacy ? { region: s.region, ...legacy } : undefined;
  }

  /** A valid token, refreshed first when fewer than 15 minutes are left. */
  async valid(session: string): Promise<CachedToken> {
    const now = this.deps.now();
    const memo = this.memo.get(session);
    if (
      memo &&
      now - memo.readAt < TOKEN_MEMO_MS &&
      memo.token.expiresAt - now > TOKEN_REFRESH_WINDOW_MS
    ) {
      return memo.token;
    }
    const token = await this.read(session);
    if (!token) {
      this.memo.delete(session);
      // A session the config file names but cannot be used: say which section and why.
      if ((await this.deps.configs.find(session)) === undefined) {
        await this.deps.configs.resolve(session);
      }
      throw notSignedIn(session);
    }
    if (token.expiresAt - this.deps.now() > TOKEN_REFRESH_WINDOW_MS) {
      this.memo.set(session, { token, readAt: this.deps.now() });
      return token;
    }
    try {
      return await this.refreshed(session, token);
    } catch (e) {
      this.deps.log.warn('the sign-in could not be refreshed', { session, error: e });
      if (token.expiresAt > this.deps.now()) return token;
      throw e instanceof SsoTrayError && e.code === 'NETWORK' ? e : signInExpired(session);
    }
  }

  /** Refreshes with the refresh token (one refresh at a time per session). */
  private refreshed(session: string, token: CachedToken): Promise<CachedToken> {
    let p = this.refreshing.get(session);
    if (!p) {
      p = this.refresh(session, token).finally(() => this.refreshing.delete(session));
      this.refreshing.set(session, p);
    }
    return p;
  }

  private async refresh(session: string, token: CachedToken): Promise<CachedToken> {
    const { refreshToken, clientId, clientSecret, registrationExpiresAt, region } = token;
    if (
      !refreshToken ||
      !clientId ||
      !clientSecret ||
      !region ||
      registrationExpiresAt === undefined ||
      registrationExpiresAt <= this.deps.now()
    ) {
      throw new SsoTrayError('SESSION_EXPIRED', 'This sign-in cannot be refreshed.', { session });
    }
    const { client, endpoint } = await this.deps.clients.oidcClient(region);
    const grant = await refreshGrant(
      { client, endpoint, clock: this.deps.clock },
      { clientId, clientSecret, refreshToken },
    );
    const next: CachedToken = {
      ...token,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
    };
    await writeTokenFile(await this.pathOf(session), next);
    this.memo.set(session, { token: next, readAt: this.deps.now() });
    return next;
  }
}
