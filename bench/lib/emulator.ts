// The emulator in its own process, so the client under test and the server never share one event
// loop (a shared loop would delay the server's replies whenever the client is busy, and the
// other way round). Talks to it through its admin API.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface EmulatorProcessOptions {
  accounts: number;
  latencyMs: number;
  /** Requests per second per operation; undefined = no limit. */
  rateLimit?: number;
  /** Share of requests answered 500 (after the token bucket). */
  failRate?: number;
  seed?: number;
  credentialSeconds?: number;
}

export interface OrgAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface EmulatorStateView {
  calls: Record<string, number>;
  throttled: Record<string, number>;
  failed: Record<string, number>;
}

export interface EmulatorProcess {
  url: string;
  startUrl: string;
  region: string;
  state(): Promise<EmulatorStateView>;
  /** Re-applies the rate limit, which gives every operation a fresh, full token bucket. */
  resetBuckets(): Promise<void>;
  configure(patch: Record<string, unknown>): Promise<void>;
  organisation(): Promise<OrgAccount[]>;
  close(): Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');

export async function startEmulatorProcess(o: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const args = [
    '--import',
    'tsx',
    join(root, 'tools/emulator/main.ts'),
    '--port',
    '0',
    '--quiet',
    '--auto-approve',
    '--accounts',
    String(o.accounts),
    '--latency-ms',
    String(o.latencyMs),
    '--seed',
    String(o.seed ?? 1),
  ];
  if (o.rateLimit) args.push('--rate-limit', String(o.rateLimit));
  if (o.failRate) args.push('--fail-rate', String(o.failRate));
  if (o.credentialSeconds) args.push('--credential-seconds', String(o.credentialSeconds));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const ready = await new Promise<{ url: string; startUrl: string; region: string }>(
    (resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      const timer = setTimeout(() => reject(new Error('emulator did not start in 60 s')), 60_000);
      rl.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as { url: string; startUrl: string; region: string });
        } catch {
          reject(new Error(`unexpected emulator output: ${line}`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`emulator exited (${code}): ${stderr.trim()}`));
      });
    },
  );
  const admin = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${ready.url}/_emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator admin ${path}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    ...ready,
    state: async () => (await admin('state')) as EmulatorStateView,
    resetBuckets: async () => {
      if (o.rateLimit) await admin('configure', { rateLimit: o.rateLimit });
    },
    configure: async (patch) => {
      await admin('configure', patch);
    },
    organisation: async () =>
      ((await admin('organisation')) as { accounts: OrgAccount[] }).accounts,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Sum of every operation's calls. */
export function totalCalls(s: EmulatorStateView): number {
  return Object.values(s.calls).reduce((a, b) => a + b, 0);
}

/** Calls made between two state snapshots, per operation. */
export function callsBetween(
  before: EmulatorStateView,
  after: EmulatorStateView,
): {
  calls: number;
  throttled: number;
  byOp: Record<string, number>;
  failedByOp: Record<string, number>;
} {
  const delta = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [op, n] of Object.entries(a)) {
      const d = n - (b[op] ?? 0);
      if (d) out[op] = d;
    }
    return out;
  };
  const byOp = delta(after.calls, before.calls);
  const failedByOp = delta(after.failed, before.failed);
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    calls: totalCalls(after) - totalCalls(before),
    throttled: sum(after.throttled) - sum(before.throttled),
    byOp,
    failedByOp,
  };
}
