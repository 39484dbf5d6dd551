// `credential-process` as the AWS tools run it: a whole `node out/cli/sso-tray.cjs` process,
// answered from the file cache (~/.aws/cli/cache), against a process that does nothing
// (`node -e 0`), timed in turns so that both see the same load.
import { spawnSync } from 'node:child_process';
import { CLI as CLI_BUNDLE } from '../../test/support/cli';

export interface CredentialProcessRun {
  /** Wall time of each cached run (ms). */
  cliMs: number[];
  /** Wall time of each `node -e 0` (ms). */
  nodeMs: number[];
}

function timed(args: string[], env: Record<string, string>): { ms: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    throw new Error(`${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  }
  return { ms, stdout: r.stdout };
}

export function credentialProcessBench(o: {
  env: Record<string, string>;
  session: string;
  accountId: string;
  roleName: string;
  runs: number;
}): CredentialProcessRun {
  const args = [
    CLI_BUNDLE,
    'credential-process',
    '--account',
    o.accountId,
    '--role',
    o.roleName,
    '--session',
    o.session,
  ];
  // The first run fetches the credentials and caches them; the rest answer from the cache.
  const first = timed(args, o.env).stdout;
  const cliMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    nodeMs.push(timed(['-e', '0'], o.env).ms);
    const r = timed(args, o.env);
    if (r.stdout !== first)
      throw new Error('credential-process answered differently from the cache');
    cliMs.push(r.ms);
  }
  return { cliMs, nodeMs };
}
