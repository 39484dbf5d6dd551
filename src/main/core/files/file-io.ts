// Small pieces shared by the file writers of this folder: FILE errors, errno codes, decoding
// checked text, and reading or writing a whole buffer through an open handle.
import { isAscii } from 'node:buffer';
import { promises as fs } from 'node:fs';
import { SsoTrayError } from '../errors';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text of the checked UTF-8 bytes [from, to) (a BOM stays in it). When they are known to be
 * ASCII, a latin1 copy: the same text, and quicker to make.
 */
export function decodeText(
  bytes: Uint8Array,
  ascii: boolean,
  from = 0,
  to = bytes.byteLength,
): string {
  if (!ascii) return utf8.decode(bytes.subarray(from, to));
  const buf = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.toString('latin1', from, to);
}

/** The largest file SSO Tray edits (AWS files are a few kilobytes; 5 MB is plenty). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function fileError(message: string, cause?: unknown): SsoTrayError {
  return new SsoTrayError('FILE', message, cause === undefined ? undefined : { cause });
}

export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

// Big read buffers are kept for the next read (`pooled` reads, given back with giveBack): an
// edit of a credentials file of megabytes reads it twice, and fresh megabytes at every write keep
// the garbage collector busy (V8 counts the memory of buffers too). Small ones are cheap to make.
// A profile write edits two big files at once (the credentials file, and the record of written
// profiles once it holds thousands), each needing two buffers: one remembered, one read.
const SPARE_MIN_BYTES = 256 * 1024;
const MAX_SPARES = 4;
const spares: ArrayBuffer[] = [];

/** Pooled memory is made in steps of this, so a file that grows a little still fits. */
const SPARE_STEP = 64 * 1024;

function newBuffer(size: number, pooled: boolean): Buffer {
  if (pooled && size >= SPARE_MIN_BYTES) {
    const k = spares.findIndex((b) => b.byteLength >= size);
    const spare = k === -1 ? undefined : spares.splice(k, 1)[0];
    // its own memory (Node pools only buffers of a few kilobytes), so it can be given back whole
    const memory = spare ?? new ArrayBuffer(Math.ceil(size / SPARE_STEP) * SPARE_STEP);
    return Buffer.from(memory, 0, size);
  }
  return Buffer.allocUnsafe(size);
}

// Work on the megabytes of a file done while other work waits for its callbacks (an edit that
// compares and keeps a big file while its record is written) goes in slices, letting those
// callbacks run in between: the main thread is never held for long.
const SLICE_BYTES = 256 * 1024;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The parts joined in one buffer, pooled like a pooled readAll's (given back with giveBack),
 * copied a slice at a time. Big ones go into memory given back before; into fresh memory only
 * when `fresh` (undefined otherwise): fresh megabytes cost more to fill than such a copy saves
 * once, so a process that writes a file only once (the command line) never pays for it.
 */
export async function joinPooled(
  parts: readonly Uint8Array[],
  fresh = true,
): Promise<Buffer | undefined> {
  const size = byteCount(parts);
  const spare = size < SPARE_MIN_BYTES || spares.some((b) => b.byteLength >= size);
  if (!spare && !fresh) return undefined;
  const buf = newBuffer(size, true);
  let at = 0;
  for (const part of parts) {
    for (let from = 0; from < part.length; from += SLICE_BYTES) {
      if (at > 0) await breathe();
      const slice = part.subarray(from, from + SLICE_BYTES);
      buf.set(slice, at);
      at += slice.length;
    }
  }
  return buf;
}

/** How many bytes `data` holds, whole or in parts. */
export function byteCount(data: Uint8Array | readonly Uint8Array[]): number {
  return data instanceof Uint8Array ? data.length : data.reduce((n, b) => n + b.length, 0);
}

/** Whether `bytes` hold a zero byte and whether they are all ASCII, a slice at a time. */
export async function nulAndAscii(bytes: Uint8Array): Promise<{ nul: boolean; ascii: boolean }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let ascii = true;
  for (let from = 0; from < buf.length; from += SLICE_BYTES) {
    if (from > 0) await breathe();
    const slice = buf.subarray(from, from + SLICE_BYTES);
    if (slice.includes(0)) return { nul: true, ascii: false };
    ascii &&= isAscii(slice);
  }
  return { nul: false, ascii };
}

/**
 * Gives the memory of bytes a pooled readAll returned back for the next read. Nothing may use
 * them afterwards (nor any part of them).
 */
export function giveBack(bytes: Uint8Array): void {
  const memory = bytes.buffer;
  if (!(memory instanceof ArrayBuffer) || memory.byteLength < SPARE_MIN_BYTES) return;
  if (spares.includes(memory)) return;
  spares.push(memory);
  // keep the largest
  if (spares.length > MAX_SPARES) spares.sort((a, b) => b.byteLength - a.byteLength).pop();
}

/**
 * Reads the whole open file, at most MAX_FILE_BYTES + 1 bytes (more means too large, for the
 * caller to report); `size` (from fstat) sizes the buffer, so usually one read. `pooled`: in a
 * kept buffer, which the caller gives back (giveBack) once done with the bytes.
 */
export async function readAll(
  handle: fs.FileHandle,
  size: number,
  pooled = false,
): Promise<Buffer> {
  let buf = newBuffer(Math.min(size, MAX_FILE_BYTES) + 1, pooled);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      if (len > MAX_FILE_BYTES) break; // too large: reported by the caller
      const bigger = newBuffer(Math.min(buf.length * 2, MAX_FILE_BYTES + 1), pooled);
      buf.copy(bigger, 0, 0, len);
      if (pooled) giveBack(buf);
      buf = bigger;
    }
    const { bytesRead } = await handle.read(buf, len, buf.length - len, null);
    if (bytesRead === 0) break;
    len += bytesRead;
  }
  return buf.subarray(0, len);
}

/**
 * Writes all of `data` (in one write call unless the system writes less); the parts of an array
 * in order, in one gathering write, which saves joining them into one buffer first. At
 * `position` when given (the file's offset is then left as it was), else at the file's offset.
 */
export async function writeAll(
  handle: fs.FileHandle,
  data: Uint8Array | readonly Uint8Array[],
  position?: number,
): Promise<void> {
  let buf: Uint8Array;
  let skip = 0;
  if (data instanceof Uint8Array) buf = data;
  else {
    const total = byteCount(data);
    const { bytesWritten } = await handle.writev(data as Uint8Array[], position);
    if (bytesWritten === total) return;
    buf = Buffer.concat(data).subarray(bytesWritten); // the system wrote less: the rest
    skip = bytesWritten;
  }
  for (let off = 0; off < buf.length;) {
    const at = position === undefined ? null : position + skip + off;
    const { bytesWritten } = await handle.write(buf, off, buf.length - off, at);
    off += bytesWritten;
  }
}

/** The permission bits of the file at `path`, so a rewrite keeps them; 0600 for a new file. */
export async function existingFileMode(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).mode & 0o777;
  } catch {
    return 0o600;
  }
}
