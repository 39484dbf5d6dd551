// The ways other tools list an organisation, run against the same emulator as SSO Tray:
// one call at a time (the AWS CLI's `configure sso` wizard, serial scripts), everything at once
// with the SDK's own retries (a naive Promise.all script), a fixed 5 calls per second (Leapp) and
// a botocore paginator loop (boto3 scripts). Each may run on a sample of the organisation and be
// extrapolated by the number of calls, which is exact for the serial and fixed-rate ones because
// they never reach the server's rate.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
  type SSOClientConfig,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';

export const PAGE_SIZE = 100;

export interface BaselineResult {
  /** Wall time of what was actually run. */
  seconds: number;
  /** Accounts whose roles were requested in the run (the sample size). */
  accounts: number;
  /** ListAccounts pages fetched in the run. */
  pages: number;
  /** Calls that still failed after the client's own retries. */
  failedCalls: number;
  roles: number;
  /** Set when the run stopped at its time limit before listing every sampled account. */
  cappedAt?: number;
}

/** Number of portal calls a full listing of `accounts` accounts needs (pages + one per account). */
export function fullListingCalls(accounts: number): number {
  return Math.ceil(accounts / PAGE_SIZE) + accounts;
}

/** Scales a sampled run to the full organisation by the number of calls. */
export function extrapolate(r: BaselineResult, fullAccounts: number): number {
  if (r.accounts >= fullAccounts) return r.seconds;
  return (r.seconds * fullListingCalls(fullAccounts)) / (r.pages + r.accounts);
}

/** A fresh access token through the device flow of the (auto-approving) emulator. */
export async function deviceFlowToken(
  url: string,
  region: string,
  startUrl: string,
): Promise<string> {
  const oidc = new SSOOIDCClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  try {
    const reg = await oidc.send(
      new RegisterClientCommand({ clientName: 'sso-tray-bench', clientType: 'public' }),
    );
    const dev = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl,
      }),
    );
    const tok = await oidc.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: dev.deviceCode,
      }),
    );
    if (!tok.accessToken) throw new Error('no access token from the emulator');
    return tok.accessToken;
  } finally {
    oidc.destroy();
  }
}

function ssoClient(url: string, region: string, extra: Partial<SSOClientConfig> = {}): SSOClient {
  return new SSOClient({ region, endpoint: url, retryMode: 'standard', maxAttempts: 3, ...extra });
}

/** Runs ListAccounts pages until `limit` accounts are known; `each` sees every page. */
async function pagesUpTo(
  call: <T>(fn: () => Promise<T>) => Promise<T>,
  client: SSOClient,
  accessToken: string,
  limit: number,
  each: (ids: string[]) => void,
): Promise<{ pages: number; accounts: number; failed: number }> {
  let nextToken: string | undefined;
  let pages = 0;
  let accounts = 0;
  do {
    const out = await call(() =>
      client.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken })),
    );
    pages++;
    const ids = (out.accountList ?? [])
      .map((a) => a.accountId ?? '')
      .slice(0, Math.max(0, limit - accounts));
    accounts += ids.length;
    each(ids);
    nextToken = out.nextToken ?? undefined;
  } while (nextToken && accounts < limit);
  return { pages, accounts, failed: 0 };
}

async function rolesOf(client: SSOClient, accessToken: string, accountId: string): Promise<number> {
  let nextToken: string | undefined;
  let n = 0;
  do {
    const out = await client.send(
      new ListAccountRolesCommand({ accessToken, accountId, maxResults: PAGE_SIZE, nextToken }),
    );
    n += out.roleList?.length ?? 0;
    nextToken = out.nextToken ?? undefined;
  } while (nextToken);
  return n;
}

/** Handles the rejection at once (a promise awaited only later would count as unhandled). */
function settle(p: Promise<number>): Promise<number | Error> {
  return p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
}

function tally(results: Array<number | Error>, start: number): Omit<BaselineResult, 'pages'> {
  let roles = 0;
  let failedCalls = 0;
  for (const r of results) {
    if (r instanceof Error) failedCalls++;
    else roles += r;
  }
  const seconds = (performance.now() - start) / 1000;
  return { seconds, accounts: results.length, failedCalls, roles };
}

const direct = <T>(fn: () => Promise<T>): Promise<T> => fn();

/** One call at a time: every page, then every account's roles. */
export async function serialBaseline(o: {
  url: string;
  region: string;
  accessToken: string;
  limit: number;
  timeLimitMs: number;
}): Promise<BaselineResult> {
  const client = ssoClient(o.url, o.region);
  const start = performance.now();
  const ids: string[] = [];
  let failedCalls = 0;
  let roles = 0;
  let done = 0;
  let capped = false;
  try {
    const p = await pagesUpTo(direct, client, o.accessToken, o.limit, (page) => ids.push(...page));
    for (const id of ids) {
      if (performance.now() - start > o.timeLimitMs) {
        capped = true;
        break;
      }
      try {
        roles += await rolesOf(client, o.accessToken, id);
      } catch {
        failedCalls++;
      }
      done++;
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      seconds,
      accounts: done,
      pages: p.pages,
      failedCalls,
      roles,
      ...(capped ? { cappedAt: seconds } : {}),
    };
  } finally {
    client.destroy();
  }
}

/** Everything at once: each page's role calls start as soon as the page arrives. */
export async function parallelUnboundedBaseline(o: {
  url: string;
  region: string;
  accessToken: string;
  limit: number;
}): Promise<BaselineResult> {
  // The SDK's default HTTP agent (keep-alive, 50 sockets) is what such a script gets.
  const client = ssoClient(o.url, o.region);
  const start = performance.now();
  const pending: Array<Promise<number | Error>> = [];
  try {
    const p = await pagesUpTo(direct, client, o.accessToken, o.limit, (page) => {
      for (const id of page) pending.push(settle(rolesOf(client, o.accessToken, id)));
    });
    return { ...tally(await Promise.all(pending), start), pages: p.pages };
  } finally {
    client.destroy();
  }
}

/** A fixed throttle: one call starts every 1000/rate ms, whatever the server says. */
export async function fixedRateBaseline(o: {
  url: string;
  region: string;
  accessToken: string;
  limit: number;
  rate: number;
}): Promise<BaselineResult> {
  const client = ssoClient(o.url, o.region);
  const interval = 1000 / o.rate;
  let nextSlot = performance.now();
  const throttled = async <T>(fn: () => Promise<T>): Promise<T> => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
    return fn();
  };
  const start = performance.now();
  const pending: Array<Promise<number | Error>> = [];
  try {
    const p = await pagesUpTo(throttled, client, o.accessToken, o.limit, (page) => {
      for (const id of page)
        pending.push(settle(throttled(() => rolesOf(client, o.accessToken, id))));
    });
    return { ...tally(await Promise.all(pending), start), pages: p.pages };
  } finally {
    client.destroy();
  }
}

/** A botocore paginator loop in python3 (skipped when boto3 is missing). */
export async function botocoreSerialBaseline(o: {
  url: string;
  region: string;
  accessToken: string;
  limit: number;
  timeLimitMs: number;
}): Promise<BaselineResult | { skipped: string }> {
  const script = join(import.meta.dirname, '..', 'botocore_serial.py');
  return new Promise((resolve) => {
    const child = spawn('python3', [script], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', (e) => resolve({ skipped: `python3 not available (${e.message})` }));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        const r = JSON.parse(line) as BaselineResult & { skipped?: string };
        if (r.skipped) resolve({ skipped: r.skipped });
        else resolve(r);
      } catch {
        resolve({
          skipped: `botocore run failed (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`,
        });
      }
    });
    // The token goes through stdin, never the command line.
    child.stdin.end(
      JSON.stringify({
        url: o.url,
        region: o.region,
        accessToken: o.accessToken,
        limit: o.limit,
        timeLimitSeconds: o.timeLimitMs / 1000,
        pageSize: PAGE_SIZE,
      }),
    );
  });
}
