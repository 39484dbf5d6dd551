// readAll's pooled buffers: big reads reuse the memory given back, and only that; and the work on
// megabytes done a slice at a time gives what it would in one go.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { giveBack, joinPooled, nulAndAscii, readAll } from './file-io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-io-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function readFile(path: string, pooled: boolean): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    return await readAll(handle, (await handle.stat()).size, pooled);
  } finally {
    await handle.close();
  }
}

describe('readAll', () => {
  const big = Buffer.alloc(600 * 1024, 'a');

  it('reads big files into memory given back before, and never into memory in use', async () => {
    const path = join(dir, 'big');
    writeFileSync(path, big);
    const first = await readFile(path, true);
    const second = await readFile(path, true);
    expect(second.buffer).not.toBe(first.buffer); // the first is still in use
    giveBack(first);
    const third = await readFile(path, true);
    expect(third.buffer).toBe(first.buffer);
    expect(third.equals(big)).toBe(true);
    // given back twice, still handed out once
    giveBack(second);
    giveBack(second);
    const a = await readFile(path, true);
    const b = await readFile(path, true);
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.equals(big) && b.equals(big)).toBe(true);
  });

  it('reads a file bigger than the memory given back into new memory, whole', async () => {
    const path = join(dir, 'big');
    writeFileSync(path, big);
    giveBack(await readFile(path, true));
    const bigger = Buffer.alloc(big.length * 2, 'b');
    writeFileSync(path, bigger);
    expect((await readFile(path, true)).equals(bigger)).toBe(true);
  });

  it('never reads into memory given back unless the read is pooled', async () => {
    const path = join(dir, 'big');
    writeFileSync(path, big);
    const pooled = await readFile(path, true);
    giveBack(pooled);
    expect((await readFile(path, false)).buffer).not.toBe(pooled.buffer);
    expect((await readFile(path, true)).buffer).toBe(pooled.buffer);
  });
});

describe('work on megabytes, a slice at a time', () => {
  // sizes around the slice (256 KiB) and many of them, a difference or a byte anywhere
  const sizes = [0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 3 * 256 * 1024 + 17];

  it('joins parts and checks bytes as Buffer.concat, includes and isAscii do', async () => {
    for (const size of sizes) {
      const bytes = Buffer.alloc(size, 'x');
      const cut = Math.floor(size / 3);
      const parts = [bytes.subarray(0, cut), Buffer.from('é'), bytes.subarray(cut)];
      giveBack(Buffer.from(new ArrayBuffer(size + 1024))); // memory to join big ones into
      expect((await joinPooled(parts))?.equals(Buffer.concat(parts))).toBe(true);
      expect(await nulAndAscii(bytes)).toEqual({ nul: false, ascii: true });
      for (const at of size === 0 ? [] : [0, cut, size - 1]) {
        const other = Buffer.from(bytes);
        other[at] = 0;
        expect(await nulAndAscii(other)).toEqual({ nul: true, ascii: false });
        other[at] = 0xc3;
        expect(await nulAndAscii(other)).toEqual({ nul: false, ascii: false });
      }
    }
  });
});

describe('joinPooled', () => {
  it('joins megabytes into memory given back, and into fresh memory only when told', async () => {
    const parts = [Buffer.alloc(300 * 1024, 'a'), Buffer.alloc(300 * 1024, 'b')];
    // whatever earlier reads gave back is taken first
    while ((await joinPooled(parts, false)) !== undefined);
    expect(await joinPooled(parts, false)).toBeUndefined();
    expect((await joinPooled(parts, true))?.equals(Buffer.concat(parts))).toBe(true);
    const memory = new ArrayBuffer(700 * 1024);
    giveBack(Buffer.from(memory));
    const joined = await joinPooled(parts, false);
    expect(joined?.buffer).toBe(memory);
    expect(joined?.equals(Buffer.concat(parts))).toBe(true);
    // small ones need no memory given back
    expect((await joinPooled([Buffer.from('ab'), Buffer.from('c')], false))?.toString()).toBe(
      'abc',
    );
  });
});
