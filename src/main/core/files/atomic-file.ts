// Atomic, concurrency-safe edits of a user's file:
//  - reads `path` (following a symlink to its target), calls `edit` with its text (null when the
//    file does not exist), writes the result to a temp file in the same directory, fsyncs, checks
//    the file did not change since it was read (retrying `edit` on the new content if it did),
//    and renames over the target (replace-file.ts). The result file has `mode` (default 0o600);
//    missing parent directories are created with `dirMode` (default 0o700).
//  - `edit` returning null means "no change": nothing is written. It may be async: it runs while
//    the lock is held, so what it does before returning happens before the rename. It may return
//    the new text with its bytes already made (NewContent: an INI edit splices them from the bytes
//    read) and work that must be done before the rename (a writer records what it is about to
//    write, see credentials/written-profiles.ts), which runs while the new file is flushed.
//  - throws SsoTrayError('FILE', clear message) when it cannot edit safely; the file is untouched.
//
// How writers cooperate: every edit holds the advisory lock `<target>.lock` (file-lock.ts, with
// its deadline) from the read to the rename, so two SSO Tray processes never lose each other's
// change. Writers that ignore the lock (an editor, the AWS CLI) are caught by the
// compare-before-rename check. Readers never need the lock: rename replaces the file
// atomically, so a reader sees the old or the new file, never a mix.

import { isAscii, isUtf8 } from 'node:buffer';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { systemClock, type SleepClock } from '../clock';
import { SsoTrayError } from '../errors';
import {
  MAX_FILE_BYTES,
  decodeText,
  errnoCode,
  fileError,
  giveBack,
  joinPooled,
  nulAndAscii,
  readAll,
} from './file-io';
import { LOCK_STALE_MS, acquireLock, isLockLeftover } from './file-lock';
import {
  commitTemp,
  createTemp,
  discardTemp,
  isTempOf,
  openFolder,
  replaceDefaults,
  writeTemp,
  type FileData,
  type ReplaceOptions,
  type TempFile,
  writeHead,
} from './replace-file';

export interface AtomicEditOptions extends ReplaceOptions {
  /** The time source and sleep used while waiting for the lock (tests pass a fake one). */
  clock?: SleepClock;
}

/** A new content: its text (encoded as UTF-8), or its UTF-8 bytes when the edit made them. */
export type NewContent = (
  | {
      text: string;
      /** Its UTF-8 bytes, when the edit made them (otherwise `text` is encoded). */
      bytes?: Uint8Array | readonly Uint8Array[];
    }
  | {
      /** Whole or in parts written one after the other. */
      bytes: Uint8Array | readonly Uint8Array[];
      text?: undefined;
    }
) & {
  /**
   * Runs while the new content is written and flushed, under the lock; the rename waits for it,
   * and an error from it leaves the file untouched (and is thrown).
   */
  beforeRename?: () => Promise<void>;
  /**
   * Called once the new content is in place (renamed), before the lock is released and the
   * folder flushed: whoever waits for the file to hold it need wait no longer.
   */
  renamed?: () => void;
  /**
   * What the edit knows of the new content (an INI edit: the scan of its lines), handed to the
   * next edit of the file in this process as FileContent.memo when the file still holds exactly
   * these bytes.
   */
  memo?: object;
};

export type EditOutcome = string | NewContent | null;

/** An edit: the current text (null: no file) and its bytes to the new content, or null. */
export type AtomicEdit = (
  current: string | null,
  bytes: Uint8Array,
) => EditOutcome | Promise<EditOutcome>;

/**
 * A file as an edit of its bytes sees it: checked to be UTF-8 text, decoded only when asked.
 * Valid while the edit runs (its bytes are in a buffer that is used again afterwards).
 */
export interface FileContent {
  readonly bytes: Uint8Array;
  /** Whether every byte is ASCII (then byte offsets are character offsets). */
  readonly ascii: boolean;
  /** The decoded text (a BOM stays in it), decoded on the first call. */
  text(): string;
  /** NewContent.memo of the edit that wrote exactly these bytes, when this process wrote them. */
  readonly memo?: object;
  /**
   * Says the new content will begin with the first `length` of these bytes (as parts of them,
   * see replace-file.ts writeHead): they are written to the new file while the edit goes on.
   */
  keepHead?(length: number): void;
}

/** An edit of the file's bytes (null: no file) to the new content, or null. */
export type AtomicContentEdit = (file: FileContent | null) => EditOutcome | Promise<EditOutcome>;

export interface AtomicEditResult {
  changed: boolean;
  /** The real path written (the symlink target when `path` is a symlink). */
  path: string;
}

const MAX_EDIT_ATTEMPTS = 5;

interface Snapshot extends RawSnapshot {
  /** null when the file does not exist. */
  content: FileContent | null;
}

/** Follows symlinks (also dangling ones) to the path that will really be replaced. */
async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = await fs.lstat(current);
    } catch (e) {
      // not there (yet); a file where a folder of its path should be is said when making that folder
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return current;
      throw fileError(`Cannot read ${current}: ${errnoCode(e) ?? 'error'}.`, e);
    }
    if (!st.isSymbolicLink()) return current;
    current = resolve(dirname(current), await fs.readlink(current));
  }
  throw fileError(`Too many symbolic links at ${path}.`);
}

/**
 * The path to replace turned out to be a symbolic link when looked at (it was not when resolved):
 * the edit starts again from resolving it. Never seen outside this module.
 */
class BecameLink extends Error {}

/** Opening a symbolic link fails (ELOOP) instead of following it, where the platform can say so. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** The file's bytes and identity, not yet checked to be text (see checkText). */
interface RawSnapshot {
  exists: boolean;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

const MISSING: RawSnapshot = {
  exists: false,
  bytes: Buffer.alloc(0),
  size: 0,
  mtimeMs: 0,
  ctimeMs: 0,
  ino: 0,
};

/**
 * Reads the file (a resolved path: a symbolic link there now throws BecameLink); its bytes are in
 * a pooled buffer when `pooled` (see file-io.ts giveBack).
 */
async function readRaw(path: string, pooled = false): Promise<RawSnapshot> {
  let handle;
  try {
    // Without blocking, opening a FIFO (or a device) returns at once: what it is is checked then.
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | NO_FOLLOW);
    const fst = await handle.stat();
    if (fst.isDirectory()) throw fileError(`${path} is a directory, not a file.`);
    if (!fst.isFile()) throw fileError(`${path} is not a regular file.`);
    if (fst.size > MAX_FILE_BYTES) {
      throw fileError(`${path} is larger than 5 MB; it does not look like an AWS file.`);
    }
    const bytes = await readAll(handle, fst.size, pooled);
    return {
      exists: true,
      bytes,
      size: fst.size,
      mtimeMs: fst.mtimeMs,
      ctimeMs: fst.ctimeMs,
      ino: fst.ino,
    };
  } catch (e) {
    if (e instanceof SsoTrayError) throw e;
    const code = errnoCode(e);
    // no such file, or a part of its path is not a folder (making the folder says so)
    if (code === 'ENOENT' || code === 'ENOTDIR') return MISSING;
    if (code === 'ELOOP' && NO_FOLLOW !== 0) throw new BecameLink();
    if (code === 'EISDIR') throw fileError(`${path} is a directory, not a file.`, e);
    if (code === 'EACCES' || code === 'EPERM') {
      throw fileError(`Cannot read ${path}: permission denied.`, e);
    }
    throw fileError(`Cannot read ${path}: ${code ?? 'error'}.`, e);
  } finally {
    await handle?.close();
  }
}

/**
 * Checks the bytes are an editable text file, without decoding them yet. `seen`: whether they
 * hold a zero byte and are all ASCII, when already known.
 */
function checkText(
  path: string,
  raw: RawSnapshot,
  seen?: { nul: boolean; ascii: boolean },
): Snapshot {
  if (!raw.exists) return { ...raw, content: null };
  const { bytes } = raw;
  if (bytes.length > MAX_FILE_BYTES) {
    throw fileError(`${path} is larger than 5 MB; it does not look like an AWS file.`);
  }
  if (seen?.nul ?? bytes.includes(0)) {
    throw fileError(`${path} contains binary data; it was left as is.`);
  }
  // ASCII (nearly every AWS file) is UTF-8; other bytes need the full check
  const ascii = seen?.ascii ?? isAscii(bytes);
  if (!ascii && !isUtf8(bytes)) {
    throw fileError(`${path} is not valid UTF-8 text; it was left as is.`);
  }
  let text: string | undefined;
  return { ...raw, content: { bytes, ascii, text: () => (text ??= decodeText(bytes, ascii)) } };
}

/**
 * Whether the file still has the identity (inode, size, mtime, ctime) it had in `snap`; a
 * symbolic link there now has another one.
 */
async function sameIdentity(path: string, snap: RawSnapshot): Promise<boolean> {
  try {
    const st = await fs.lstat(path);
    return (
      snap.exists &&
      st.isFile() &&
      st.ino === snap.ino &&
      st.size === snap.size &&
      st.mtimeMs === snap.mtimeMs &&
      st.ctimeMs === snap.ctimeMs
    );
  } catch (e) {
    return !snap.exists && errnoCode(e) === 'ENOENT';
  }
}

function sameSnapshot(a: RawSnapshot, b: RawSnapshot): boolean {
  if (a.exists !== b.exists) return false;
  if (!a.exists) return true;
  return (
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs &&
    a.ino === b.ino &&
    a.bytes.equals(b.bytes)
  );
}

/**
 * Removes temp files of our own naming left by writers that were killed mid-write (not `ours`,
 * the one this edit made already).
 */
async function removeOrphanTemps(dir: string, name: string, ours: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    entries
      .filter((n) => n !== ours && (isTempOf(name, n) || isLockLeftover(name, n)))
      .map((n) => fs.unlink(join(dir, n)).catch(() => undefined)),
  );
}

// Edits of the same file within one process queue up here instead of polling the lock file.
const queues = new Map<string, Promise<unknown>>();

// What this process last wrote to a file: its bytes, its identity right after the rename, and the
// edit's memo. The next edit uses them instead of reading the file when it still has that
// identity: a stat instead of reading megabytes, and for an INI edit no scan of them. That is
// safe for the same reason reading before the lock is: the comparison read before the rename
// reads the file whatever was used, so a change that kept its identity (a write within the same
// tick of the clock that kept its size) is caught there, and the edit is made again on it.
/** Files remembered at most (the credentials file, the config file and the record, mostly). */
const MAX_REMEMBERED = 4;
const remembered = new Map<string, Snapshot>();
/**
 * Files this process has written (the last few): from its second write of a file on, a copy is
 * kept even when it needs fresh memory (ownBytes). A process that writes a file once keeps none.
 */
const writtenBefore = new Map<string, true>();
/** Files writtenBefore and lastCleaned each keep at most (the newest). */
const MAX_FILES_TRACKED = 16;

// When this process last removed the leftovers of killed writers beside a file (clock time). A
// writer killed while it had a temp file also left its lock, held: the next edit finds it stale
// and cleans up at once. Lock files left half made are harmless, and removed within
// LOCK_STALE_MS by any edit, so an edit does not list the folder each time.
const lastCleaned = new Map<string, number>();

/** Sets `key` in `map` as its newest entry, dropping the oldest beyond `max`. */
function putNewest<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}

/**
 * The new content's bytes in a buffer of their own: `fresh` ones are (just encoded from a text);
 * an edit's bytes may be parts of a pooled read buffer, so they are copied, into pooled memory
 * (given back when the next write of the file is remembered in its place); undefined when that
 * would take fresh megabytes on the process's first write of the file (joinPooled): then
 * nothing is remembered.
 */
async function ownBytes(
  target: string,
  data: Uint8Array | readonly Uint8Array[],
  fresh: boolean,
): Promise<Buffer | undefined> {
  if (fresh && Buffer.isBuffer(data)) return data;
  return joinPooled(data instanceof Uint8Array ? [data] : data, writtenBefore.has(target));
}

/** What readFileOrMemo found: the memo of this process's write of the file, or its text. */
export type FileRead = { memo: object; text?: undefined } | { text: string; memo?: undefined };

/**
 * A file read without its lock, for a file SSO Tray alone writes (the record of written
 * profiles), whose writers always replace it. While the file still has the identity it had right
 * after this process wrote it (one lstat instead of reading it): the memo of that edit
 * (NewContent.memo) when it had one, otherwise the text it wrote. Otherwise the file's text as
 * read (as fs.readFile with 'utf8' does; its error when it cannot be read). Only a change made
 * in place, within the clock tick of that write, would keep the identity; an edit trusts the
 * identity the same way, but also compares the file before it replaces it.
 */
export async function readFileOrMemo(path: string): Promise<FileRead> {
  const key = resolve(path);
  const known = remembered.get(key);
  // still the remembered one after the wait: its bytes were not given back meanwhile
  if (known?.content && (await sameIdentity(key, known)) && remembered.get(key) === known) {
    const { memo } = known.content;
    return memo !== undefined ? { memo } : { text: known.content.text() };
  }
  return { text: await fs.readFile(path, 'utf8') };
}

export async function editFileAtomically(
  path: string,
  edit: AtomicEdit,
  options: AtomicEditOptions = {},
): Promise<AtomicEditResult> {
  return editFileContent(
    path,
    (file) => edit(file === null ? null : file.text(), file?.bytes ?? NO_BYTES),
    options,
  );
}

const NO_BYTES = new Uint8Array(0);

/** What to write for a new content: its bytes when the edit made them, else its text. */
function dataOf(content: NewContent): FileData {
  if (content.bytes !== undefined) return content.bytes;
  if (content.text !== undefined) return content.text;
  throw new Error('A new content has neither text nor bytes.'); // its type rules that out
}

/**
 * editFileAtomically for an edit of the file's bytes, which decodes the text only if it needs to
 * (an INI edit of one section decodes the part around it, ini-window.ts).
 */
export async function editFileContent(
  path: string,
  edit: AtomicContentEdit,
  options: AtomicEditOptions = {},
): Promise<AtomicEditResult> {
  const replace = replaceDefaults(options);
  const clock = options.clock ?? systemClock;
  const queued = async (target: string): Promise<AtomicEditResult> => {
    // begun at once when no other edit of the file is under way (its lock is then being taken
    // while the caller goes on)
    const prev = queues.get(target);
    const run =
      prev === undefined
        ? editLocked(target, edit, replace, clock)
        : prev.catch(() => undefined).then(() => editLocked(target, edit, replace, clock));
    queues.set(target, run);
    try {
      return await run;
    } finally {
      if (queues.get(target) === run) queues.delete(target);
    }
  };
  // A file this process wrote is not resolved again: it was no symbolic link when written, and
  // that it still is not is checked by every look at it (lstat, and opening without following a
  // link). Should it be one now, the edit starts again from resolving the path.
  const direct = resolve(path);
  try {
    return await queued(remembered.has(direct) ? direct : await resolveTarget(path));
  } catch (e) {
    if (!(e instanceof BecameLink)) throw e;
  }
  try {
    return await queued(await resolveTarget(path));
  } catch (e) {
    if (!(e instanceof BecameLink)) throw e;
    throw fileError(`${path} keeps being replaced by a symbolic link while SSO Tray writes it.`);
  }
}

async function editLocked(
  target: string,
  edit: AtomicContentEdit,
  replace: Required<ReplaceOptions>,
  clock: SleepClock,
): Promise<AtomicEditResult> {
  const { mode, dirMode } = replace;
  const dir = dirname(target);
  const name = basename(target);
  const makeDir = async (): Promise<void> => {
    try {
      await fs.mkdir(dir, { recursive: true, mode: dirMode });
    } catch (e) {
      throw fileError(`Cannot create the folder ${dir}: ${errnoCode(e) ?? 'error'}.`, e);
    }
  };
  // The file's bytes are read into pooled buffers (file-io.ts), given back once the edit is over:
  // what was written from them is on disk by then, and nothing else keeps them.
  const reads: RawSnapshot[] = [];
  const read = async (): Promise<RawSnapshot> => {
    const raw = await readRaw(target, true);
    reads.push(raw);
    return raw;
  };
  const giveBackReads = () => {
    for (const raw of reads.splice(0)) giveBack(raw.bytes);
  };
  // The file is read while its folder is made (if missing) and the lock is taken. When it cannot
  // be edited at all, the edit is refused at once: the wait for a lock someone else holds ends,
  // and a lock taken is let go.
  const stop = new AbortController();
  let foundStale = false;
  let contended = false;
  const locking = acquireLock(target, mode, clock, {
    signal: stop.signal,
    makeFolder: makeDir,
    foundStale: () => {
      foundStale = true;
    },
    contended: () => {
      contended = true;
    },
  });
  // handled below, after the read; until then, a failure must not count as unhandled
  locking.catch(() => undefined);
  let early: Snapshot;
  let looked: Promise<boolean>;
  let acquired: () => Promise<void>;
  try {
    try {
      // what this process wrote last is used as it was read (see `still`)
      const known = remembered.get(target);
      early = known ?? checkText(target, await read());
    } catch (e) {
      stop.abort(e);
      await locking.then(
        (releaseLock) => releaseLock(),
        () => undefined,
      );
      throw e;
    }
    looked = sameIdentity(target, early);
    acquired = await locking;
  } catch (e) {
    giveBackReads();
    throw e;
  }
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    await acquired();
  };
  let tmp: string | undefined;
  // What was read or remembered is edited if the file still has its identity. It was looked at
  // while the lock was being taken; when someone held the lock then, it is looked at again now
  // (the holder may have replaced the file before letting go). Either way the comparison read
  // before the rename decides: a change this look missed only makes the edit run again.
  // The temp file for the new content is made while the file is edited (removed unused if
  // nothing is written), as are the other steps that need no content: leftovers of killed
  // writers are removed when due (see lastCleaned; not that temp file; it never rejects), and
  // the folder is opened to flush the rename, so only its flush follows the rename.
  const still = contended ? sameIdentity(target, early) : looked;
  let unused: TempFile | undefined = createTemp(target, replace);
  const now = clock.now();
  const due = foundStale || !(now - (lastCleaned.get(target) ?? -Infinity) < LOCK_STALE_MS);
  if (due) putNewest(lastCleaned, target, now, MAX_FILES_TRACKED);
  const cleaned = due ? removeOrphanTemps(dir, name, basename(unused.path)) : Promise.resolve();
  const folder = replace.durable ? openFolder(dir) : undefined;
  let committed = false;
  try {
    // What was read before the lock is edited if the file still looks the same; should its
    // content have changed anyway, the byte-for-byte comparison before the rename catches it.
    let snap = early;
    if (!(await still)) {
      if (remembered.get(target) === early) remembered.delete(target); // changed since written
      snap = checkText(target, await read());
    }
    // The first attempt's temp file can be written the unchanged start of the file while the
    // edit makes the rest (keepHead); a later attempt writes its content whole.
    const headed = (content: FileContent | null): FileContent | null =>
      content === null
        ? null
        : {
            ...content,
            keepHead: (length) => {
              if (unused === undefined || unused.head !== undefined || length <= 0) return;
              unused = writeHead(unused, content.bytes.subarray(0, length));
            },
          };
    let next = await edit(headed(snap.content));
    for (let attempt = 1; ; attempt++) {
      if (next === null || (typeof next === 'string' && next === snap.content?.text())) {
        return { changed: false, path: target };
      }
      const content = typeof next === 'string' ? { text: next } : next;
      // Writing and flushing the new file (the slow part), the writer's work before the rename
      // and reading the file again to compare are independent: they run at once. The file's
      // identity is checked once more right before the rename (a change after the comparison
      // read changes its mtime and ctime, or its inode).
      await cleaned;
      const data = dataOf(content);
      const encoded = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      // Once the new bytes are written, while they are flushed (the disk's work, which leaves the
      // cores free): the file is read again, and what was written is kept to be remembered.
      let wrote = () => {};
      const bytesWritten = new Promise<void>((r) => (wrote = r));
      const temp = unused ?? createTemp(target, replace);
      unused = undefined;
      const writing = writeTemp(target, encoded, replace, wrote, temp);
      writing.then(wrote, wrote);
      const keeping = bytesWritten.then(async () => {
        const own = await ownBytes(target, encoded, encoded !== data);
        return own === undefined ? undefined : keepable(target, own, content.memo);
      });
      const base = snap;
      const rereading = (replace.durable ? bytesWritten.then(read) : read()).then((now) => ({
        now,
        same: sameSnapshot(base, now),
      }));
      const [written, before, reread, kept] = await Promise.allSettled([
        writing,
        content.beforeRename?.(),
        rereading,
        keeping,
      ]);
      if (written.status === 'fulfilled') tmp = written.value;
      if (written.status === 'rejected') throw written.reason;
      if (before.status === 'rejected') throw before.reason;
      if (reread.status === 'rejected') throw reread.reason;
      let now = reread.value.now;
      if (reread.value.same) {
        if (await sameIdentity(target, now)) {
          // the lock is released once the new file is in place (and its identity known), while
          // its folder is flushed
          const keep = kept.status === 'fulfilled' ? kept.value : undefined;
          committed = true;
          await commitTemp(
            written.value,
            target,
            replace,
            async () => {
              content.renamed?.();
              await Promise.all([rememberWritten(target, keep), release()]);
            },
            folder,
          );
          tmp = undefined;
          return { changed: true, path: target };
        }
        now = await read(); // changed right after the comparison
      }
      // Someone who does not take our lock changed the file meanwhile: edit their version.
      const theirs = checkText(target, now);
      await fs.unlink(written.value).catch(() => undefined);
      tmp = undefined;
      if (attempt >= MAX_EDIT_ATTEMPTS) {
        throw fileError(`${target} keeps changing while SSO Tray writes it; try again.`);
      }
      snap = theirs;
      next = await edit(snap.content);
    }
  } catch (e) {
    remembered.delete(target);
    const code = errnoCode(e);
    if (e instanceof SsoTrayError || code === undefined) throw e; // e.g. thrown by `edit`
    throw fileError(`Cannot write ${target}: ${code}.`, e);
  } finally {
    if (tmp !== undefined) await fs.unlink(tmp).catch(() => undefined);
    if (unused !== undefined) await discardTemp(unused);
    // closed by commitTemp once used
    if (!committed) await (await folder)?.close().catch(() => undefined);
    await cleaned;
    await release();
    giveBackReads();
  }
}

/** The written bytes as a snapshot to remember, without an identity yet; undefined if not text. */
async function keepable(
  target: string,
  bytes: Buffer,
  memo: object | undefined,
): Promise<Snapshot | undefined> {
  let snap: Snapshot;
  try {
    const raw = { ...MISSING, exists: true, bytes, size: bytes.length };
    snap = checkText(target, raw, await nulAndAscii(bytes));
  } catch {
    return undefined; // not editable text: the next edit reads it and says so
  }
  const content = snap.content;
  return content === null ? undefined : { ...snap, content: { ...content, memo } };
}

/**
 * Remembers `kept`, just renamed into place at `target`, with the identity it has there. The
 * bytes remembered before are this edit's to give back: only edits of `target` use them, one at
 * a time, and this one is done with them (written, compared). Forgotten ones are left to the
 * garbage collector, since another edit may still be reading them.
 */
async function rememberWritten(target: string, kept: Snapshot | undefined): Promise<void> {
  putNewest(writtenBefore, target, true, MAX_FILES_TRACKED);
  const before = remembered.get(target);
  remembered.delete(target);
  if (before !== undefined && before.bytes !== kept?.bytes) giveBack(before.bytes);
  if (kept === undefined) return;
  try {
    const st = await fs.lstat(target);
    if (!st.isFile() || st.size !== kept.size) return;
    const snap = { ...kept, ino: st.ino, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
    putNewest(remembered, target, snap, MAX_REMEMBERED);
  } catch {
    // not remembered: the next edit reads the file
  }
}
