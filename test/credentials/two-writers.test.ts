// Two processes write different profiles into one credentials file 200 times each while this test
// reads it continuously: every read is a complete file and neither loses the other's profile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listWrittenProfiles } from '../../src/main/core/credentials/credentials-file';
import { bundleWriter } from './fixtures/bundle';
import { checkFile } from './fixtures/check';

let dir: string;
let writer: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-writers-'));
  writer = await bundleWriter(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

it('two writer processes never lose each other\u2019s profile; readers always see a whole file', async () => {
  const home = join(dir, 'home');
  const file = join(dir, 'credentials');
  const handWritten = '# keep me\r\n[default]\r\naws_access_key_id = AKIAKEEP\r\n';
  writeFileSync(file, handWritten);
  const N = 200;
  let finished = 0;
  const writers = [
    run([home, file, 'alpha_A', String(N)]),
    run([home, file, 'beta_B', String(N)]),
  ].map((p) => p.finally(() => finished++));
  let reads = 0;
  const seen = { alpha_A: -1, beta_B: -1 };
  while (finished < 2) {
    const found = checkFile(readFileSync(file, 'utf8'), handWritten, ['alpha_A', 'beta_B']);
    for (const p of ['alpha_A', 'beta_B'] as const) {
      const i = found[p];
      if (i !== undefined) {
        // once written, a profile never disappears and never goes back to an older write
        expect(i).toBeGreaterThanOrEqual(seen[p]);
        seen[p] = i;
      } else {
        expect(seen[p]).toBe(-1);
      }
    }
    reads++;
    await new Promise((r) => setImmediate(r));
  }
  for (const r of await Promise.all(writers)) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  expect(reads).toBeGreaterThan(10);
  expect(checkFile(readFileSync(file, 'utf8'), handWritten, ['alpha_A', 'beta_B'])).toEqual({
    alpha_A: N - 1,
    beta_B: N - 1,
  });
  const recorded = await listWrittenProfiles({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: file });
  expect(recorded.map((p) => p.profileName).sort()).toEqual(['alpha_A', 'beta_B']);
});

it('two writers that both find a stale, empty lock (a crash) take it over safely and lose nothing', async () => {
  const home = join(dir, 'home-stale');
  const file = join(dir, 'credentials-stale');
  const handWritten = '# keep me\n';
  writeFileSync(file, handWritten);
  // left by a writer that crashed between creating the lock and filling it, a minute ago
  writeFileSync(`${file}.lock`, '');
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${file}.lock`, old, old);
  const N = 50;
  const results = await Promise.all([
    run([home, file, 'gamma_G', String(N)]),
    run([home, file, 'delta_D', String(N)]),
  ]);
  for (const r of results) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  expect(checkFile(readFileSync(file, 'utf8'), handWritten, ['gamma_G', 'delta_D'])).toEqual({
    gamma_G: N - 1,
    delta_D: N - 1,
  });
  expect(existsSync(`${file}.lock`)).toBe(false);
});
