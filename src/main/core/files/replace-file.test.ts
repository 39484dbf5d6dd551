import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commitTemp,
  createTemp,
  discardTemp,
  isTempOf,
  replaceFile,
  replaceFileSync,
  writeHead,
  writeTemp,
} from './replace-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'replace-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (p: string): number => statSync(p).mode & 0o777;

// The async and the sync replace make the same promises.
const variants = [
  ['replaceFile', replaceFile],
  [
    'replaceFileSync',
    // async: an error thrown by the sync call becomes a rejection, as with replaceFile
    async (...args: Parameters<typeof replaceFileSync>) => replaceFileSync(...args),
  ],
] as const;

for (const [name, replace] of variants) {
  describe(name, () => {
    it('writes the exact bytes, 0600 in folders created 0700, leaving no temp file', async () => {
      const path = join(dir, 'a', 'b', 'f.json');
      await replace(path, '{"k": "é"}\n');
      expect(readFileSync(path, 'utf8')).toBe('{"k": "é"}\n');
      expect(modeOf(path)).toBe(0o600);
      expect(modeOf(join(dir, 'a'))).toBe(0o700);
      expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
      expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['f.json']);
    });

    it('replaces a 0644 file with a 0600 one whatever the umask, and honours an explicit mode', async () => {
      const path = join(dir, 'f');
      writeFileSync(path, 'old', { mode: 0o644 });
      const umask = process.umask(0o077);
      try {
        await replace(path, 'new', { mode: 0o640 });
      } finally {
        process.umask(umask);
      }
      expect(readFileSync(path, 'utf8')).toBe('new');
      expect(modeOf(path)).toBe(0o640);
      await replace(path, Buffer.from('bytes'), { durable: false });
      expect(readFileSync(path, 'utf8')).toBe('bytes');
      expect(modeOf(path)).toBe(0o600);
    });

    it('leaves the target and the folder as they were when the rename fails', async () => {
      const path = join(dir, 'taken');
      mkdirSync(path);
      writeFileSync(join(path, 'inside'), 'keep');
      await expect(replace(path, 'x')).rejects.toMatchObject({ code: expect.any(String) });
      expect(readdirSync(dir)).toEqual(['taken']);
      expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('keep');
    });
  });
}

describe('isTempOf', () => {
  it('knows the temp names of one target and nothing else', () => {
    expect(isTempOf('credentials', '.credentials.0123456789abcdef.tmp')).toBe(true);
    expect(isTempOf('credentials', '.credentials.0123456789abcde.tmp')).toBe(false);
    expect(isTempOf('credentials', '.config.0123456789abcdef.tmp')).toBe(false);
    expect(isTempOf('credentials', 'credentials')).toBe(false);
    expect(isTempOf('credentials', '.credentials.0123456789ABCDEF.tmp')).toBe(false);
  });
});

describe('writeTemp and commitTemp', () => {
  it('write bytes given in parts one after the other, and run `alongside` once renamed', async () => {
    const path = join(dir, 'credentials');
    writeFileSync(path, 'old');
    const parts = [Buffer.from('[a]\n'), new Uint8Array(0), Buffer.from('k=é\n'), Buffer.from('z')];
    const tmp = await writeTemp(path, parts);
    expect(readFileSync(tmp, 'utf8')).toBe('[a]\nk=é\nz');
    expect(modeOf(tmp)).toBe(0o600);
    let seen: string | undefined;
    await commitTemp(tmp, path, {}, async () => {
      seen = readFileSync(path, 'utf8');
    });
    expect(seen).toBe('[a]\nk=é\nz');
    expect(readdirSync(dir)).toEqual(['credentials']);
  });

  it('writes only what follows a head written early, when the content begins with it', async () => {
    const path = join(dir, 'credentials');
    const read = Buffer.from('[a]\nk=1\n[b]\nk=2\n[c]\nk=3\n');
    const temp = writeHead(createTemp(path), read.subarray(0, 8));
    // once the head is written, changing its memory shows whether it is written again
    await temp.head?.written;
    read[0] = 0x28; // '('
    // the content as an edit of one section makes it: parts of what was read around a new part
    const tmp = await writeTemp(
      path,
      [read.subarray(0, 8), Buffer.from('[b]\nk=22\n'), read.subarray(16)],
      {},
      undefined,
      temp,
    );
    expect(readFileSync(tmp, 'utf8')).toBe('[a]\nk=1\n[b]\nk=22\n[c]\nk=3\n');
    expect(read[0]).toBe(0x28);
    expect(modeOf(tmp)).toBe(0o600);
  });

  it('writes the whole content over a head it does not begin with, longer or shorter', async () => {
    const path = join(dir, 'credentials');
    const read = Buffer.from('0123456789abcdef');
    for (const content of ['xyz', 'the whole content, longer than the head']) {
      // equal bytes elsewhere in memory are not the head: only the same memory is trusted
      const temp = writeHead(createTemp(path), read.subarray(0, 10));
      const tmp = await writeTemp(path, [Buffer.from(content)], {}, undefined, temp);
      expect(readFileSync(tmp, 'utf8')).toBe(content);
      rmSync(tmp);
    }
    const copy = writeHead(createTemp(path), read.subarray(0, 10));
    const tmp = await writeTemp(path, Buffer.from(read), {}, undefined, copy);
    expect(readFileSync(tmp, 'utf8')).toBe('0123456789abcdef');
  });

  it('leaves nothing behind when a temp file with a head is discarded', async () => {
    const path = join(dir, 'credentials');
    await discardTemp(writeHead(createTemp(path), Buffer.from('[a]\n')));
    expect(readdirSync(dir)).toEqual([]);
  });
});
