// The portal API of a signed-in session: accounts, their roles and role credentials, every call
// paced by the shared limiter, and sign-out on the server.
import type { SSOClient } from '@aws-sdk/client-sso';
import { setMaxListeners } from 'node:events';
import type { Account, Role, RoleCredentials } from '../../../shared/schemas';
import { SsoTrayError } from '../errors';
import type { Logger } from '../log/logger';
import { classifyPortalError, toSsoTrayError } from './aws-errors';
import type { CachedToken } from './cache-files';
import { GiveUpError, runLimited, type RateLimiter } from './rate-limiter';
import {
  cachedCredentialsUsable,
  roleCredentialsCacheKey,
  type RoleCredentialsCache,
} from './role-credentials-cache';
import { loadSsoSdk, type SdkClients, type SsoSdk } from './sdk-clients';
import type { SessionConfigs } from './session-config';
import { signInExpired, type TokenStore } from './tokens';

export { ROLE_CREDENTIALS_MARGIN_MS } from './role-credentials-cache';
const PAGE_SIZE = 100;

/** The portal operations, each paced on its own by the shared limiter. */
type PortalOperation = 'ListAccounts' | 'ListAccountRoles' | 'GetRoleCredentials';

export interface PortalDeps {
  configs: SessionConfigs;
  tokens: TokenStore;
  clients: SdkClients;
  limiter: RateLimiter;
  roleCache: RoleCredentialsCache;
  now: () => number;
  log: Logger;
}

export class PortalClient {
  private readonly credentialFetches = new Map<string, Promise<RoleCredentials>>();

  constructor(private readonly deps: PortalDeps) {}

  private async call<T>(
    session: string,
    operation: PortalOperation,
    action: string,
    run: (client: SSOClient, accessToken: string, sdk: SsoSdk) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const token = await this.deps.tokens.valid(session);
    const accessToken = token.accessToken;
    const region = token.region ?? (await this.deps.configs.resolve(session)).region;
    const sdk = await loadSsoSdk();
    const { client, endpoint } = this.deps.clients.ssoClient(sdk, region);
    try {
      return await runLimited(
        this.deps.limiter,
        () => run(client, accessToken, sdk),
        classifyPortalError,
        { operation, ...(signal ? { signal } : {}) },
      );
    } catch (e) {
      if (signal?.aborted) throw new SsoTrayError('CANCELLED', 'Cancelled.');
      const cause = e instanceof GiveUpError ? e.last : e;
      this.deps.log.warn('a portal call failed', {
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
        this.deps.tokens.forget(session); // another process may have signed in again since
        throw signInExpired(session, true, mapped);
      }
      throw mapped;
    }
  }

  async listAccounts(session: string, onPage?: (page: Account[]) => void): Promise<Account[]> {
    const all: Account[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.call(
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
      const out = await this.call(
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
   * completes. The first failure (other than throttling, which is retried) stops the rest, as
   * does `signal`.
   */
  async listAllRoles(
    session: string,
    accounts: Account[],
    onRoles?: (accountId: string, roles: Role[]) => void,
    signal?: AbortSignal,
  ): Promise<Map<string, Role[]>> {
    await this.deps.tokens.valid(session); // fail fast when not signed in
    const result = new Map<string, Role[]>();
    const stop = new AbortController();
    setMaxListeners(0, stop.signal); // every waiting request listens for the stop
    // The caller's stop (a listing that failed elsewhere) stops these too, while they run.
    const onCallerStop = (): void => stop.abort(signal?.reason);
    if (signal?.aborted) stop.abort(signal.reason);
    else signal?.addEventListener('abort', onCallerStop, { once: true });
    let first: unknown;
    try {
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
    } finally {
      signal?.removeEventListener('abort', onCallerStop);
    }
    if (first !== undefined) throw first;
    return result;
  }

  async getRoleCredentials(
    session: string,
    accountId: string,
    roleName: string,
    opts: { forceRefresh?: boolean; minValidityMs?: number } = {},
  ): Promise<RoleCredentials> {
    const key = roleCredentialsCacheKey(session, accountId, roleName);
    if (!opts.forceRefresh) {
      const cached = await this.deps.roleCache.get(key);
      // a caller may need them valid for longer than the usual margin (the credentials endpoint)
      if (cached && cachedCredentialsUsable(cached, this.deps.now(), opts.minValidityMs)) {
        return cached;
      }
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
    const out = await this.call(
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
    await this.deps.roleCache.set(key, creds);
    return creds;
  }

  /**
   * Tells the portal a still-valid token is no longer used. Signing out locally must work offline
   * or with a token the server already forgot, so a refusal is only logged.
   */
  async logout(session: string, token: CachedToken): Promise<void> {
    if (!token.region || token.expiresAt <= this.deps.now()) return;
    try {
      const sdk = await loadSsoSdk();
      const { client } = this.deps.clients.ssoClient(sdk, token.region);
      await client.send(new sdk.LogoutCommand({ accessToken: token.accessToken }));
    } catch (e) {
      this.deps.log.info('the portal did not take the sign-out; signed out locally', {
        session,
        error: e,
      });
    }
  }
}
