// `npm run bench [-- --quick]`: performance at organisation scale (design.md §5).
// Starts the emulator in its own process, measures SSO Tray's listing against the theoretical
// bound and against the ways other tools list (same emulator, fresh token buckets per run), the
// credentials cache, the renderer in Chromium with 10,000 rows, the credentials-file writer and
// the renderer bundle. Prints a table with every target and, as its last line, one JSON object.
// Benchmarks measure; nothing here fails on a missed target (the exit code says only whether
// every part could run).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  botocoreSerialBaseline,
  deviceFlowToken,
  extrapolate,
  fixedRateBaseline,
  fullListingCalls,
  parallelUnboundedBaseline,
  serialBaseline,
  type BaselineResult,
} from './lib/baselines';
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulator';
import {
  benchJsonSchema,
  fmt,
  percentile,
  round,
  table,
  under,
  type BenchJson,
  type Row,
} from './lib/report';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = argv.filter((a) => a !== '--quick' && !a.startsWith('--only='));
if (unknown.length) {
  process.stderr.write(
    `bench: unknown argument(s): ${unknown.join(' ')}\nUsage: npm run bench [-- --quick] [--only=listing,baselines,credentials,write,bundle,render]\n`,
  );
  process.exit(2);
}
const want = (part: string): boolean => !only || only.includes(part);

const root = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const P = quick
  ? {
      accounts: 300,
      serialSample: 100,
      parallelSample: 300,
      fixedSample: 25,
      botoSample: 100,
      writes: 20,
      renderRounds: 2,
    }
  : {
      accounts: 2000,
      serialSample: 400,
      parallelSample: 2000,
      fixedSample: 100,
      botoSample: 300,
      writes: 50,
      renderRounds: 3,
    };
const LATENCY_MS = 40;
const RATE = 50;
const ROWS = 10_000;
const PROFILES = 2000;
const BASELINE_TIME_LIMIT_MS = 120_000;

const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};
// Terminal colour codes (vite's error messages carry them).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** The first line of an error, without terminal colours, short enough for a table cell. */
const errText = (e: unknown): string => {
  const text = (e instanceof Error ? e.message : String(e)).replace(ANSI, '');
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // "Build failed with 1 error:" says little without the line after it.
  const first = (lines[0] ?? '').endsWith(':') ? lines.slice(0, 2).join(' ') : (lines[0] ?? '');
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
};

interface BaselineOutcome {
  seconds: number | null;
  note: string;
  failedCalls: number | null;
  complete: boolean;
}

function describeBaseline(r: BaselineResult | { skipped: string }, full: number): BaselineOutcome {
  if ('skipped' in r)
    return { seconds: null, note: `skipped: ${r.skipped}`, failedCalls: null, complete: false };
  const seconds = extrapolate(r, full);
  const parts: string[] = [];
  if (r.accounts < full)
    parts.push(`extrapolated from ${r.accounts} accounts, ${r.seconds.toFixed(1)} s measured`);
  if (r.cappedAt !== undefined) parts.push(`capped at ${r.cappedAt.toFixed(0)} s`);
  if (r.failedCalls)
    parts.push(`${r.failedCalls} of ${r.accounts} role listings failed after retries`);
  return {
    seconds,
    note: parts.length ? `(${parts.join('; ')})` : '',
    failedCalls: r.failedCalls,
    complete: r.failedCalls === 0,
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  let exitCode = 0;
  const fail = (part: string, e: unknown): void => {
    exitCode = 1;
    log(`${part} failed: ${errText(e)}`);
  };
  const scratch = join(root, '.tmp', 'bench');
  mkdirSync(scratch, { recursive: true });

  const boundSeconds = fullListingCalls(P.accounts) / RATE;
  const json: BenchJson = {
    listing: {
      accounts: P.accounts,
      roles: null,
      latencyMs: LATENCY_MS,
      rateLimit: RATE,
      boundSeconds: round(boundSeconds, 2) ?? boundSeconds,
      seconds: null,
      firstPageMs: null,
      failedCalls: null,
      baselines: { serial: null, parallelUnbounded: null, fixed5tps: null, botocoreSerial: null },
    },
    credentials: { firstMs: null, cachedMs: null, cachedNetworkCalls: null },
    render: {
      rows: ROWS,
      initialRenderMs: null,
      filterMsP50: null,
      filterMsP95: null,
      heapMB: null,
    },
    write: { profiles: PROFILES, msP50: null },
    bundle: { rendererKBgz: null },
  };
  const listingRows: Row[] = [];
  const credRows: Row[] = [];
  const renderRows: Row[] = [];
  const writeRows: Row[] = [];
  const bundleRows: Row[] = [];

  // ---- listing, baselines and credentials against one emulator process -------------------
  if (want('listing') || want('baselines') || want('credentials')) {
    let emu: EmulatorProcess | undefined;
    let bench: Awaited<ReturnType<typeof import('./lib/ssotray').signedInCore>> | undefined;
    try {
      log(
        `starting the emulator: ${P.accounts} accounts, ${LATENCY_MS} ms latency, ${RATE} requests/s per operation`,
      );
      emu = await startEmulatorProcess({
        accounts: P.accounts,
        latencyMs: LATENCY_MS,
        rateLimit: RATE,
      });
      const org = await emu.organisation();
      const expectedRoles = org.reduce((a, x) => a + x.roles.length, 0);
      const ssotray = await import('./lib/ssotray');
      try {
        bench = await ssotray.signedInCore(emu);
      } catch (e) {
        fail('SSO Tray sign-in', e);
        listingRows.push({
          metric: 'SSO Tray sign-in',
          value: `failed: ${errText(e)}`,
          verdict: 'n/a',
        });
      }
      // The baselines use their own token when SSO Tray could not sign in.
      const token = bench
        ? await bench.accessToken()
        : await deviceFlowToken(emu.url, emu.region, emu.startUrl);
      const base = { url: emu.url, region: emu.region, accessToken: token };

      let trayListing: Awaited<ReturnType<typeof ssotray.ssoTrayListing>> | undefined;
      if (want('listing') && bench) {
        await emu.resetBuckets();
        log('SSO Tray listing (SsoCore.listAccounts + listAllRoles)…');
        trayListing = await ssotray.ssoTrayListing(bench, emu);
        if (trayListing.error) fail('SSO Tray listing', trayListing.error);
        json.listing.seconds = round(trayListing.seconds, 2);
        json.listing.firstPageMs = round(trayListing.firstPageMs, 1);
        json.listing.failedCalls = trayListing.failedCalls;
        json.listing.roles = trayListing.roles;
        const complete = trayListing.accounts === P.accounts && trayListing.roles === expectedRoles;
        listingRows.push(
          {
            metric: 'organisation',
            value: `${P.accounts} accounts, ${expectedRoles} roles; ${LATENCY_MS} ms latency; ${RATE} req/s per operation`,
          },
          { metric: 'bound (pages + accounts) / rate', value: fmt(boundSeconds, 's', 2) },
          {
            metric: 'SSO Tray full listing',
            value: `${fmt(trayListing.seconds, 's', 2)} (${round(trayListing.seconds / boundSeconds, 3)} x bound)`,
            target: `< ${fmt(boundSeconds * 1.15, 's', 2)} (1.15 x bound)`,
            verdict: under(trayListing.seconds, boundSeconds * 1.15),
          },
          {
            metric: 'SSO Tray listed',
            value: `${trayListing.accounts} accounts, ${trayListing.roles} roles (${trayListing.throttled} of ${trayListing.calls} calls got 429, retried)`,
            target: 'every account and role',
            verdict: complete ? 'pass' : 'MISS',
          },
          {
            metric: 'first accounts shown (first onPage)',
            value: fmt(trayListing.firstPageMs, 'ms'),
            target: `< ${2 * LATENCY_MS + 100} ms`,
            verdict: under(trayListing.firstPageMs, 2 * LATENCY_MS + 100),
          },
          {
            metric: 'failed calls',
            value: String(trayListing.failedCalls),
            target: '0',
            verdict: trayListing.failedCalls === 0 && !trayListing.error ? 'pass' : 'MISS',
          },
        );
      }

      if (want('baselines')) {
        const runs: Array<
          [
            keyof BenchJson['listing']['baselines'],
            string,
            () => Promise<BaselineResult | { skipped: string }>,
          ]
        > = [
          [
            'serial',
            'serial, one call at a time (AWS CLI wizard)',
            () =>
              serialBaseline({
                ...base,
                limit: P.serialSample,
                timeLimitMs: BASELINE_TIME_LIMIT_MS,
              }),
          ],
          [
            'parallelUnbounded',
            'everything at once, SDK standard retries x3',
            () => parallelUnboundedBaseline({ ...base, limit: P.parallelSample }),
          ],
          [
            'fixed5tps',
            'fixed 5 requests/s (Leapp)',
            () => fixedRateBaseline({ ...base, limit: P.fixedSample, rate: 5 }),
          ],
          [
            'botocoreSerial',
            'botocore paginator loop (boto3 script)',
            () =>
              botocoreSerialBaseline({
                ...base,
                limit: P.botoSample,
                timeLimitMs: BASELINE_TIME_LIMIT_MS,
              }),
          ],
        ];
        for (const [key, label, run] of runs) {
          try {
            await emu.resetBuckets();
            log(`baseline: ${label}…`);
            const outcome = describeBaseline(await run(), P.accounts);
            json.listing.baselines[key] = round(outcome.seconds, 2);
            const tray = json.listing.seconds;
            // "faster than every baseline that completes": a run with failed calls did not.
            const verdict =
              outcome.seconds === null || tray === null
                ? 'n/a'
                : !outcome.complete
                  ? 'n/a'
                  : tray < outcome.seconds
                    ? 'pass'
                    : 'MISS';
            listingRows.push({
              metric: `baseline: ${label}`,
              value:
                outcome.seconds === null
                  ? outcome.note
                  : `${fmt(outcome.seconds, 's', 1)} ${outcome.note}`.trim(),
              target: outcome.complete ? 'SSO Tray faster' : 'did not complete: not compared',
              verdict,
            });
          } catch (e) {
            fail(`baseline ${key}`, e);
            listingRows.push({
              metric: `baseline: ${label}`,
              value: `failed: ${errText(e)}`,
              verdict: 'n/a',
            });
          }
        }
      }

      if (want('credentials') && bench) {
        await emu.resetBuckets();
        const account = org[Math.floor(org.length / 2)] ?? org[0];
        if (!account) throw new Error('the emulator has no accounts');
        const role = account.roles[0] ?? 'ReadOnlyAccess';
        const c = await ssotray.ssoTrayCredentials(bench, emu, account.accountId, role);
        json.credentials = {
          firstMs: round(c.firstMs, 2),
          cachedMs: round(c.cachedMs, 3),
          cachedNetworkCalls: c.cachedNetworkCalls,
        };
        credRows.push(
          {
            metric: 'first request -> credentials',
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
      }
    } catch (e) {
      fail('listing/credentials', e);
      listingRows.push({ metric: 'listing', value: `failed: ${errText(e)}`, verdict: 'n/a' });
    } finally {
      bench?.dispose();
      await emu?.close();
    }
  }

  // ---- write ------------------------------------------------------------------------------
  if (want('write')) {
    try {
      log(`write: one profile into a credentials file of ${PROFILES} profiles, ${P.writes} times…`);
      const { runWriteBench } = await import('./lib/write');
      const w = await runWriteBench({ profiles: PROFILES, writes: P.writes });
      const p50 = percentile(w.ms, 50);
      json.write.msP50 = round(p50, 2);
      writeRows.push(
        {
          metric: `writeProfile p50 (${w.writes} writes, ${(w.fileBytes / 2 ** 20).toFixed(1)} MB file)`,
          value: fmt(p50, 'ms', 2),
          target: '< 25 ms',
          verdict: under(p50, 25),
        },
        { metric: 'writeProfile p95', value: fmt(percentile(w.ms, 95), 'ms', 2) },
      );
    } catch (e) {
      fail('write', e);
      writeRows.push({ metric: 'writeProfile', value: `failed: ${errText(e)}`, verdict: 'n/a' });
    }
  }

  // ---- bundle and render ------------------------------------------------------------------
  let rendererDir: string | undefined;
  if (want('bundle') || want('render')) {
    try {
      log('building the renderer (vite, as electron-vite does)…');
      const { buildRenderer } = await import('./lib/renderer-build');
      const b = await buildRenderer(join(scratch, 'renderer'));
      rendererDir = b.outDir;
      const kb = b.gzBytes / 1024;
      json.bundle.rendererKBgz = round(kb, 1);
      bundleRows.push({
        metric: `renderer JavaScript, gzip (${b.files.length} file${b.files.length === 1 ? '' : 's'})`,
        value: fmt(kb, 'KB', 1),
        target: '< 250 KB',
        verdict: under(kb, 250),
      });
    } catch (e) {
      fail('bundle', e);
      bundleRows.push({
        metric: 'renderer bundle',
        value: `failed: ${errText(e)}`,
        verdict: 'n/a',
      });
    }
  }
  if (want('render') && !rendererDir) {
    renderRows.push({
      metric: 'render',
      value: 'not run: the renderer did not build',
      verdict: 'n/a',
    });
  }
  if (want('render') && rendererDir) {
    try {
      if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
      log(`render: ${ROWS} accounts in Chromium…`);
      const { runRenderBench } = await import('./lib/render');
      const r = await runRenderBench({
        rendererDir,
        rows: ROWS,
        rounds: P.renderRounds,
        query: 'payments',
        executablePath: CHROMIUM,
      });
      const p50 = percentile(r.filterMs, 50);
      const p95 = percentile(r.filterMs, 95);
      json.render = {
        rows: ROWS,
        initialRenderMs: round(r.initialRenderMs, 1),
        filterMsP50: round(p50, 1),
        filterMsP95: round(p95, 1),
        heapMB: round(r.heapMB, 1),
      };
      renderRows.push(
        {
          metric: 'accounts fed / in the tree / left by the filter',
          value: `${r.rows} / ${r.setSize ?? 'unknown'} / ${r.matchedAfterQuery ?? 'unknown'}`,
        },
        {
          metric: `first render (navigation -> first row painted), median of ${r.startsMs.length} starts`,
          value: fmt(r.initialRenderMs, 'ms'),
          target: '< 150 ms',
          verdict: under(r.initialRenderMs, 150),
        },
        {
          metric: '  every start; the very first one (nothing remembered)',
          value: `${r.startsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ${fmt(r.firstEverMs, 'ms', 0)}`,
        },
        {
          metric: '  ms after navigation: page / scripts / first row',
          value:
            `${r.phases.documentResponse.toFixed(0)} / ${r.phases.scriptsRun.toFixed(0)} / ` +
            `${r.phases.firstRowPainted.toFixed(0)}`,
        },
        {
          metric: `  whole list (${((r.phases.accountsListBytes ?? 0) / 2 ** 20).toFixed(1)} MB) in / all ${r.rows} rows in the tree`,
          value:
            `${r.phases.accountsListReceived?.toFixed(0) ?? '?'} / ` +
            `${r.phases.wholeListShown.toFixed(0)} ms after navigation`,
        },
        {
          metric: `filter p50 (${r.filterMs.length} keys of "${r.query}", keydown -> list painted)`,
          value: fmt(p50, 'ms'),
        },
        { metric: 'filter p95', value: fmt(p95, 'ms'), target: '< 16 ms', verdict: under(p95, 16) },
        {
          metric: 'echo p95 (keydown -> next frame)',
          value: fmt(percentile(r.echoMs, 95), 'ms'),
        },
        {
          metric: 'JS heap after typing (after GC; before)',
          value: `${fmt(r.heapMB, 'MB')}; ${fmt(r.heapMBBeforeGc, 'MB')}`,
          target: '< 80 MB',
          verdict: under(r.heapMB, 80),
        },
      );
    } catch (e) {
      fail('render', e);
      renderRows.push({ metric: 'render', value: `failed: ${errText(e)}`, verdict: 'n/a' });
    }
  }

  const elapsed = (performance.now() - started) / 1000;
  const sections = [
    {
      title: quick
        ? 'Listing (quick run: the targets are set for 2,000 accounts; ramp-up weighs more here)'
        : 'Listing',
      rows: listingRows,
    },
    { title: 'Credentials', rows: credRows },
    { title: 'Render (Chromium, fake host, 10,000 accounts)', rows: renderRows },
    { title: 'Write', rows: writeRows },
    { title: 'Bundle', rows: bundleRows },
  ].filter((s) => s.rows.length > 0);
  // Other work on the machine slows every figure down; say how busy it was.
  const load = `load average ${loadBefore.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`;
  process.stdout.write(
    `\nSSO Tray bench (${quick ? 'quick' : 'full'}) — ${new Date().toISOString()}, ${elapsed.toFixed(0)} s; ` +
      `${cpus().length} CPUs, ${load}\n`,
  );
  process.stdout.write(`${table(sections)}\n`);
  const checked = benchJsonSchema.safeParse(json);
  if (!checked.success) {
    exitCode = 1;
    log(`the JSON result does not have the expected shape: ${checked.error.message}`);
  }
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
