// `npm test`: runs every suite (Vitest: unit, renderer, integration; Playwright: browser e2e)
// and ends with one plain totals line, because CI reads only that line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

// Vitest
const vitestJson = join(tmp, 'vitest.json');
rmSync(vitestJson, { force: true });
const vStatus = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  quick ? { SSO_TRAY_QUICK: '1' } : {},
);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even when no test inside it ran.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  totals.failed += brokenFiles;
  // An unhandled error, or a run that found no test at all, is a failure even with no failed test.
  if ((vStatus !== 0 || r.numTotalTests === 0) && r.numFailedTests + brokenFiles === 0)
    totals.failed += 1;
} else {
  totals.failed += 1;
}
if (vStatus !== 0) exitCode = 1;

// Playwright (browser end-to-end through the web host)
const hasE2e =
  existsSync(join(root, 'e2e')) &&
  readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (hasE2e && existsSync(join(root, 'playwright.config.ts'))) {
  const pwJson = join(tmp, 'playwright.json');
  rmSync(pwJson, { force: true });
  const pStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson,
  });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else {
    totals.failed += 1;
  }
  if (pStatus !== 0) exitCode = 1;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
