// SsoCore: one user's sign-in, tokens and portal API over any number of `[sso-session]`s, as one
// object for the app, the CLI and the web host. It only puts the parts together: which session
// (session-config.ts), its token (tokens.ts), signing in (sign-in.ts) and the portal
// (portal.ts). No Electron.
import type { Account, Role, RoleCredentials } from '../../../shared/schemas';
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { ConfigReading, SsoSessionConfig } from './config';
import type { FlowContext } from './oidc-client';
import { PortalClient } from './portal';
import { RateLimiter, systemClock, type Clock } from './rate-limiter';
import { memoryRoleCredentialsCache, type RoleCredentialsCache } from './role-credentials-cache';
import { SdkClients } from './sdk-clients';
import { SessionConfigs, type SessionChoice } from './session-config';
import { signIn, type SignInOptions } from './sign-in';
import { TokenStore, type SessionStatus, type SessionTokenInfo } from './tokens';

export { type SessionState, type SessionStatus, type SessionTokenInfo } from './tokens';
export { type LoginPrompt } from './sign-in';
export { ROLE_CREDENTIALS_MARGIN_MS } from './portal';

export type LoginOptions = SessionChoice & SignInOptions;

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

export class SsoCore {
  readonly env: Env;
  readonly limiter: RateLimiter;
  private readonly now: () => number;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly roleCache: RoleCredentialsCache;
  private readonly configs: SessionConfigs;
  private readonly clients: SdkClients;
  private readonly tokens: TokenStore;
  private readonly portal: PortalClient;

  constructor(opts: SsoCoreOptions = {}) {
    this.env = opts.env ?? process.env;
    this.now = opts.now ?? (() => Date.now());
    this.clock = opts.clock ?? { now: this.now, sleep: systemClock.sleep };
    this.roleCache = opts.roleCredentialsCache ?? memoryRoleCredentialsCache();
    this.limiter = opts.limiter ?? new RateLimiter();
    this.log = opts.logger ?? silentLogger;
    this.configs = new SessionConfigs(this.env);
    this.clients = new SdkClients(this.env, this.limiter.maxConcurrency);
    const { env, now, clock, log, configs, clients, limiter, roleCache } = this;
    this.tokens = new TokenStore({ env, configs, clients, now, clock, log });
    this.portal = new PortalClient({
      configs,
      tokens: this.tokens,
      clients,
      limiter,
      roleCache,
      now,
      log,
    });
  }

  // ---- configuration ---------------------------------------------------------------------

  /** The sessions the config file offers and what in it cannot be used (readSsoConfig). */
  readConfig(): Promise<ConfigReading> {
    return this.configs.read();
  }

  listSessions(): Promise<SsoSessionConfig[]> {
    return this.configs.list();
  }

  /** The named session, or the only one; see SessionConfigs.resolve for the errors. */
  resolveSession(name?: string): Promise<SsoSessionConfig> {
    return this.configs.resolve(name);
  }

  // ---- sign-in and tokens ----------------------------------------------------------------

  async login(opts: LoginOptions = {}): Promise<SessionStatus> {
    if (opts.signal?.aborted) throw new SsoTrayError('CANCELLED', 'Sign-in cancelled.');
    const s = await this.configs.forSignIn(opts);
    const { client, endpoint } = await this.clients.oidcClient(s.region);
    const ctx: FlowContext = {
      client,
      endpoint,
      clock: this.clock,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onPrompt ? { onPrompt: opts.onPrompt } : {}),
      ...(opts.openBrowser ? { openBrowser: opts.openBrowser } : {}),
    };
    const token = await signIn({ env: this.env, now: this.now, log: this.log }, ctx, s, opts);
    await this.tokens.save(s, token);
    return {
      session: s.name,
      startUrl: s.startUrl,
      region: s.region,
      state: 'signed-in',
      expiresAt: token.expiresAt,
    };
  }

  async logout(session: string): Promise<void> {
    const token = await this.tokens.stored(session);
    if (token) await this.portal.logout(session, token);
    await this.tokens.remove(session);
    await this.roleCache.clearSession(session);
  }

  status(session: string): Promise<SessionStatus> {
    return this.tokens.status(session);
  }

  /** The token cache's facts of a session (expiries, a refresh token held); files only. */
  tokenInfo(session: string): Promise<SessionTokenInfo | undefined> {
    return this.tokens.info(session);
  }

  /** A valid access token, refreshed first when fewer than 15 minutes are left. */
  async accessToken(session: string): Promise<string> {
    return (await this.tokens.valid(session)).accessToken;
  }

  // ---- portal ---------------------------------------------------------------------------

  listAccounts(session: string, onPage?: (page: Account[]) => void): Promise<Account[]> {
    return this.portal.listAccounts(session, onPage);
  }

  listAccountRoles(session: string, accountId: string, signal?: AbortSignal): Promise<Role[]> {
    return this.portal.listAccountRoles(session, accountId, signal);
  }

  /** Every account's roles, streamed through `onRoles`; the first failure stops the rest. */
  listAllRoles(
    session: string,
    accounts: Account[],
    onRoles?: (accountId: string, roles: Role[]) => void,
    signal?: AbortSignal,
  ): Promise<Map<string, Role[]>> {
    return this.portal.listAllRoles(session, accounts, onRoles, signal);
  }

  /** Cached until shortly before they expire, unless `forceRefresh`. */
  getRoleCredentials(
    session: string,
    accountId: string,
    roleName: string,
    /** minValidityMs: fetch new ones when fewer than this are left (never less than the margin). */
    opts: { forceRefresh?: boolean; minValidityMs?: number } = {},
  ): Promise<RoleCredentials> {
    return this.portal.getRoleCredentials(session, accountId, roleName, opts);
  }
}
