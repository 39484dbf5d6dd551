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
  /** Changes live options; throws RangeError for a bad value (nothing changes then). */
  configure(patch: ConfigurePatch): void;
}

export function createControls(deps: {
  org: Organisation;
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
    revoke: () => store.revokeAll(),
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
 * (`{"userCode"}`), POST /_emulator/revoke, POST /_emulator/configure (a ConfigurePatch).
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
