// Credentials on a small emulator: the first and a cached copy, and a cached `credential-process`
// as a whole process against `node -e 0`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../lib/emulator';
import { atMost, errText, fmt, median, ratio, round, under, x, type Row } from '../lib/report';
import { T, sizes, type PartContext } from './context';

export async function runCredentials(ctx: PartContext): Promise<Row[]> {
  const S = sizes(ctx.quick);
  const credRows: Row[] = [];
  let emu: EmulatorProcess | undefined;
  let bench: Awaited<ReturnType<typeof import('../lib/ssotray').signedInCore>> | undefined;
  try {
    ctx.log('building the CLI bundle (tools/build-cli.mjs)…');
    const built = spawnSync(process.execPath, [join(ctx.root, 'tools/build-cli.mjs')], {
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr.trim()}`);
    emu = await startEmulatorProcess({ accounts: 12, latencyMs: 40 });
    const ssotray = await import('../lib/ssotray');
    bench = await ssotray.signedInCore(emu);
    const org = await emu.organisation();
    const account = org[Math.floor(org.length / 2)] ?? org[0];
    if (!account) throw new Error('the emulator has no accounts');
    const role = account.roles[0] ?? 'ReadOnlyAccess';
    const c = await ssotray.ssoTrayCredentials(bench, emu, account.accountId, role);
    ctx.json.credentials = {
      firstMs: round(c.firstMs, 2),
      cachedMs: round(c.cachedMs, 3),
      cachedNetworkCalls: c.cachedNetworkCalls,
    };
    credRows.push(
      {
        metric: 'first request -> credentials (40 ms latency)',
        value: `${fmt(c.firstMs, 'ms', 2)} (${c.firstNetworkCalls} network call)`,
      },
      {
        metric: 'second copy (cached)',
        value: fmt(c.cachedMs, 'ms', 3),
        target: '< 5 ms',
        verdict: under(c.cachedMs, 5),
      },
      {
        metric: 'network calls for the second copy',
        value: String(c.cachedNetworkCalls),
        target: '0',
        verdict: c.cachedNetworkCalls === 0 ? 'pass' : 'MISS',
      },
    );
    ctx.log(`credential-process from the cache vs node -e 0, ${S.cliRuns} times each…`);
    const { credentialProcessBench } = await import('../lib/cli-process');
    const other = org.find((a) => a.accountId !== account.accountId) ?? account;
    const cp = credentialProcessBench({
      env: bench.env,
      session: ssotray.SESSION,
      accountId: other.accountId,
      roleName: other.roles[0] ?? role,
      runs: S.cliRuns,
    });
    const cliMs = median(cp.cliMs);
    const nodeMs = median(cp.nodeMs);
    const vsNode = ratio(cliMs, nodeMs);
    ctx.json.credentialProcess = {
      ms: round(cliMs, 1),
      nodeMs: round(nodeMs, 1),
      vsNode: round(vsNode, 3),
    };
    credRows.push({
      metric: `cached credential-process, whole process (median of ${cp.cliMs.length}) vs node -e 0`,
      value: `${fmt(cliMs, 'ms')} vs ${fmt(nodeMs, 'ms')} = ${x(vsNode)}`,
      target: `<= ${T.cliVsNode} x`,
      verdict: atMost(vsNode, T.cliVsNode),
    });
  } catch (e) {
    ctx.fail('credentials', e);
    credRows.push({ metric: 'credentials', value: `failed: ${errText(e)}`, verdict: 'n/a' });
  } finally {
    bench?.dispose();
    await emu?.close();
  }
  return credRows;
}
