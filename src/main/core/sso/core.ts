// SsoCore: sign-in, the token cache, and the portal API (accounts, roles, role credentials) for
// one user, over any number of `[sso-session]`s. No Electron: the app, the CLI and the web host
// all use this class.
import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Account, Role, RoleCredentials } from '../../../shared/schemas';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { classifyPortalError, toSsoTrayError } from './aws-errors';
import {
  readRegistrationFile,
  readTokenFile,
  registrationCacheKey,
  removeFile,
  tokenFilePath,
  writeRegistrationFile,
  writeTokenFile,
  type CachedToken,
} from './cache-files';
import {
  DEFAULT_SCOPES,
  readConfigText,
  readSsoConfig,
  type ConfigReading,
  type SsoSessionConfig,
} from './config';
import { writeSsoSession } from './sso-session-writer';
import { resolveEndpoint } from './endpoints';
import {
  deviceFlow,
  InvalidClientError,
  pkceFlow,
  refreshGrant,
  registerClient,
  type FlowContext,
  type FlowKind,
  type Registration,
  type TokenGrant,
} from './oidc-flows';
import { GiveUpError, RateLimiter, runLimited, systemClock, type Clock } from './rate-limiter';
import {
  memoryRoleCredentialsCache,
  roleCredentialsCacheKey,
  type RoleCredentialsCache,
} from './role-credentials-cache';
import {
  sessionNameFromStartUrl,
  validateRegion,
  validateSessionName,
  validateStartUrl,
} from './validate';
import { silentLogger, type Logger } from '../log/logger';

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

export interface LoginPrompt {
  flow: FlowKind;
  /** What to open. */
  url: string;
  verificationUri?: string;
  userCode?: string;
}

export interface LoginOptions {
  session?: string;
  startUrl?: string;
  region?: string;
  /** Default 'pkce'. */
  flow?: FlowKind;
  /** false/throw = could not open: PKCE falls back to the device code flow. */
  openBrowser?: (url: string) => Promise<boolean>;
  onPrompt?: (p: LoginPrompt) => void;
  /** Cancel → SsoTrayError('CANCELLED'). */
  signal?: AbortSignal;
}

export interface SsoCoreOptions {
  env?: Env;
  now?: () => number;
  roleCredentialsCache?: RoleCredentialsCache;
  limiter?: RateLimiter;
  /** Sleeping for device-code polling (tests may inject a fast clock). */
  clock?: Clock;
  /** Where failures handled here are written (default: nowhere). */
  logger?: Logger;
}

/** Refresh the access token when fewer than this many ms are left (as the AWS CLI does). */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000;
/** Re-register the OIDC client this long before its secret expires. */
export const REGISTRATION_MARGIN_MS = 15 * 60 * 1000;
/** Fetch new role credentials when fewer than this many ms are left. */
export const ROLE_CREDENTIALS_MARGIN_MS = 5 * 60 * 1000;
const PAGE_SIZE = 100;
/** How long a token read from the cache file is trusted without reading the file again. */
const TOKEN_MEMO_MS = 5000;

type SsoSdk = typeof import('@aws-sdk/client-sso');
/**
 * The SDK is loaded when a request is first made, not when the core is: `credential-process`
 * answers from the file cache without it, and `aws` runs that command before every command.
 */
let ssoSdk: Promise<SsoSdk> | undefined;
let oidcSdk: Promise<typeof import('@aws-sdk/client-sso-oidc')> | undefined;
// The promise is kept: every import() call goes through the module loader again (and its hooks),
// which a listing of thousands of calls would pay each time.
const loadSsoSdk = (): Promise<SsoSdk> => (ssoSdk ??= import('@aws-sdk/client-sso'));
const loadOidcSdk = (): Promise<typeof import('@aws-sdk/client-sso-oidc')> =>
  (oidcSdk ??= import('@aws-sdk/client-sso-oidc'));

/** The portal operations, each paced on its own by the shared limiter. */
type PortalOperation = 'ListAccounts' | 'ListAccountRoles' | 'GetRoleCredentials';

export class SsoCore {
  readonly env: Env;
  private readonly now: () => number;
  private readonly clock: Clock;
  private readonly roleCache: RoleCredentialsCache;
  readonly limiter: RateLimiter;
  private readonly log: Logger;
  private readonly ssoClients = new Map<string, SSOClient>();
  private readonly oidcClients = new Map<string, SSOOIDCClient>();
  private readonly refreshing = new Map<string, Promise<CachedToken>>();
  private readonly credentialFetches = new Map<string, Promise<RoleCredentials>>();
  /** Tokens read recently, so thousands of portal calls do not each read the file. */
  private readonly tokenMemo = new Map<string, { token: CachedToken; readAt: number }>();

  constructor(opts: SsoCoreOptions = {}) {
    this.env = opts.env ?? process.env;
    this.now = opts.now ?? (() => Date.now());
    this.clock = opts.clock ?? { now: this.now, sleep: systemClock.sleep };
    this.roleCache = opts.roleCredentialsCache ?? memoryRoleCredentialsCache();
    this.limiter = opts.limiter ?? new RateLimiter();
    this.log = opts.logger ?? silentLogger;
  }

  private get paths(): ReturnType<typeof awsPaths> {
    return awsPaths(this.env);
  }

  // ---- configuration ---------------------------------------------------------------------

  /** The sessions the config file offers and what in it cannot be used (readSsoConfig). */
  async readConfig(): Promise<ConfigReading> {
    const text = await readConfigText(this.paths.configFile);
    return text === null ? { sessions: [], issues: [] } : readSsoConfig(text);
  }

  async listSessions(): Promise<SsoSessionConfig[]> {
    return (await this.readConfig()).sessions;
  }

  async resolveSession(name?: string): Promise<SsoSessionConfig> {
    const { sessions, issues } = await this.readConfig();
    const file = this.paths.configFile;
    if (name !== undefined) {
      const s = sessions.find((x) => x.name === name);
      if (s) return s;
      const issue = issues.find(
        (i) =>
          i.session === name ||
          (i.section !== null && i.section.replace(/\s+/g, ' ').trim() === `sso-session ${name}`),
      );
      if (issue) {
        throw new SsoTrayError(
          'CONFIG',
          `[${issue.section ?? ''}] on line ${issue.line} of ${file} cannot be used: ${issue.reason}. ${issue.fix}`,
        );
      }
      throw new SsoTrayError(
        'CONFIG',
        `There is no [sso-session ${name}] in ${file}. Run \`sso-tray login --session ${name} --start-url URL --region REGION\` to add it.`,
      );
    }
    const [only, ...others] = sessions;
    if (only !== undefined && others.length === 0) return only;
    if (only === undefined) {
      const unusable = issues.filter((i) => i.session !== undefined);
      const why =
        unusable.length === 0
          ? ''
          : ` ${unusable.map((i) => `[${i.section ?? ''}] (line ${i.line}): ${i.reason}.`).join(' ')}`;
      throw new SsoTrayError(
        'CONFIG',
        `There is no [sso-session] SSO Tray can use in ${file}.${why} Run \`sso-tray login --start-url URL --region REGION\` to add one.`,
      );
    }
    // The caller left out a choice it has to make: a usage error (the CLI exits 2).
    throw new SsoTrayError(
      'INVALID_INPUT',
      `${file} has several sessions (${sessions.map((x) => x.name).join(', ')}); choose one with --session NAME.`,
    );
  }

  /** The session to sign in to; writes `[sso-session]` when a start URL and region are given. */
  private async sessionForLogin(opts: LoginOptions): Promise<SsoSessionConfig> {
    if (opts.startUrl === undefined && opts.region === undefined) {
      return this.resolveSession(opts.session);
    }
    if (opts.startUrl === undefined || opts.region === undefined) {
      throw new SsoTrayError('INVALID_INPUT', 'Give both a start URL and a region, or neither.');
    }
    const startUrl = validateStartUrl(opts.startUrl);
    const region = validateRegion(opts.region);
    const name = validateSessionName(opts.session ?? sessionNameFromStartUrl(startUrl));
    const session: SsoSessionConfig = {
      name,
      startUrl,
      region,
      scopes: [...DEFAULT_SCOPES],
      kind: 'sso-session',
      cacheKey: name,
      profiles: [],
    };
    await writeSsoSession(this.paths.configFile, session);
    return this.resolveSession(name);
  }

  // ---- clients --------------------------------------------------------------------------

  private ssoClient(sdk: SsoSdk, region: string): { client: SSOClient; endpoint: string } {
    const endpoint = resolveEndpoint('sso', region, this.env);
    const key = `${region} ${endpoint}`;
    let client = this.ssoClients.get(key);
    if (!client) {
      // maxAttempts 1: the shared limiter sees (and retries) every 429 itself. As many sockets
      // as the limiter lets requests fly, so none waits for a socket behind its back.
      const sockets = { keepAlive: true, maxSockets: this.limiter.maxConcurrency };
      client = new sdk.SSOClient({
        region,
        endpoint,
        maxAttempts: 1,
        requestHandler: { httpAgent: sockets, httpsAgent: sockets },
      });
      this.ssoClients.set(key, client);
    }
    return { client, endpoint };
  }

  private async oidcClient(region: string): Promise<{ client: SSOOIDCClient; endpoint: string }> {
    const { SSOOIDCClient } = await loadOidcSdk();
    const endpoint = resolveEndpoint('sso-oidc', region, this.env);
    const key = `${region} ${endpoint}`;
    let client = this.oidcClients.get(key);
    if (!client) {
      client = new SSOOIDCClient({ region, endpoint });
      this.oidcClients.set(key, client);
    }
    return { client, endpoint };
  }

  // ---- sign-in --------------------------------------------------------------------------

  /** The token file of a session: named after its name, or its start URL for a legacy one. */
  private tokenPath(s: Pick<SsoSessionConfig, 'cacheKey'>): string {
    return tokenFilePath(this.paths.ssoCacheDir, s.cacheKey);
  }

  /** The session as the config file has it now, or one by that name that is no longer there. */
  private async sessionConfig(session: string): Promise<SsoSessionConfig | undefined> {
    return (await this.listSessions()).find((x) => x.name === session);
  }

  private async tokenPathOf(session: string): Promise<string> {
    return this.tokenPath((await this.sessionConfig(session)) ?? { cacheKey: session });
  }

  private registrationPath(s: SsoSessionConfig): string {
    const key = registrationCacheKey({
      startUrl: s.startUrl,
      region: s.region,
      scopes: s.scopes,
      ...(s.kind === 'legacy' ? {} : { sessionName: s.name }),
    });
    return join(this.paths.ssoCacheDir, `${key}.json`);
  }

  /** A registration for this session and flow, reused until 15 min before it expires. */
  private async registration(
    ctx: FlowContext,
    s: SsoSessionConfig,
    flow: FlowKind,
  ): Promise<Registration> {
    const path = this.registrationPath(s);
    const cached = await readRegistrationFile(path);
    const isPkce = (g?: string[]): boolean => !!g?.includes('authorization_code');
    if (
      cached &&
      cached.expiresAt - REGISTRATION_MARGIN_MS > this.now() &&
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

  async login(opts: LoginOptions = {}): Promise<SessionStatus> {
    if (opts.signal?.aborted) throw new SsoTrayError('CANCELLED', 'Sign-in cancelled.');
    const s = await this.sessionForLogin(opts);
    const { client, endpoint } = await this.oidcClient(s.region);
    const ctx: FlowContext = {
      client,
      endpoint,
      clock: this.clock,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onPrompt ? { onPrompt: opts.onPrompt } : {}),
      ...(opts.openBrowser ? { openBrowser: opts.openBrowser } : {}),
    };
    let grant: TokenGrant | undefined;
    let reg: Registration | undefined;
    // A cached registration the service no longer knows is dropped and registered again, once.
    const withRegistration = async <T>(
      flow: FlowKind,
      run: (r: Registration) => Promise<T>,
    ): Promise<T> => {
      reg = await this.registration(ctx, s, flow);
      try {
        return await run(reg);
      } catch (e) {
        if (!(e instanceof InvalidClientError)) throw e;
        this.log.info('the cached client registration was refused; registering again', {
          session: s.name,
        });
        await removeFile(this.registrationPath(s));
        reg = await this.registration(ctx, s, flow);
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
    const token: CachedToken = {
      startUrl: s.startUrl,
      region: s.region,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: reg.expiresAt,
      ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
    };
    await writeTokenFile(this.tokenPath(s), token);
    this.tokenMemo.set(s.name, { token, readAt: this.now() });
    return {
      session: s.name,
      startUrl: s.startUrl,
      region: s.region,
      state: 'signed-in',
      expiresAt: token.expiresAt,
    };
  }

  async logout(session: string): Promise<void> {
    const path = await this.tokenPathOf(session);
    const token = await readTokenFile(path);
    if (token?.region && token.expiresAt > this.now()) {
      try {
        const sdk = await loadSsoSdk();
        const { client } = this.ssoClient(sdk, token.region);
        await client.send(new sdk.LogoutCommand({ accessToken: token.accessToken }));
      } catch (e) {
        // Signing out locally must work offline or with a token the server already forgot.
        this.log.info('the portal did not take the sign-out; signed out locally', {
          session,
          error: e,
        });
      }
    }
    this.tokenMemo.delete(session);
    await removeFile(path);
    await this.roleCache.clearSession(session);
  }

  async status(session: string): Promise<SessionStatus> {
    const s = await this.sessionInfo(session);
    const token = await this.readToken(session);
    if (!token) return { ...s, state: 'signed-out' };
    if (token.expiresAt > this.now())
      return { ...s, state: 'signed-in', expiresAt: token.expiresAt };
    try {
      const fresh = await this.refreshed(session, token);
      return { ...s, state: 'signed-in', expiresAt: fresh.expiresAt };
    } catch (e) {
      this.log.info('an expired sign-in could not be refreshed', { session, error: e });
      return { ...s, state: 'expired', expiresAt: token.expiresAt };
    }
  }

  /**
   * What the token cache says of a session, read from the files only (no network call, never a
   * token): when the access token expires, whether a refresh token is held, when the client
   * registration behind it expires. Undefined when no token is cached.
   */
  async tokenInfo(session: string): Promise<SessionTokenInfo | undefined> {
    const token = await this.readToken(session);
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
    const found = await this.sessionConfig(session);
    if (found) return { session, startUrl: found.startUrl, region: found.region };
    const token = await readTokenFile(this.tokenPath({ cacheKey: session }));
    return { session, startUrl: token?.startUrl ?? '', region: token?.region ?? '' };
  }

  /**
   * The session's token file; for an `[sso-session]`, else the legacy `sha1(startUrl)` file that
   * older tools (and `aws sso login --profile P` of a legacy profile) write for the same portal.
   */
  private async readToken(session: string): Promise<CachedToken | undefined> {
    const s = await this.sessionConfig(session);
    const token = await readTokenFile(this.tokenPath(s ?? { cacheKey: session }));
    if (token) return s && !token.region ? { region: s.region, ...token } : token;
    if (s?.kind !== 'sso-session') return undefined;
    const legacy = await readTokenFile(tokenFilePath(this.paths.ssoCacheDir, s.startUrl));
    return legacy ? { region: s.region, ...legacy } : undefined;
  }

  /** A valid access token, refreshed first when fewer than 15 minutes are left. */
  async accessToken(session: string): Promise<string> {
    return (await this.validToken(session)).accessToken;
  }

  private async validToken(session: string): Promise<CachedToken> {
    const memo = this.tokenMemo.get(session);
    if (
      memo &&
      this.now() - memo.readAt < TOKEN_MEMO_MS &&
      memo.token.expiresAt - this.now() > TOKEN_REFRESH_WINDOW_MS
    ) {
      return memo.token;
    }
    const token = await this.readToken(session);
    if (!token) {
      this.tokenMemo.delete(session);
      // A session the config file names but cannot be used: say which section and why.
      if ((await this.sessionConfig(session)) === undefined) await this.resolveSession(session);
      throw new SsoTrayError(
        'NOT_SIGNED_IN',
        `Not signed in to ${session}. Run \`sso-tray login --session ${session}\` to sign in.`,
      );
    }
    if (token.expiresAt - this.now() > TOKEN_REFRESH_WINDOW_MS) {
      this.tokenMemo.set(session, { token, readAt: this.now() });
      return token;
    }
    try {
      return await this.refreshed(session, token);
    } catch (e) {
      this.log.warn('the sign-in could not be refreshed', { session, error: e });
      if (token.expiresAt > this.now()) return token;
      throw e instanceof SsoTrayError && e.code === 'NETWORK'
        ? e
        : new SsoTrayError(
            'SESSION_EXPIRED',
            `The sign-in to ${session} has expired. Run \`sso-tray login --session ${session}\` to sign in again.`,
          );
    }
  }

  /** Refreshes with the refresh token (one refresh at a time per session). */
  private refreshed(session: string, token: CachedToken): Promise<CachedToken> {
    let p = this.refreshing.get(session);
    if (!p) {
      p = this.doRefresh(session, token).finally(() => this.refreshing.delete(session));
      this.refreshing.set(session, p);
    }
    return p;
  }

  private async doRefresh(session: string, token: CachedToken): Promise<CachedToken> {
    const { refreshToken, clientId, clientSecret, registrationExpiresAt, region } = token;
    if (
      !refreshToken ||
      !clientId ||
      !clientSecret ||
      !region ||
      registrationExpiresAt === undefined ||
      registrationExpiresAt <= this.now()
    ) {
      throw new SsoTrayError('SESSION_EXPIRED', 'This sign-in cannot be refreshed.');
    }
    const { client, endpoint } = await this.oidcClient(region);
    const grant = await refreshGrant(
      { client, endpoint, clock: this.clock },
      { clientId, clientSecret, refreshToken },
    );
    const next: CachedToken = {
      ...token,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
    };
    await writeTokenFile(await this.tokenPathOf(session), next);
    this.tokenMemo.set(session, { token: next, readAt: this.now() });
    return next;
  }

  // ---- portal ---------------------------------------------------------------------------

  private async portal<T>(
    session: string,
    operation: PortalOperation,
    action: string,
    call: (client: SSOClient, accessToken: string, sdk: SsoSdk) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const token = await this.validToken(session);
    const accessToken = token.accessToken;
    const region = token.region ?? (await this.resolveSession(session)).region;
    const sdk = await loadSsoSdk();
    const { client, endpoint } = this.ssoClient(sdk, region);
    try {
      return await runLimited(
        this.limiter,
        () => call(client, accessToken, sdk),
        classifyPortalError,
        { operation, ...(signal ? { signal } : {}) },
      );
    } catch (e) {
      if (signal?.aborted) throw new SsoTrayError('CANCELLED', 'Cancelled.');
      const cause = e instanceof GiveUpError ? e.last : e;
      this.log.warn('a portal call failed', {
        session,
        action,
        gaveUp: e instanceof GiveUpError ? e.reason : undefined,
        error: cause,
      });
      if (e instanceof GiveUpError && e.reason === 'throttled') {
        throw new SsoTrayError(
          'THROTTLED',
          `AWS kept throttling requests to ${action}. Try again later.`,
        );
      }
      const mapped = toSsoTrayError(cause, { action, endpoint, hadToken: true });
      if (mapped.code === 'SESSION_EXPIRED') {
        this.tokenMemo.delete(session); // another process may have signed in again since
        mapped.message = `The sign-in to ${session} has expired or was revoked. Run \`sso-tray login --session ${session}\` to sign in again.`;
      }
      throw mapped;
    }
  }

  async listAccounts(session: string, onPage?: (page: Account[]) => void): Promise<Account[]> {
    const all: Account[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.portal(
        session,
        'ListAccounts',
        'list accounts',
        (client, accessToken, sdk) =>
          client.send(
            new sdk.ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken }),
          ),
      );
      const page: Account[] = (out.accountList ?? []).map((a) => ({
        accountId: a.accountId ?? '',
        accountName: a.accountName ?? a.accountId ?? '',
        emailAddress: a.emailAddress ?? '',
      }));
      all.push(...page);
      onPage?.(page);
      nextToken = out.nextToken ?? undefined;
    } while (nextToken);
    return all;
  }

  async listAccountRoles(
    session: string,
    accountId: string,
    signal?: AbortSignal,
  ): Promise<Role[]> {
    const roles: Role[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.portal(
        session,
        'ListAccountRoles',
        `list the roles of account ${accountId}`,
        (client, accessToken, sdk) =>
          client.send(
            new sdk.ListAccountRolesCommand({
              accessToken,
              accountId,
              maxResults: PAGE_SIZE,
              nextToken,
            }),
            signal ? { abortSignal: signal } : {},
          ),
        signal,
      );
      for (const r of out.roleList ?? []) {
        if (r.roleName) roles.push({ accountId: r.accountId ?? accountId, roleName: r.roleName });
      }
      nextToken = out.nextToken ?? undefined;
    } while (nextToken);
    return roles;
  }

  /**
   * Every account's roles under the shared limiter, streamed through `onRoles` as each account
   * completes. The first failure (other than throttling, which is retried) stops the rest.
   */
  async listAllRoles(
    session: string,
    accounts: Account[],
    onRoles?: (accountId: string, roles: Role[]) => void,
  ): Promise<Map<string, Role[]>> {
    await this.accessToken(session); // fail fast when not signed in
    const result = new Map<string, Role[]>();
    const stop = new AbortController();
    setMaxListeners(0, stop.signal); // every waiting request listens for the stop
    let first: unknown;
    await Promise.all(
      accounts.map(async (a) => {
        try {
          const roles = await this.listAccountRoles(session, a.accountId, stop.signal);
          result.set(a.accountId, roles);
          onRoles?.(a.accountId, roles);
        } catch (e) {
          if (first === undefined) {
            first = e;
            stop.abort();
          }
        }
      }),
    );
    if (first !== undefined) throw first;
    return result;
  }

  async getRoleCredentials(
    session: string,
    accountId: string,
    roleName: string,
    opts: { forceRefresh?: boolean } = {},
  ): Promise<RoleCredentials> {
    const key = roleCredentialsCacheKey(session, accountId, roleName);
    if (!opts.forceRefresh) {
      const cached = await this.roleCache.get(key);
      if (cached && cached.expiration - ROLE_CREDENTIALS_MARGIN_MS > this.now()) return cached;
      const pending = this.credentialFetches.get(key);
      if (pending) return pending;
    }
    const p = this.fetchRoleCredentials(session, accountId, roleName, key).finally(() => {
      if (this.credentialFetches.get(key) === p) this.credentialFetches.delete(key);
    });
    this.credentialFetches.set(key, p);
    return p;
  }

  private async fetchRoleCredentials(
    session: string,
    accountId: string,
    roleName: string,
    key: string,
  ): Promise<RoleCredentials> {
    const out = await this.portal(
      session,
      'GetRoleCredentials',
      `get credentials for ${roleName} in ${accountId}`,
      (client, accessToken, sdk) =>
        client.send(new sdk.GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
    );
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
      throw new SsoTrayError('AWS', 'GetRoleCredentials returned incomplete credentials.');
    }
    const creds: RoleCredentials = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
    };
    await this.roleCache.set(key, creds);
    return creds;
  }
}
