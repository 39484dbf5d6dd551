// Electronegativity (Doyensec's static scanner for Electron misconfigurations) over the main
// process, the preload and the renderer. Any HIGH finding not in the documented allow-list fails
// the test. It runs offline: the scanner's attempts to fetch translations and Electron releases
// fail quietly (and are pointed at a closed port so they fail at once); the Electron version is
// given explicitly.
// A canary file with a known-bad window is scanned too, so a scanner that finds nothing (broken
// install, changed output) cannot pass silently.
//
// The scanner runs through its programmatic API (the package's `main`) in a child process that
// prints the findings as one JSON document. Its CLI's CSV report is not usable: it writes the
// header and the rows with two concurrent async writes to the same file, so under load the header
// can land on top of the rows (seen in CI as a torn row).
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PKG = join(ROOT, 'node_modules', '@doyensec', 'electronegativity');
const ELECTRON_VERSION = (
  JSON.parse(await readFile(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

interface Allowed {
  check: string;
  file: string;
  reason: string;
}

/** Runs in the child: the scanner's own API, findings out as JSON on stdout. */
const SCAN_SCRIPT = `
const run = require(process.argv[1]);
run({ input: process.argv[2], isRelative: true, electronVersionOverride: process.argv[3],
      isVerbose: false, customScan: [], excludeFromScan: [], parserPlugins: [] }, false)
  .then((r) => {
    const out = { errors: r.errors.length, findings: r.issues.map((i) => ({
      check: i.id, severity: i.severity.name, confidence: i.confidence.name,
      file: String(i.file), location: i.location.line + ':' + i.location.column,
      sample: i.sample === undefined ? '' : String(i.sample) })) };
    process.stdout.write('@@FINDINGS@@' + JSON.stringify(out) + '\\n');
  }, (e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });
`;

describe('Electronegativity', () => {
  let dir: string;
  let findings: Finding[];
  let log: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-tray-electronegativity-'));
    const scan = join(dir, 'scan');
    // The main process and the preload (the code that holds Electron's privileges) and the
    // renderer with its page (its CSP).
    for (const part of ['main', 'preload', 'renderer']) {
      await cp(join(ROOT, 'src', part), join(scan, 'src', part), {
        recursive: true,
        filter: (p) => !p.endsWith('.test.ts'),
      });
    }
    await mkdir(join(scan, 'canary'), { recursive: true });
    await writeFile(
      join(scan, 'canary', 'bad-window.js'),
      "const { BrowserWindow } = require('electron');\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
    );
    const closed = 'http://127.0.0.1:9';
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', SCAN_SCRIPT, PKG, scan, ELECTRON_VERSION],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: dir,
            HTTP_PROXY: closed,
            HTTPS_PROXY: closed,
            http_proxy: closed,
            https_proxy: closed,
          },
          timeout: 90_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (err, out, stderr) => {
          log = out + stderr;
          if (err) reject(new Error(`electronegativity failed: ${stderr}`));
          else resolve(out);
        },
      );
    });
    const line = stdout.split('\n').find((l) => l.startsWith('@@FINDINGS@@'));
    expect(line, `no findings line in the scanner's output:\n${log}`).toBeDefined();
    const report = JSON.parse(line!.slice('@@FINDINGS@@'.length)) as {
      errors: number;
      findings: Finding[];
    };
    expect(report.errors).toBe(0);
    findings = report.findings.map((f) => ({ ...f, file: f.file.replace(/^\/+/, '') }));
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the scanner works: it reports the canary window as HIGH', () => {
    const canary = findings.filter((f) => f.file.endsWith('canary/bad-window.js'));
    expect(canary.filter((f) => f.severity === 'HIGH').map((f) => f.check)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']),
    );
    expect(log).not.toMatch(/Error: |TypeError/);
  });

  it("finds the page's Content-Security-Policy (no 'no CSP' finding)", () => {
    const csp = findings.filter((f) => f.check === 'CSP_GLOBAL_CHECK');
    expect(csp.map((f) => f.file)).toEqual(['src/renderer/index.html']);
    expect(csp.map((f) => f.severity)).not.toContain('MEDIUM');
  });

  it('no HIGH finding in src/main, src/preload or src/renderer outside the documented allow-list', async () => {
    const allow = (
      JSON.parse(
        await readFile(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8'),
      ) as { allowed: Allowed[] }
    ).allowed;
    for (const a of allow) expect(a.reason.length, `${a.check} ${a.file}`).toBeGreaterThan(40);
    const high = findings.filter(
      (f) => f.severity === 'HIGH' && !f.file.endsWith('canary/bad-window.js'),
    );
    const unexplained = high.filter(
      (f) => !allow.some((a) => a.check === f.check && f.file.endsWith(a.file)),
    );
    expect(unexplained).toEqual([]);
    // An allow-list entry that no longer matches anything is stale and should go.
    const stale = allow.filter(
      (a) => !high.some((f) => f.check === a.check && f.file.endsWith(a.file)),
    );
    expect(stale).toEqual([]);
  });
});
