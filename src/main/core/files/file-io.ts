// Small pieces shared by the file writers of this folder: FILE errors, errno codes, and reading
// or writing a whole buffer through an open handle.
import { promises as fs } from 'node:fs';
import { SsoTrayError } from '../errors';

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

/**
 * Reads the whole open file, at most MAX_FILE_BYTES + 1 bytes (more means too large, for the
 * caller to report); `size` (from fstat) sizes the buffer, so usually one read.
 */
export async function readAll(handle: fs.FileHandle, size: number): Promise<Buffer> {
  let buf = Buffer.allocUnsafe(Math.min(size, MAX_FILE_BYTES) + 1);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      if (len > MAX_FILE_BYTES) break; // too large: reported by the caller
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, MAX_FILE_BYTES + 1));
      buf.copy(bigger, 0, 0, len);
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
 * in order, in one gathering write, which saves joining them into one buffer first.
 */
export async function writeAll(
  handle: fs.FileHandle,
  data: Uint8Array | readonly Uint8Array[],
): Promise<void> {
  let buf: Uint8Array;
  if (data instanceof Uint8Array) buf = data;
  else {
    const total = data.reduce((n, b) => n + b.length, 0);
    const { bytesWritten } = await handle.writev(data as Uint8Array[]);
    if (bytesWritten === total) return;
    buf = Buffer.concat(data).subarray(bytesWritten); // the system wrote less: the rest
  }
  for (let off = 0; off < buf.length;) {
    const { bytesWritten } = await handle.write(buf, off, buf.length - off, null);
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
