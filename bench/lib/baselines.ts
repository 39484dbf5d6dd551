// The clients SSO Tray's listing is compared with, run against the same emulator: a plain
// parallel client (the floor where nothing throttles: the accounts paged, then every role list at
// once, 64 in flight) and a serial botocore paginator loop (what a boto3 script or the AWS CLI's
// `configure sso` does: one call at a time).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
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

/**
 * The floor where nothing throttles: every ListAccounts page, then every account's roles with
 * `concurrency` requests in flight (the SDK's standard retries, one socket per request).
 */
export async function parallelClient(o: {
  url: string;
  region: string;
  accessToken: string;
  concurrency: number;
}): Promise<BaselineResult> {
  const sockets = { keepAlive: true, maxSockets: o.concurrency };
  const client = new SSOClient({
    region: o.region,
    endpoint: o.url,
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: { httpAgent: sockets, httpsAgent: sockets },
  });
  try {
    // Its connection and first-call set-up made before the clock starts, as for SSO Tray.
    await client.send(new ListAccountsCommand({ accessToken: o.accessToken, maxResults: 1 }));
    const start = performance.now();
    const ids: string[] = [];
    let pages = 0;
    let nextToken: string | undefined;
    do {
      const out = await client.send(
        new ListAccountsCommand({ accessToken: o.accessToken, maxResults: PAGE_SIZE, nextToken }),
      );
      pages++;
      for (const a of out.accountList ?? []) ids.push(a.accountId ?? '');
      nextToken = out.nextToken ?? undefined;
    } while (nextToken);
    let next = 0;
    let roles = 0;
    let failedCalls = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        try {
          roles += await rolesOf(client, o.accessToken, id);
        } catch {
          failedCalls++;
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    return {
      seconds: (performance.now() - start) / 1000,
      accounts: ids.length,
      pages,
      failedCalls,
      roles,
    };
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
