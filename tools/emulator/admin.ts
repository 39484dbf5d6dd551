// The emulator's controls for tests, demos and benchmarks: approve or deny a device code, revoke
// every session, read the counters, change the live options. In process they are methods of
// RunningEmulator; over HTTP they are the admin routes under /_emulator/, which are never
// delayed, throttled or failed. Secrets are in neither.
import type { LiveOptions } from './context';
import { json, parseJsonObject, type Reply, type Req } from './http';
import { validateOptions, type ConfigurePatch } from './options';
import type { Organisation, OrgAccount } from './org';
import type { Store } from './store';
import type { RateLimiter } from './token-bucket';

/** Every operation the counters know, at 0 until called. */
export const OPERATIONS = [
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'GetCallerIdentity',
  'Authorize',
  'GetSigninToken',
  'FederationLogin',
] as const;

/** Requests per operation: all of them, and those answered throttled or failed. */
export interface Counters {
  calls: Record<string, number>;
  throttled: Record<string, number>;
  failed: Record<string, number>;
}

export function newCounters(): Counters {
  const zero = () => Object.fromEntries(OPERATIONS.map((op) => [op, 0]));
  return { calls: zero(), throttled: zero(), failed: zero() };
}

export interface EmulatorState {
  calls: Record<string, number>;
  throttled: Record<string, number>;
  failed: Record<string, number>;
  issuedAccessKeyIds: string[];
  activeTokens: number;
}

export interface OrganisationView {
  startUrl: string;
  region: string;
  userName: string;
  accounts: OrgAccount[];
}

export interface Controls {
  state(): EmulatorState;
  organisation(): OrganisationView;
  /** Decides a pending device code; false when there is none with that user code. */
  decide(userCode: string, status: 'approved' | 'denied'): boolean;
  /** Ends every session (access and refresh tokens). */
  revoke(): void;
  /** Makes every role credential issued so far expired (as if its lifetime had passed). */
  expireRoleCredentials(): void;
  /** Changes live options; throws RangeError for a bad value (nothing changes then). */
  configure(patch: ConfigurePatch): void;
  /**
   * Changes the organisation while the emulator runs (what an administrator's assignments do):
   * adds or removes an account, or one role of an account. Throws RangeError for an invalid
   * id or name, an account that exists (add) or does not (remove, roles).
   */
  changeOrganisation(change: OrganisationChange): void;
}

export type OrganisationChange =
  | {
      op: 'addAccount';
      accountId: string;
      accountName: string;
      emailAddress?: string;
      roles?: string[];
    }
  | { op: 'removeAccount'; accountId: string }
  | { op: 'addRole'; accountId: string; roleName: string }
  | { op: 'removeRole'; accountId: string; roleName: string };

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function checkRole(roleName: unknown): string {
  if (typeof roleName !== 'string' || !ROLE_NAME.test(roleName)) {
    throw new RangeError('roleName must be an IAM role name');
  }
  return roleName;
}

/** Applies one change to the organisation and its index by id (both seen by every handler). */
export function applyOrganisationChange(
  org: Organisation,
  byId: Map<string, OrgAccount>,
  change: OrganisationChange,
): void {
  const accountId: unknown = change.accountId;
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
    throw new RangeError('accountId must be 12 digits');
  }
  const existing = byId.get(accountId);
  switch (change.op) {
    case 'addAccount': {
      if (existing !== undefined) throw new RangeError(`Account ${accountId} exists`);
      const name: unknown = change.accountName;
      if (typeof name !== 'string' || name.length === 0 || name.length > 50) {
        throw new RangeError('accountName must be 1 to 50 characters');
      }
      const roles = (change.roles ?? []).map(checkRole);
      const account: OrgAccount = {
        accountId,
        accountName: name,
        emailAddress: change.emailAddress ?? `aws+${accountId}@example.com`,
        roles,
      };
      org.accounts.push(account);
      byId.set(accountId, account);
      return;
    }
    case 'removeAccount': {
      if (existing === undefined) throw new RangeError(`No account ${accountId}`);
      org.accounts.splice(org.accounts.indexOf(existing), 1);
      byId.delete(accountId);
      return;
    }
    case 'addRole':
    case 'removeRole': {
      if (existing === undefined) throw new RangeError(`No account ${accountId}`);
      const roleName = checkRole(change.roleName);
      const at = existing.roles.indexOf(roleName);
      if (change.op === 'addRole') {
        if (at >= 0) throw new RangeError(`${accountId} already has ${roleName}`);
        existing.roles.push(roleName);
      } else {
        if (at < 0) throw new RangeError(`${accountId} has no role ${roleName}`);
        existing.roles.splice(at, 1);
      }
      return;
    }
    default:
      throw new RangeError('Unknown organisation change');
  }
}

export function createControls(deps: {
  org: Organisation;
  /** The handlers' index of the organisation's accounts by id (kept in step with it). */
  accountsById?: Map<string, OrgAccount>;
  region: string;
  store: Store;
  live: LiveOptions;
  limiter: RateLimiter;
  counters: Counters;
}): Controls {
  const { org, region, store, live, limiter, counters } = deps;
  return {
    state: () => ({
      calls: { ...counters.calls },
      throttled: { ...counters.throttled },
      failed: { ...counters.failed },
      issuedAccessKeyIds: [...store.issuedAccessKeyIds],
      activeTokens: store.activeTokens(),
    }),
    organisation: () => ({
      startUrl: org.startUrl,
      region,
      userName: org.userName,
      accounts: org.accounts,
    }),
    decide: (userCode, status) => store.decideDeviceCode(userCode, status),
    changeOrganisation: (change) =>
      applyOrganisationChange(
        org,
        deps.accountsById ?? new Map(org.accounts.map((a) => [a.accountId, a])),
        change,
      ),
    revoke: () => store.revokeAll(),
    expireRoleCredentials: () => store.expireRoleCredentials(),
    configure(patch) {
      validateOptions(patch);
      if (patch.latencyMs !== undefined) live.latencyMs = patch.latencyMs;
      if ('rateLimit' in patch) {
        live.rateLimit = patch.rateLimit;
        limiter.setRate(patch.rateLimit);
      }
      if (patch.failRate !== undefined) live.failRate = patch.failRate;
      if (patch.autoApprove !== undefined) live.autoApprove = patch.autoApprove;
      if (patch.tokenSeconds !== undefined) live.tokenSeconds = patch.tokenSeconds;
      if (patch.refreshTokenSeconds !== undefined) {
        live.refreshTokenSeconds = patch.refreshTokenSeconds;
      }
      if (patch.credentialSeconds !== undefined) live.credentialSeconds = patch.credentialSeconds;
    },
  };
}

/**
 * GET /_emulator/state, GET /_emulator/organisation, POST /_emulator/approve and /deny
 * (`{"userCode"}`), POST /_emulator/revoke, POST /_emulator/expire-credentials,
 * POST /_emulator/configure (a ConfigurePatch),
 * POST /_emulator/accounts/add (`{"accountId","accountName","emailAddress"?,"roles"?}`),
 * /accounts/remove (`{"accountId"}`), /roles/add and /roles/remove (`{"accountId","roleName"}`).
 */
export function adminRoute(req: Req, controls: Controls): Reply {
  const route = `${req.method} ${req.path}`;
  if (route === 'GET /_emulator/state') return json(200, controls.state());
  if (route === 'GET /_emulator/organisation') return json(200, controls.organisation());
  if (req.method !== 'POST') return json(404, { message: 'Unknown admin endpoint' });
  const input = parseJsonObject(req.body);
  if (input === undefined) return json(400, { message: 'The body must be a JSON object' });
  switch (route) {
    case 'POST /_emulator/approve':
    case 'POST /_emulator/deny': {
      const userCode = input.userCode;
      if (typeof userCode !== 'string') return json(400, { message: 'userCode is required' });
      const ok = controls.decide(userCode, route.endsWith('approve') ? 'approved' : 'denied');
      return ok
        ? json(200, { ok: true })
        : json(404, {
            ok: false,
            message: 'No pending device authorization with that user code',
          });
    }
    case 'POST /_emulator/revoke':
      controls.revoke();
      return json(200, { ok: true });
    case 'POST /_emulator/expire-credentials':
      controls.expireRoleCredentials();
      return json(200, { ok: true });
    case 'POST /_emulator/accounts/add':
    case 'POST /_emulator/accounts/remove':
    case 'POST /_emulator/roles/add':
    case 'POST /_emulator/roles/remove': {
      const op = {
        'POST /_emulator/accounts/add': 'addAccount',
        'POST /_emulator/accounts/remove': 'removeAccount',
        'POST /_emulator/roles/add': 'addRole',
        'POST /_emulator/roles/remove': 'removeRole',
      }[route];
      try {
        controls.changeOrganisation({ ...input, op } as OrganisationChange);
      } catch (e) {
        return json(400, { message: e instanceof Error ? e.message : 'Invalid change' });
      }
      return json(200, { ok: true });
    }
    case 'POST /_emulator/configure':
      try {
        controls.configure(input as ConfigurePatch);
      } catch (e) {
        return json(400, { message: e instanceof Error ? e.message : 'Invalid configuration' });
      }
      return json(200, { ok: true });
    default:
      return json(404, { message: 'Unknown admin endpoint' });
  }
}
