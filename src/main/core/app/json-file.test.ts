import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'json-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the app JSON files', () => {
  it('are written as one line of JSON, 0600 in a 0700 folder, and read back', async () => {
    const path = join(dir, 'accounts', 'x.json');
    await writeJsonFile(path, { a: [1, 'é'] });
    expect(readFileSync(path, 'utf8')).toBe('{"a":[1,"é"]}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'accounts')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'accounts'))).toEqual(['x.json']);
    expect(await readJsonFile(path)).toEqual({ a: [1, 'é'] });
  });

  it('read a missing or damaged file as absent', async () => {
    expect(await readJsonFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"a":');
    expect(await readJsonFile(join(dir, 'bad.json'))).toBeUndefined();
  });
});
