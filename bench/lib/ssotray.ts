// SSO Tray's own listing and credentials, through the real SsoCore (its shared adaptive rate
// limiter, the SDK clients, the token cache) in a sandbox HOME, against the emulator process.
import { rmSync } from 'node:fs';
import { SsoCore } from '../../src/main/core/sso/index';
import { listOrganisation } from '../../src/main/core/sso/list-organisation';
import type { Account, Role } from '../../src/shared/schemas';
import { createSandboxHome } from '../../tools/sandbox-home';
import { callsBetween, type EmulatorProcess } from './emulator';

export const SESSION = 'bench';

export interface SsoTrayBench {
  core: SsoCore;
  /** The sandbox environment (HOME, config and credentials files, endpoints). */
  env: Record<string, string>;
  accessToken(): Promise<string>;
  dispose(): void;
}

/** A signed-in SsoCore (device flow against the auto-approving emulator) in a temporary HOME. */
export async function signedInCore(emu: EmulatorProcess): Promise<SsoTrayBench> {
  // The session is configured up front, as a user's config file would have it.
  const sandbox = await createSandboxHome({
    session: { name: SESSION, startUrl: emu.startUrl, region: emu.region },
    endpoint: emu.url,
    prefix: 'sso-tray-bench-',
  });
  const env: Record<string, string> = { ...sandbox.env, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const core = new SsoCore({ env });
  await core.login({
    session: SESSION,
    flow: 'device',
    onPrompt: () => {},
  });
  return {
    core,
    env,
    accessToken: () => core.accessToken(SESSION),
    dispose: () => rmSync(sandbox.home, { recursive: true, force: true }),
  };
}

export interface ListingRun {
  seconds: number;
  firstPageMs: number;
  accounts: number;
  roles: number;
  /** Accounts whose roles could not be listed (the listing failed for them). */
  failedCalls: number;
  /** 429s the emulator answered during the run (retried by the limiter). */
  throttled: number;
  calls: number;
  /** ListAccountRoles calls answered 500 (each took a token of the bucket, and was retried). */
  answered500Roles: number;
  error?: string;
}

export async function ssoTrayListing(
  bench: SsoTrayBench,
  emu: EmulatorProcess,
): Promise<ListingRun> {
  const before = await emu.state();
  const start = performance.now();
  let firstPageMs = Number.NaN;
  let accounts: Account[] = [];
  const roles = new Map<string, Role[]>();
  let error: string | undefined;
  try {
    // As the app, `sso-tray accounts` and `populate` list (src/main/core/sso/list-organisation.ts).
    const listing = listOrganisation(bench.core, SESSION, {
      onPage: () => {
        if (Number.isNaN(firstPageMs)) firstPageMs = performance.now() - start;
      },
      onRoles: (accountId, r) => roles.set(accountId, r),
    });
    accounts = await listing.accounts;
    await listing.roles;
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const seconds = (performance.now() - start) / 1000;
  const delta = callsBetween(before, await emu.state());
  return {
    seconds,
    firstPageMs,
    accounts: accounts.length,
    roles: [...roles.values()].reduce((a, r) => a + r.length, 0),
    failedCalls: accounts.length - roles.size,
    throttled: delta.throttled,
    calls: delta.calls,
    answered500Roles: delta.failedByOp.ListAccountRoles ?? 0,
    ...(error ? { error } : {}),
  };
}

export interface CredentialsRun {
  firstMs: number;
  cachedMs: number;
  cachedNetworkCalls: number;
  firstNetworkCalls: number;
}

export async function ssoTrayCredentials(
  bench: SsoTrayBench,
  emu: EmulatorProcess,
  accountId: string,
  roleName: string,
): Promise<CredentialsRun> {
  const s0 = await emu.state();
  let t = performance.now();
  await bench.core.getRoleCredentials(SESSION, accountId, roleName);
  const firstMs = performance.now() - t;
  const s1 = await emu.state();
  t = performance.now();
  await bench.core.getRoleCredentials(SESSION, accountId, roleName);
  const cachedMs = performance.now() - t;
  const s2 = await emu.state();
  return {
    firstMs,
    cachedMs,
    firstNetworkCalls: callsBetween(s0, s1).calls,
    cachedNetworkCalls: callsBetween(s1, s2).calls,
  };
}
