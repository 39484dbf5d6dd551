// `npm run bench [-- --quick]`: performance at organisation scale.
// Every target is a ratio to something measured (or computed from the emulator's own settings)
// in the same run, because absolute milliseconds move with the machine:
//  - listing, in several regimes, each on a fresh emulator process: SSO Tray against the floor
//    of that regime (a plain parallel client where nothing throttles, the token bucket's own
//    burst and rate where it does) and against a serial botocore loop;
//  - the credentials cache, a cached `credential-process` as a whole process against `node -e 0`;
//  - the tray menu model for 10,000 accounts; the credentials-file writer against a bare atomic
//    write of the same bytes; the renderer in Chromium against a minimal React page, typing
//    against the next frame; the renderer bundle.
// Prints the regime table, a table with every figure and target, and as its last line one JSON
// object. Each part is a module of ./parts (sizes and targets in ./parts/context.ts). Benchmarks measure; nothing here fails on a missed target (the exit code says only
// whether every part could run).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchJsonSchema, errText, table, type BenchJson, type Row } from './lib/report';
import type { RegimeResult } from './lib/regimes';
import { sizes, type PartContext } from './parts/context';
import { runCredentials } from './parts/credentials';
import { regimeTable, runListing } from './parts/listing';
import { runPopulate } from './parts/populate';
import { runRender } from './parts/render';
import { runTray } from './parts/tray';
import { runWrite } from './parts/write';

const PARTS = ['listing', 'credentials', 'tray', 'write', 'populate', 'bundle', 'render'];
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = [
  ...argv.filter((a) => a !== '--quick' && !a.startsWith('--only=')),
  ...(only ?? []).filter((p) => !PARTS.includes(p)),
];
if (unknown.length) {
  process.stderr.write(
    `bench: unknown argument(s): ${unknown.join(' ')}\nUsage: npm run bench [-- --quick] [--only=${PARTS.join(',')}]\n`,
  );
  process.exit(2);
}
const want = (part: string): boolean => !only || only.includes(part);

const root = join(import.meta.dirname, '..');
const S = sizes(quick);

const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

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

  const json: BenchJson = {
    listing: { regimes: [], firstPageMs: null },
    credentials: { firstMs: null, cachedMs: null, cachedNetworkCalls: null },
    credentialProcess: { ms: null, nodeMs: null, vsNode: null },
    tray: { accounts: S.trayAccounts, menuMs: null, sortMs: null, vsSort: null },
    render: {
      rows: S.rows,
      initialRenderMs: null,
      minimalPageMs: null,
      firstRowVsMinimal: null,
      filterMsP50: null,
      filterMsP95: null,
      echoMsP95: null,
      filterVsEcho: null,
      heapMB: null,
    },
    write: { profiles: S.profiles, msP50: null, bareMsP50: null, vsBareWrite: null },
    bundle: { rendererKBgz: null },
    populate: {
      accounts: S.populate.accounts,
      roles: 0,
      msP50: null,
      againMsP50: null,
      bareMsP50: null,
      vsBareWrite: null,
    },
  };
  const ctx: PartContext = { quick, root, scratch, log, fail, json };
  let listingRows: Row[] = [];
  let results: RegimeResult[] = [];
  if (want('listing')) ({ rows: listingRows, results } = await runListing(ctx));
  const credRows = want('credentials') ? await runCredentials(ctx) : [];
  const trayRows = want('tray') ? await runTray(ctx) : [];
  const writeRows = want('write') ? await runWrite(ctx) : [];
  const populateRows = want('populate') ? await runPopulate(ctx) : [];
  const { bundleRows, renderRows } =
    want('bundle') || want('render')
      ? await runRender(ctx, { bundle: want('bundle'), render: want('render') })
      : { bundleRows: [], renderRows: [] };

  const elapsed = (performance.now() - started) / 1000;
  const sections = [
    { title: 'Listing', rows: listingRows },
    { title: 'Credentials', rows: credRows },
    { title: 'Tray', rows: trayRows },
    { title: 'Render (Chromium, fake host, 10,000 accounts)', rows: renderRows },
    { title: 'Write', rows: writeRows },
    { title: 'Populate', rows: populateRows },
    { title: 'Bundle', rows: bundleRows },
  ].filter((s) => s.rows.length > 0);
  // Other work on the machine slows every figure down; say how busy it was.
  const load = `load average ${loadBefore.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`;
  process.stdout.write(
    `\nSSO Tray bench (${quick ? 'quick' : 'full'}) — ${new Date().toISOString()}, ${elapsed.toFixed(0)} s; ` +
      `${cpus().length} CPUs, ${load}\n`,
  );
  if (results.length > 0) process.stdout.write(`\n${regimeTable(results)}\n\n`);
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
