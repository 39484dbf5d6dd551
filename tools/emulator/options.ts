// The emulator's options: what startEmulator takes, the part configure may change while it runs,
// their checks (shared by both) and their defaults.
import type { LiveOptions } from './context';

export interface EmulatorOptions {
  port?: number; // 0 = any free port (default 0)
  accounts?: number; // default 12
  rolesPerAccount?: number; // fixed count; undefined = deterministic varying 1..6 per account
  seed?: number; // default 1
  latencyMs?: number; // added to every AWS request (not admin), default 0
  rateLimit?: number; // requests/second per operation; 0/undefined = unlimited
  failRate?: number; // 0..1 share of AWS requests answered 500
  autoApprove?: boolean; // device codes and /authorize approved at once
  tokenSeconds?: number; // access token lifetime (default 28800)
  refreshTokenSeconds?: number; // refresh token (session) lifetime (default 90 days)
  credentialSeconds?: number; // role credential lifetime (default 3600)
  deviceCodeSeconds?: number; // device code lifetime (default 600)
  pollIntervalSeconds?: number; // `interval` returned by StartDeviceAuthorization (default 1)
  /** The library never logs; `main.ts` uses this to silence its own stderr lines. */
  quiet?: boolean;
}

/** What `configure` (and POST /_emulator/configure) may change while the emulator runs. */
export type ConfigurePatch = Partial<
  Pick<
    EmulatorOptions,
    | 'latencyMs'
    | 'rateLimit'
    | 'failRate'
    | 'autoApprove'
    | 'tokenSeconds'
    | 'refreshTokenSeconds'
    | 'credentialSeconds'
  >
>;

function nonNegative(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new RangeError(`${name} must be a number >= 0`);
  return v;
}

function positive(v: unknown, name: string): number | undefined {
  const n = nonNegative(v, name);
  if (n === 0) throw new RangeError(`${name} must be > 0`);
  return n;
}

/** Checks option values shared by startEmulator and configure; throws RangeError. */
export function validateOptions(o: EmulatorOptions): void {
  nonNegative(o.latencyMs, 'latencyMs');
  nonNegative(o.rateLimit, 'rateLimit');
  const f = nonNegative(o.failRate, 'failRate');
  if (f !== undefined && f > 1) throw new RangeError('failRate must be between 0 and 1');
  if (o.autoApprove !== undefined && typeof o.autoApprove !== 'boolean')
    throw new RangeError('autoApprove must be a boolean');
  positive(o.tokenSeconds, 'tokenSeconds');
  positive(o.refreshTokenSeconds, 'refreshTokenSeconds');
  positive(o.credentialSeconds, 'credentialSeconds');
  positive(o.deviceCodeSeconds, 'deviceCodeSeconds');
  positive(o.pollIntervalSeconds, 'pollIntervalSeconds');
  const accounts = nonNegative(o.accounts, 'accounts');
  if (accounts !== undefined && !Number.isInteger(accounts))
    throw new RangeError('accounts must be an integer');
  const roles = positive(o.rolesPerAccount, 'rolesPerAccount');
  if (roles !== undefined && !Number.isInteger(roles))
    throw new RangeError('rolesPerAccount must be an integer');
}

/** The options every handler reads, with their defaults filled in. */
export function liveOptions(options: EmulatorOptions): LiveOptions {
  return {
    latencyMs: options.latencyMs ?? 0,
    rateLimit: options.rateLimit,
    failRate: options.failRate ?? 0,
    autoApprove: options.autoApprove ?? false,
    tokenSeconds: options.tokenSeconds ?? 28800,
    refreshTokenSeconds: options.refreshTokenSeconds ?? 90 * 24 * 3600,
    credentialSeconds: options.credentialSeconds ?? 3600,
    deviceCodeSeconds: options.deviceCodeSeconds ?? 600,
    pollIntervalSeconds: options.pollIntervalSeconds ?? 1,
  };
}
