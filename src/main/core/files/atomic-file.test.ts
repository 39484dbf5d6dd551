// editFileAtomically: the edit, the atomic replace, modes, links and refusals (the lock file it
// takes: atomic-file-lock.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  editFileAtomically,
  editFileContent,
  readFileOrMemo,
  type FileContent,
} from './atomic-file';
import { isSsoTrayError } from '../errors';
import { LOCK_STALE_MS } from './file-lock';
import { FakeClock } from '../testing/fake-clock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (p: string): number => statSync(p).mode & 0o777;
const append =
  (line: string) =>
  (t: string | null): string =>
    (t ?? '') + line + '\n';

async function expectRefused(path: string, pattern: RegExp): Promise<void> {
  const before = existsSync(path) && statSync(path).isFile() ? readFileSync(path) : undefined;
  let calls = 0;
  const err = await editFileAtomically(path, () => {
    calls++;
    return 'new';
  }).catch((e: unknown) => e);
  expect(isSsoTrayError(err, 'FILE')).toBe(true);
  expect(String((err as Error).message)).toMatch(pattern);
  expect(calls).toBe(0);
  if (before) expect(readFileSync(path).equals(before)).toBe(true);
  expect(
    readdirSync(join(path, '..')).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock')),
  ).toEqual([]);
}

describe('editFileAtomically', () => {
  it('creates missing folders 0700 and the file 0600, passing null for a missing file', async () => {
    const path = join(dir, 'a', 'b', 'credentials');
    let seen: string | null | undefined;
    const r = await editFileAtomically(path, (t) => {
      seen = t;
      return 'x\n';
    });
    expect(seen).toBeNull();
    expect(r).toEqual({ changed: true, path });
    expect(readFileSync(path, 'utf8')).toBe('x\n');
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
  });

  it('leaves mode 0600 even when the old file was 0644, and honours an explicit mode', async () => {
    const path = join(dir, 'credentials');
    writeFileSync(path, 'old\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    await editFileAtomically(path, append('new'));
    expect(readFileSync(path, 'utf8')).toBe('old\nnew\n');
    expect(modeOf(path)).toBe(0o600);
    await editFileAtomically(path, append('more'), { mode: 0o640 });
    expect(modeOf(path)).toBe(0o640);
  });

  it('replaces the target of a symlink and keeps the link', async () => {
    const real = join(dir, 'real', 'credentials');
    mkdirSync(join(dir, 'real'));
    writeFileSync(real, 'a\n');
    const link = join(dir, 'link');
    symlinkSync(real, link);
    const r = await editFileAtomically(link, append('b'));
    expect(r.path).toBe(real);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('a\nb\n');
  });

  it('follows a relative, dangling symlink and creates its target', async () => {
    const link = join(dir, 'link');
    symlinkSync('sub/target', link);
    await editFileAtomically(link, () => 'x');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'sub', 'target'), 'utf8')).toBe('x');
  });

  it('writes nothing when edit returns null or the same text', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'same', { mode: 0o644 });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(path, old, old);
    expect(await editFileAtomically(path, () => null)).toEqual({ changed: false, path });
    expect(await editFileAtomically(path, (t) => t)).toEqual({ changed: false, path });
    expect(statSync(path).mtimeMs).toBe(old.getTime());
    expect(await editFileAtomically(join(dir, 'missing'), () => null)).toMatchObject({
      changed: false,
    });
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    // the temp file made while the edit ran is gone again
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('refuses binary data, invalid UTF-8, directories and files over 5 MB, untouched', async () => {
    const bin = join(dir, 'bin');
    writeFileSync(bin, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0x01]));
    await expectRefused(bin, /binary/);
    const latin1 = join(dir, 'latin1');
    writeFileSync(latin1, Buffer.from('[caf\xe9]\n', 'latin1'));
    await expectRefused(latin1, /UTF-8/);
    const sub = join(dir, 'adir');
    mkdirSync(sub);
    await expectRefused(sub, /directory/);
    const big = join(dir, 'big');
    writeFileSync(big, 'a'.repeat(5 * 1024 * 1024 + 1));
    await expectRefused(big, /5 MB/);
  });

  it('says which folder it cannot make, when a file stands where a folder should be', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const err = await editFileAtomically(join(blocker, 'sub', 'f'), () => 'new\n').catch(
      (e: unknown) => e,
    );
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot create the folder .*not-a-folder.sub: ENOTDIR/);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  // A named pipe nobody writes to would block a reader that opened it waiting for a writer.
  it.skipIf(process.platform === 'win32')('refuses a named pipe at once, untouched', async () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expectRefused(fifo, /not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  // Tests run as root here; root reads a chmod 000 file anyway, so this case only runs elsewhere.
  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'x');
    chmodSync(path, 0o000);
    await expectRefused(path, /permission denied/);
  });

  it('gives edit the text of ASCII and of UTF-8 files exactly as written', async () => {
    const ascii = Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1)).join('');
    for (const text of [
      `[a]\nk=${ascii}\n`,
      '[a]\nk=caf\u00e9 \u2028 \u{1f600}\n',
      '\ufeff[a]\n',
    ]) {
      const path = join(dir, 'text');
      writeFileSync(path, text);
      let seen: string | null = null;
      await editFileAtomically(path, (t) => {
        seen = t;
        return null;
      });
      expect(seen).toBe(text);
    }
  });

  it('keeps a UTF-8 BOM and CRLF exactly as they were', async () => {
    const path = join(dir, 'bom');
    writeFileSync(path, '\ufeff[a]\r\nk=1\r\n');
    let seen = '';
    await editFileAtomically(path, (t) => {
      seen = t ?? '';
      return t + 'x\r\n';
    });
    expect(seen).toBe('\ufeff[a]\r\nk=1\r\n');
    expect(readFileSync(path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('re-runs edit on the new content when someone else changed the file meanwhile', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'base\n');
    const seen: Array<string | null> = [];
    await editFileAtomically(path, (t) => {
      seen.push(t);
      // a writer that ignores our lock (an editor, the AWS CLI) saves in between
      if (seen.length === 1) writeFileSync(path, 'base\nforeign\n');
      return (t ?? '') + 'mine\n';
    });
    expect(seen).toEqual(['base\n', 'base\nforeign\n']);
    expect(readFileSync(path, 'utf8')).toBe('base\nforeign\nmine\n');
  });

  it('gives up with a clear error when the file keeps changing, leaving the other version', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, '0');
    let n = 0;
    const err = await editFileAtomically(path, (t) => {
      writeFileSync(path, String(++n));
      return `${t}-mine`;
    }).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(String(n));
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('passes errors thrown by edit through and leaves no temp or lock file', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'keep');
    await expect(
      editFileAtomically(path, () => {
        throw new Error('refused by caller');
      }),
    ).rejects.toThrow('refused by caller');
    expect(readFileSync(path, 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('loses no change when many edits of one file run at once in one process', async () => {
    const path = join(dir, 'f');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => editFileAtomically(path, append(`line ${i}`))),
    );
    const lines = readFileSync(path, 'utf8').trim().split('\n').sort();
    expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i}`).sort());
  });

  it('takes over a lock left by a dead process and removes its orphan temp file', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'a\n');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: dead, nonce: 'x' }));
    writeFileSync(join(dir, '.f.0123456789abcdef.tmp'), 'half-written secret');
    writeFileSync(join(dir, '.f.not-ours.tmp'), 'left alone');
    await editFileAtomically(path, append('b'));
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    expect(readdirSync(dir).sort()).toEqual(['.f.not-ours.tmp', 'f']);
  });

  it('removes what killed writers left beside the file at its first edit, then every stale age', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'a\n');
    const clock = new FakeClock(1_000_000);
    const left = (n: string) => writeFileSync(join(dir, n), 'left');
    const names = () => readdirSync(dir).sort();
    left('.f.0123456789abcdef.tmp');
    left('f.lock.0123456789abcdef');
    await editFileAtomically(path, append('b'), { clock });
    expect(names()).toEqual(['f']);
    // a lock file half made by a writer killed since: left until the stale age has passed
    left('f.lock.fedcba9876543210');
    clock.t += LOCK_STALE_MS - 1;
    await editFileAtomically(path, append('c'), { clock });
    expect(names()).toEqual(['f', 'f.lock.fedcba9876543210']);
    clock.t += 1;
    await editFileAtomically(path, append('d'), { clock });
    expect(names()).toEqual(['f']);
    // a writer killed with its temp file also left its lock: found stale, both go at once
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: dead, nonce: 'x' }));
    left('.f.00112233445566ff.tmp');
    await editFileAtomically(path, append('e'), { clock });
    expect(names()).toEqual(['f']);
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\nd\ne\n');
  });

  it('takes over a lock older than the stale age even if its pid looks alive', async () => {
    const path = join(dir, 'f');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, nonce: 'x' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await editFileAtomically(path, append('b'));
    expect(readFileSync(path, 'utf8')).toBe('b\n');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('waits for a fresh lock held by a live process', async () => {
    const path = join(dir, 'f');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, nonce: 'held' }));
    let done = false;
    const p = editFileAtomically(path, append('b')).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    expect(existsSync(path)).toBe(false);
    rmSync(`${path}.lock`);
    await p;
    expect(readFileSync(path, 'utf8')).toBe('b\n');
  });

  it('edits what the file holds once the lock is free, not what it held before waiting', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'before\n');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, nonce: 'held' }));
    const seen: Array<string | null> = [];
    const p = editFileAtomically(path, (t) => {
      seen.push(t);
      return (t ?? '') + 'mine\n';
    });
    await new Promise((r) => setTimeout(r, 150));
    // the lock holder saves its version (same size, so only the identity tells), then lets go
    writeFileSync(`${path}.new`, 'b4fore\n');
    renameSync(`${path}.new`, path);
    rmSync(`${path}.lock`);
    await p;
    expect(seen).toEqual(['b4fore\n']);
    expect(readFileSync(path, 'utf8')).toBe('b4fore\nmine\n');
  });

  it('refuses, untouched, a version someone saved as binary data while edit ran', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'text\n');
    const err = await editFileAtomically(path, (t) => {
      writeFileSync(path, Buffer.from([0x61, 0x00, 0x62]));
      return (t ?? '') + 'mine\n';
    }).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect(String((err as Error).message)).toMatch(/binary data/);
    expect(readFileSync(path).equals(Buffer.from([0x61, 0x00, 0x62]))).toBe(true);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('reads and writes a multi-megabyte UTF-8 file byte for byte', async () => {
    const path = join(dir, 'f');
    const big = Array.from({ length: 40_000 }, (_, i) => `line ${i} ünïcödé ✓ 日本語`).join('\n');
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    writeFileSync(path, big);
    const seen: string[] = [];
    await editFileAtomically(path, (t) => {
      seen.push(t ?? '');
      return (t ?? '') + '\nend ✓';
    });
    expect(seen).toEqual([big]);
    expect(readFileSync(path).equals(Buffer.from(big + '\nend ✓', 'utf8'))).toBe(true);
  });
});

describe('what this process wrote last', () => {
  const text = (file: FileContent | null) => (file === null ? null : file.text());

  it('hands an edit the memo of the write before while the file holds exactly those bytes', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'a\n');
    const memo = { scanned: 'a b' };
    const seen: Array<{ text: string | null; memo: object | undefined }> = [];
    const edit = (next: string, give?: object) => (file: FileContent | null) => {
      seen.push({ text: text(file), memo: file?.memo });
      return { text: next, ...(give && { memo: give }) };
    };
    await editFileContent(path, edit('a\nb\n', memo));
    await editFileContent(path, edit('a\nb\nc\n'));
    // replaced by someone else with as many bytes: another file, read from disk, no memo
    await editFileContent(path, edit('x\n', memo));
    writeFileSync(join(dir, 'other'), 'y\n');
    renameSync(join(dir, 'other'), path);
    await editFileContent(path, edit('y\nz\n'));
    expect(seen).toEqual([
      { text: 'a\n', memo: undefined },
      { text: 'a\nb\n', memo },
      { text: 'a\nb\nc\n', memo: undefined },
      { text: 'y\n', memo: undefined },
    ]);
    expect(readFileSync(path, 'utf8')).toBe('y\nz\n');
  });

  it('edits what a lock holder left, not what it wrote itself before waiting for the lock', async () => {
    const path = join(dir, 'f');
    await editFileContent(path, () => ({ text: 'mine\n' }));
    // another process holds the lock, replaces the file with as many bytes, and lets go
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, nonce: 'held' }));
    const seen: Array<string | null> = [];
    const p = editFileContent(path, (file) => {
      seen.push(text(file));
      return { text: `${text(file) ?? ''}more\n` };
    });
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(join(dir, 'other'), 'them\n');
    renameSync(join(dir, 'other'), path);
    rmSync(`${path}.lock`);
    await p;
    // looked at again once the lock was its own: edited once, on the holder's version
    expect(seen).toEqual(['them\n']);
    expect(readFileSync(path, 'utf8')).toBe('them\nmore\n');
  });

  it('writes the start an edit keeps while it makes the rest, and whatever it returns instead', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'keep this\nchange this\n');
    // the edit says it keeps the first line, and does
    await editFileContent(path, (file) => {
      file?.keepHead?.(10);
      return file === null
        ? null
        : { bytes: [file.bytes.subarray(0, 10), Buffer.from('changed\n')] };
    });
    expect(readFileSync(path, 'utf8')).toBe('keep this\nchanged\n');
    // it says so, then returns something shorter that does not begin with it
    await editFileContent(path, (file) => {
      file?.keepHead?.(15);
      return { text: 'x\n' };
    });
    expect(readFileSync(path, 'utf8')).toBe('x\n');
    // someone changes the file while it is edited: the edit runs again on theirs
    writeFileSync(path, 'aaaa\nbbbb\n');
    let runs = 0;
    await editFileContent(path, (file) => {
      runs++;
      if (runs === 1) writeFileSync(path, 'AAAA\nbbbb\n');
      file?.keepHead?.(5);
      return file === null ? null : { bytes: [file.bytes.subarray(0, 5), Buffer.from('cccc\n')] };
    });
    expect(runs).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('AAAA\ncccc\n');
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('never loses a change made in place right after its write, of the same size', async () => {
    // Written at once, such a change may keep the size, inode and times the write left (their
    // clock ticks coarsely): the comparison read before the rename must catch it then.
    const path = join(dir, 'f');
    writeFileSync(path, '');
    let expected = '';
    for (let k = 0; k < 40; k++) {
      await editFileAtomically(path, (t) => `${t ?? ''}${k % 10}\n`);
      expected += `${k % 10}\n`;
      const bytes = readFileSync(path);
      bytes[0] = 0x61 + (k % 26); // the first line, overwritten where it is
      writeFileSync(path, bytes, { flag: 'r+' });
      expected = String.fromCharCode(0x61 + (k % 26)) + expected.slice(1);
      expect(readFileSync(path, 'utf8')).toBe(expected);
    }
    await editFileAtomically(path, (t) => `${t ?? ''}end\n`);
    expect(readFileSync(path, 'utf8')).toBe(`${expected}end\n`);
  });

  it('edits the file, not what it remembers, when the two differ under the same identity', async () => {
    // A change that keeps the file's identity cannot be made on purpose (ctime is the kernel's),
    // so the remembered bytes are changed instead, through an edit that writes nothing.
    const path = join(dir, 'f');
    writeFileSync(path, 'base\n');
    await editFileAtomically(path, (t) => `${t ?? ''}mine\n`);
    await editFileContent(path, (file) => {
      expect(Buffer.from(file?.bytes ?? []).toString()).toBe('base\nmine\n');
      file?.bytes.set(Buffer.from('BASE'), 0);
      return null;
    });
    const seen: Array<string | null> = [];
    await editFileAtomically(path, (t) => {
      seen.push(t);
      return `${t ?? ''}more\n`;
    });
    expect(seen).toEqual(['BASE\nmine\n', 'base\nmine\n']);
    expect(readFileSync(path, 'utf8')).toBe('base\nmine\nmore\n');
  });

  it('edits the target of a symbolic link put where a file it wrote was, keeping the link', async () => {
    // once written, the path is not resolved again: the link is found when the file is looked at
    const path = join(dir, 'credentials');
    writeFileSync(path, 'a\n');
    await editFileAtomically(path, append('b'));
    // elsewhere, a file of the same size; or the very file this process wrote, moved (same inode)
    mkdirSync(join(dir, 'real'));
    const other = join(dir, 'real', 'other');
    writeFileSync(other, 'x\ny\n');
    rmSync(path);
    symlinkSync(other, path);
    expect(await editFileAtomically(path, append('c'))).toEqual({ changed: true, path: other });
    expect(readFileSync(other, 'utf8')).toBe('x\ny\nc\n');
    rmSync(path);
    writeFileSync(path, 'a\n');
    await editFileAtomically(path, append('b'));
    const moved = join(dir, 'real', 'moved');
    renameSync(path, moved);
    symlinkSync(moved, path);
    await editFileAtomically(path, append('c'));
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readFileSync(moved, 'utf8')).toBe('a\nb\nc\n');
    expect(readdirSync(dir).sort()).toEqual(['credentials', 'real']);
  });

  it('says when the new content is in place, while the lock is still held', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'old\n');
    const seen: Array<{ text: string; locked: boolean }> = [];
    await editFileContent(path, () => ({
      text: 'new\n',
      renamed: () =>
        seen.push({
          text: readFileSync(path, 'utf8'),
          locked: lstatSync(`${path}.lock`, { throwIfNoEntry: false }) !== undefined,
        }),
    }));
    expect(seen).toEqual([{ text: 'new\n', locked: true }]);
    expect(lstatSync(`${path}.lock`, { throwIfNoEntry: false })).toBeUndefined();
  });

  it('readFileOrMemo answers with what it wrote while the file keeps that identity', async () => {
    const path = join(dir, 'record.json');
    await expect(readFileOrMemo(path)).rejects.toMatchObject({ code: 'ENOENT' });
    writeFileSync(path, '[1]');
    expect(await readFileOrMemo(path)).toEqual({ text: '[1]' });
    await editFileAtomically(path, () => '[1,2]');
    // the remembered bytes are changed (an edit that writes nothing sees them): answered from
    // memory, so the file is not read
    await editFileContent(path, (file) => {
      file?.bytes.set(Buffer.from('[3'), 0);
      return null;
    });
    expect(await readFileOrMemo(path)).toEqual({ text: '[3,2]' });
    // written with a memo: the memo, not the text
    const memo = { parsed: [6, 7] };
    await editFileContent(path, () => ({ text: '[6,7]', memo }));
    const read = await readFileOrMemo(path);
    expect(read.memo).toBe(memo);
    expect(read.text).toBeUndefined();
    // replaced by someone else, with as many bytes: read
    writeFileSync(join(dir, 'other'), '[4,5]');
    renameSync(join(dir, 'other'), path);
    expect(await readFileOrMemo(path)).toEqual({ text: '[4,5]' });
  });

  it('forgets a write when the edit after it fails, and a write that is not text', async () => {
    const path = join(dir, 'f');
    const memos: Array<object | undefined> = [];
    const edit = (next: Uint8Array | string) => (file: FileContent | null) => {
      memos.push(file?.memo);
      if (next === 'fail') throw new Error('refused by caller');
      return typeof next === 'string' ? { text: next, memo: {} } : { bytes: next, memo: {} };
    };
    await editFileContent(path, edit('a\n'));
    await expect(editFileContent(path, edit('fail'))).rejects.toThrow('refused by caller');
    await editFileContent(path, edit('b\n'));
    await editFileContent(path, edit(Buffer.from([0x61, 0x00])));
    await expect(editFileContent(path, edit('c\n'))).rejects.toThrow(/binary data/);
    expect(memos.map((m) => m !== undefined)).toEqual([false, true, false, true]);
    expect(readFileSync(path).equals(Buffer.from([0x61, 0x00]))).toBe(true);
  });
});
