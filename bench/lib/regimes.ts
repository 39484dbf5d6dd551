// Listing regimes: each on a fresh emulator process, SSO Tray's listing (a fresh, signed-in
// SsoCore), the floor for that regime taken in the same run, and a serial botocore loop.
//  - no limit: the floor is a plain parallel client timed on the same emulator (the accounts
//    paged, then every role list with 64 in flight);
//  - a token bucket: the floor is what the emulator's own bucket allows, its burst at once and
//    the rest at its rate, plus one latency. Every request that takes a token counts: with HTTP
//    500s (the emulator answers them after taking the token) the retries of those too.
import { burstFor } from '../../tools/emulator/token-bucket';
import {
  botocoreSerialBaseline,
  extrapolate,
  parallelClient,
  type BaselineResult,
} from './baselines';
import { callsBetween, startEmulatorProcess } from './emulator';
import { SESSION, signedInCore, ssoTrayListing, type ListingRun } from './ssotray';

export interface Regime {
  name: string;
  accounts: number;
  latencyMs: number;
  /** Requests per second per operation; null = no limit. */
  rateLimit: number | null;
  failRate: number;
}

export function regimes(quick: boolean): Regime[] {
  const size = (full: number, small: number): number => (quick ? small : full);
  return [
    { name: 'no limit, 40 ms', accounts: 300, latencyMs: 40, rateLimit: null, failRate: 0 },
    { name: 'no limit, 150 ms', accounts: 300, latencyMs: 150, rateLimit: null, failRate: 0 },
    { name: '20 req/s', accounts: size(300, 150), latencyMs: 40, rateLimit: 20, failRate: 0 },
    { name: '50 req/s', accounts: size(2000, 500), latencyMs: 40, rateLimit: 50, failRate: 0 },
    {
      name: '20 req/s, 5% HTTP 500',
      accounts: size(2000, 400),
      latencyMs: 40,
      rateLimit: 20,
      failRate: 0.05,
    },
  ];
}

/** The plain parallel client's requests in flight (what SSO Tray's limiter allows too). */
export const PARALLEL_IN_FLIGHT = 64;

export interface Floor {
  seconds: number;
  /** How it was taken, for the table. */
  how: string;
}

export interface SerialRun {
  seconds: number | null;
  note: string;
  failedCalls: number | null;
}

export interface RegimeResult {
  regime: Regime;
  expectedRoles: number;
  tray: ListingRun | null;
  floor: Floor | null;
  serial: SerialRun;
  error?: string;
}

/** A serial loop keeps to one call per latency (plus its own overhead of a few ms). */
function serialReachesRate(r: Regime): boolean {
  return r.rateLimit !== null && 1000 / (r.latencyMs + 5) > 0.8 * r.rateLimit;
}

export async function runRegime(
  r: Regime,
  o: { serialSample: number; log: (msg: string) => void },
): Promise<RegimeResult> {
  const emu = await startEmulatorProcess({
    accounts: r.accounts,
    latencyMs: r.latencyMs,
    ...(r.rateLimit !== null ? { rateLimit: r.rateLimit } : {}),
    ...(r.failRate ? { failRate: r.failRate } : {}),
  });
  let bench: Awaited<ReturnType<typeof signedInCore>> | undefined;
  const result: RegimeResult = {
    regime: r,
    expectedRoles: 0,
    tray: null,
    floor: null,
    serial: { seconds: null, note: 'not run', failedCalls: null },
  };
  try {
    const org = await emu.organisation();
    result.expectedRoles = org.reduce((a, x) => a + x.roles.length, 0);
    bench = await signedInCore(emu);
    const base = { url: emu.url, region: emu.region, accessToken: await bench.accessToken() };

    // Warm, as a running app is (its SDK client made, the token read); the other clients also
    // make theirs before their clocks start. Then fresh buckets.
    await bench.core.listAccounts(SESSION);
    await emu.resetBuckets();
    o.log(`${r.name}: SSO Tray listing ${r.accounts} accounts…`);
    const tray = await ssoTrayListing(bench, emu);
    result.tray = tray;
    if (tray.error) result.error = tray.error;

    if (r.rateLimit === null) {
      await emu.resetBuckets();
      o.log(`${r.name}: plain parallel client (${PARALLEL_IN_FLIGHT} in flight)…`);
      const p = await parallelClient({ ...base, concurrency: PARALLEL_IN_FLIGHT });
      result.floor = {
        seconds: p.seconds,
        how: `plain parallel client, ${PARALLEL_IN_FLIGHT} in flight${p.failedCalls ? ` (${p.failedCalls} failed)` : ''}`,
      };
    } else {
      const burst = burstFor(r.rateLimit);
      const tokens = r.accounts + tray.answered500Roles;
      result.floor = {
        seconds: Math.max(0, tokens - burst) / r.rateLimit + r.latencyMs / 1000,
        how:
          `(${r.accounts}${tray.answered500Roles ? ` + ${tray.answered500Roles} answered 500` : ''}` +
          ` - burst ${burst}) / ${r.rateLimit} + ${r.latencyMs} ms`,
      };
    }

    result.serial = await runSerial(r, base, emu, o);
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    bench?.dispose();
    await emu.close();
  }
  return result;
}

async function runSerial(
  r: Regime,
  base: { url: string; region: string; accessToken: string },
  emu: Awaited<ReturnType<typeof startEmulatorProcess>>,
  o: { serialSample: number; log: (msg: string) => void },
): Promise<SerialRun> {
  // Scaled from a sample only where a serial loop cannot reach the server's rate (then every call
  // takes the same time); where it can, it runs whole.
  let limit = serialReachesRate(r) ? r.accounts : Math.min(r.accounts, o.serialSample);
  for (;;) {
    await emu.resetBuckets();
    const before = await emu.state();
    o.log(`${r.name}: serial botocore loop, ${limit} accounts…`);
    const run = await botocoreSerialBaseline({ ...base, limit, timeLimitMs: 900_000 });
    if ('skipped' in run)
      return { seconds: null, note: `skipped: ${run.skipped}`, failedCalls: null };
    const throttled = callsBetween(before, await emu.state()).throttled;
    if (limit < r.accounts && throttled > 0) {
      limit = r.accounts; // the sample met the rate: scaling would not be exact
      continue;
    }
    return describeSerial(run, r.accounts);
  }
}

function describeSerial(run: BaselineResult, accounts: number): SerialRun {
  const parts: string[] = [];
  if (run.accounts < accounts && run.cappedAt === undefined) {
    parts.push(`scaled from ${run.accounts} accounts, ${run.seconds.toFixed(1)} s`);
  }
  if (run.cappedAt !== undefined) parts.push(`stopped at ${run.cappedAt.toFixed(0)} s`);
  if (run.failedCalls) parts.push(`${run.failedCalls} failed after its retries`);
  return {
    seconds: run.cappedAt !== undefined ? null : extrapolate(run, accounts),
    note: parts.join('; '),
    failedCalls: run.failedCalls,
  };
}
