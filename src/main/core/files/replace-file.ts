// The one way SSO Tray replaces a file atomically: the new content goes to a temp file in the same
// folder (created exclusively, with the file's mode whatever the umask), is flushed to disk, and
// is renamed over the target, so a reader sees the old file or the new one, never a mix, and a
// crash leaves at most a temp file that the next edit removes. Every writer uses it: the locked
// edits of the AWS files (atomic-file.ts), the SSO token cache, the app's JSON files and the
// settings file (the one synchronous writer: the settings store's interface is synchronous).
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  promises as fs,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { byteCount, writeAll } from './file-io';

export interface ReplaceOptions {
  /** The file's mode (default 0o600: most of what SSO Tray writes is private). */
  mode?: number;
  /** The mode of folders created on the way (default 0o700). */
  dirMode?: number;
  /**
   * Flush the new file and its folder entry to disk before returning (default true). Without it
   * the replace is still atomic (readers and a crashed process see the old or the new file), but
   * a power cut right after may lose the change. Only for the app's own metadata, never for a
   * user's file.
   */
  durable?: boolean;
}

/** The options with their defaults filled in. */
export function replaceDefaults(options: ReplaceOptions): Required<ReplaceOptions> {
  return {
    mode: options.mode ?? 0o600,
    dirMode: options.dirMode ?? 0o700,
    durable: options.durable ?? true,
  };
}

/** Created exclusively: a temp name that exists already is never written through. */
const TEMP_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;

/**
 * `.<name>.<16 hex digits>.tmp` beside `target`. The digits come from the Web Crypto global,
 * which Node loads on first use: importing node:crypto here would load it (and its streams) in
 * every process that may write, a cached `credential-process` included, which never writes.
 */
function tempPath(target: string): string {
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  return join(dirname(target), `.${basename(target)}.${random}.tmp`);
}

/** Whether `entry` (a name in the target's folder) is a temp file of the target `name`. */
export function isTempOf(name: string, entry: string): boolean {
  const prefix = `.${name}.`;
  return (
    entry.startsWith(prefix) &&
    entry.endsWith('.tmp') &&
    /^[0-9a-f]{16}$/.test(entry.slice(prefix.length, -'.tmp'.length))
  );
}

/** What a replace writes: a text (written as UTF-8), its bytes, or its bytes in parts. */
export type FileData = string | Uint8Array | readonly Uint8Array[];

const bytesOf = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

/**
 * The folder `dir` opened to flush its entries later (commitTemp, which closes it), or undefined
 * where folders cannot be opened (Windows). Opened before the rename, it flushes the entries as
 * they are when flushed, the rename's included.
 */
export async function openFolder(dir: string): Promise<fs.FileHandle | undefined> {
  try {
    return await fs.open(dir, constants.O_RDONLY);
  } catch {
    return undefined;
  }
}

async function fsyncDir(dir: string, opened?: Promise<fs.FileHandle | undefined>): Promise<void> {
  const h = await (opened ?? openFolder(dir));
  try {
    await h?.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename stands.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // as in fsyncDir
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temp file beside its target, created before its content is known (createTemp). */
export interface TempFile {
  readonly path: string;
  /** Its handle, once created; rejects (nothing left behind) if it cannot be. */
  readonly handle: Promise<fs.FileHandle>;
  /** Bytes its content is to begin with, being written at its start already (writeHead). */
  readonly head?: { bytes: Uint8Array; written: Promise<void> };
}

/**
 * Starts writing `bytes` at the start of the temp file while the rest of its content is being
 * made. writeTemp then writes only what follows them, when the content begins with these very
 * bytes (the same memory: an edit's content made of parts of the bytes it read); otherwise it
 * writes the whole content over them. The bytes must stay as they are until then.
 */
export function writeHead(temp: TempFile, bytes: Uint8Array): TempFile {
  const written = temp.handle.then((h) => writeAll(h, bytes, 0));
  written.catch(() => undefined); // seen by writeTemp or discardTemp
  return { ...temp, head: { bytes, written } };
}

/**
 * What follows `head` in `data`, when `data` begins with those very bytes (its first part is the
 * same memory, at least as long); undefined otherwise.
 */
function afterHead(
  data: Uint8Array | readonly Uint8Array[],
  head: Uint8Array,
): Uint8Array[] | undefined {
  const parts = data instanceof Uint8Array ? [data] : data;
  const first = parts[0];
  if (
    first === undefined ||
    first.buffer !== head.buffer ||
    first.byteOffset !== head.byteOffset ||
    first.length < head.length
  ) {
    return undefined;
  }
  return [first.subarray(head.length), ...parts.slice(1)].filter((p) => p.length > 0);
}

/**
 * Creates a new temp file beside `target`, exclusively, with `mode` (narrowed by the umask until
 * writeTemp sets it exactly). No one can open it by its name meanwhile: created exclusively, 0600
 * or narrower, until it is renamed.
 */
export function createTemp(target: string, options: ReplaceOptions = {}): TempFile {
  const path = tempPath(target);
  const handle = fs.open(path, TEMP_FLAGS, replaceDefaults(options).mode);
  handle.catch(() => undefined); // seen by whoever uses or discards it
  return { path, handle };
}

/** Closes and removes a temp file that will not be used; never rejects. */
export async function discardTemp(temp: TempFile): Promise<void> {
  const h = await temp.handle.catch(() => undefined);
  if (h === undefined) return;
  // never closed while a write to it is under way (its descriptor could be someone else's then)
  await temp.head?.written.catch(() => undefined);
  await h.close().catch(() => undefined);
  await fs.unlink(temp.path).catch(() => undefined);
}

/**
 * The first step of a replace: writes `data` to a new temp file beside `target` (`temp`, made
 * by createTemp beforehand, or made now), flushed when `durable`. Returns its path; on failure
 * nothing is left behind and the fs error is thrown. `written` is called once the bytes are
 * written, before they are flushed (work that can wait for the disk).
 */
export async function writeTemp(
  target: string,
  data: FileData,
  options: ReplaceOptions = {},
  written?: () => void,
  temp: TempFile = createTemp(target, options),
): Promise<string> {
  const { mode, durable } = replaceDefaults(options);
  const h = await temp.handle;
  const head = temp.head;
  try {
    try {
      const bytes = typeof data === 'string' ? bytesOf(data) : data;
      const rest = head === undefined ? undefined : afterHead(bytes, head.bytes);
      let writing: Promise<unknown>;
      if (head === undefined) writing = writeAll(h, bytes);
      else if (rest !== undefined) {
        writing = Promise.all([head.written, writeAll(h, rest, head.bytes.length)]);
      } else {
        // the content does not begin with the head: written whole over it, and cut to its length
        writing = head.written
          .catch(() => undefined)
          .then(() => writeAll(h, bytes, 0))
          .then(() => h.truncate(byteCount(bytes)));
      }
      // the mode is set while the bytes are written (see createTemp): the umask may have narrowed
      // it, and a 0644 original must not leak
      const [chmod, write] = await Promise.allSettled([h.chmod(mode), writing]);
      if (chmod.status === 'rejected') throw chmod.reason;
      if (write.status === 'rejected') throw write.reason;
      written?.();
      if (durable) await h.sync();
    } finally {
      // never closed while a write to it is under way (see discardTemp)
      await head?.written.catch(() => undefined);
      await h.close();
    }
  } catch (e) {
    await fs.unlink(temp.path).catch(() => undefined);
    throw e;
  }
  return temp.path;
}

/**
 * The last step: renames `tmp` over `target`, then flushes the folder entry when `durable`
 * (through `folder`, opened beforehand by openFolder, if given: closed then), while `alongside`
 * runs (an edit releases its lock then: the new file is in place, and flushing the folder entry
 * needs no lock).
 */
export async function commitTemp(
  tmp: string,
  target: string,
  options: ReplaceOptions = {},
  alongside?: () => Promise<void>,
  folder?: Promise<fs.FileHandle | undefined>,
): Promise<void> {
  const close = async () => (await folder)?.close().catch(() => undefined);
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await close();
    throw e;
  }
  const durable = replaceDefaults(options).durable;
  await Promise.all([durable ? fsyncDir(dirname(target), folder) : close(), alongside?.()]);
}

/**
 * Replaces `path` with `data` atomically (creating missing folders with `dirMode`). Throws the
 * fs error when it cannot; the file is then as it was and no temp file is left.
 */
export async function replaceFile(
  path: string,
  data: string | Uint8Array,
  options: ReplaceOptions = {},
): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true, mode: replaceDefaults(options).dirMode });
  const tmp = await writeTemp(path, data, options);
  try {
    await commitTemp(tmp, path, options);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** replaceFile for a caller that cannot wait (the settings store): the same steps, blocking. */
export function replaceFileSync(
  path: string,
  data: string | Uint8Array,
  options: ReplaceOptions = {},
): void {
  const { mode, dirMode, durable } = replaceDefaults(options);
  mkdirSync(dirname(path), { recursive: true, mode: dirMode });
  const tmp = tempPath(path);
  const fd = openSync(tmp, TEMP_FLAGS, mode);
  try {
    try {
      fchmodSync(fd, mode);
      const buf = bytesOf(data);
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone (renamed, or never written)
    }
    throw e;
  }
  if (durable) fsyncDirSync(dirname(path));
}
