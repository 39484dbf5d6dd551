// Electronegativity (Doyensec's static scanner for Electron misconfigurations) over the main
// process. Any HIGH finding not in the documented allow-list fails the test. It runs offline:
// the scanner's attempts to fetch translations and Electron releases fail quietly (and are
// pointed at a closed port so they fail at once); the Electron version is given explicitly.
// A canary file with a known-bad window is scanned too, so a scanner that finds nothing (broken
// install, changed output) cannot pass silently.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
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

/** RFC 4180-ish CSV: quoted fields with "" escapes; unquoted fields end at the next comma. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

describe('Electronegativity', () => {
  let dir: string;
  let findings: Finding[];
  let log: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-tray-electronegativity-'));
    const scan = join(dir, 'scan');
    await cp(join(ROOT, 'src', 'main'), join(scan, 'src', 'main'), {
      recursive: true,
      filter: (p) => !p.endsWith('.test.ts'),
    });
    await mkdir(join(scan, 'canary'), { recursive: true });
    await writeFile(
      join(scan, 'canary', 'bad-window.js'),
      "const { BrowserWindow } = require('electron');\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
    );
    const out = join(dir, 'report.csv');
    const closed = 'http://127.0.0.1:9';
    log = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [BIN, '-i', scan, '-o', out, '-e', ELECTRON_VERSION, '-r', '-v', 'false'],
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
        },
        (err, stdout, stderr) =>
          err ? reject(new Error(`electronegativity failed: ${stderr}`)) : resolve(stdout + stderr),
      );
    });
    const rows = parseCsv(await readFile(out, 'utf8'));
    expect(rows[0]?.map((h) => h.trim()).slice(0, 6)).toEqual([
      'issue',
      'severity',
      'confidence',
      'filename',
      'location',
      'sample',
    ]);
    findings = rows.slice(1).map((r) => ({
      check: r[0]!.trim(),
      severity: r[1]!.trim(),
      confidence: r[2]!.trim(),
      file: r[3]!.trim().replace(/^\/+/, ''),
      location: r[4]!.trim(),
      sample: r[5]!.trim(),
    }));
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

  it('no HIGH finding in src/main outside the documented allow-list', async () => {
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
