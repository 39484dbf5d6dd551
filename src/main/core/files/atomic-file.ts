// Atomic, concurrency-safe edits of a user's file.
// CONTRACT (implementation owned by the credentials work; signature is fixed):
//  - reads `path` (following a symlink to its target), calls `edit` with its text (null when the
//    file does not exist), writes the result to a temp file in the same directory, fsyncs, checks
//    the file did not change since it was read (retrying `edit` on the new content if it did),
//    and renames over the target. The result file has `mode` (default 0o600); missing parent
//    directories are created with `dirMode` (default 0o700).
//  - `edit` returning null means "no change": nothing is written. It may be async: it runs while
//    the lock is held, so what it does before returning happens before the rename (a writer
//    records what it is about to write there, see credentials/written-profiles.ts).
//  - throws SsoTrayError('FILE', clear message) when it cannot edit safely; the file is untouched.
//
// How writers cooperate: every edit holds an advisory lock file `<target>.lock` (created with
// its content in one step, holding pid, host name and a nonce) from the read to the rename, so
// two SSO Tray processes never lose each other's change. Writers that ignore the lock (an editor,
// the AWS CLI) are caught by the compare-before-rename check. Readers never need the lock: rename
// replaces the file atomically, so a reader sees the old or the new file, never a mix.
//
// Waiting for the lock (the deadline is part of the contract, also stated in SECURITY.md):
//  - a lock is stale, and taken over, when it is older than LOCK_STALE_MS (10 s; no edit holds
//    it that long), or when it names a process of this host that is gone. An empty or garbled
//    lock (a crash while it was created) and a lock from another host (its pid cannot be checked
//    here) become stale by age only;
//  - any other lock is waited for, sleeping between attempts, for at most LOCK_WAIT_MS (30 s)
//    from the first attempt; then the edit fails with SsoTrayError('FILE') naming the lock file,
//    and the file is untouched. So every lock state ends in the write or in that error.
//  - taking over is safe when several processes do it at once (see takeOver).

import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { SsoTrayError } from '../errors';

export interface AtomicEditOptions {
  mode?: number;
  dirMode?: number;
  /**
   * Flush the new file and its directory entry to disk before returning (default true). Without
   * it the replace is still atomic (readers and a crashed process see the old or the new file),
   * but a power cut right after may lose the change. Only for the app's own metadata, never for a
   * user's file.
   */
  durable?: boolean;
  /** The time source and sleep used while waiting for the lock (tests pass a fake one). */
  clock?: LockClock;
}

/** What waiting for a lock needs from time: the current time (epoch ms) and a sleep. */
export interface LockClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: LockClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface AtomicEditResult {
  changed: boolean;
  /** The real path written (the symlink target when `path` is a symlink). */
  path: string;
}

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A lock older than this is stale whoever holds it. */
export const LOCK_STALE_MS = 10_000;
/** How long an edit waits for the lock, at most, before it fails with a FILE error. */
export const LOCK_WAIT_MS = 30_000;
const MAX_EDIT_ATTEMPTS = 5;

interface Snapshot {
  exists: boolean;
  bytes: Buffer;
  text: string | null;
  size: number;
  mtimeMs: number;
  ino: number;
}

function fileError(message: string, cause?: unknown): SsoTrayError {
  return new SsoTrayError('FILE', message, cause === undefined ? undefined : { cause });
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** Follows symlinks (also dangling ones) to the path that will really be replaced. */
async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = await fs.lstat(current);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return current;
      throw fileError(`Cannot read ${current}: ${errnoCode(e) ?? 'error'}.`, e);
    }
    if (!st.isSymbolicLink()) return current;
    current = resolve(dirname(current), await fs.readlink(current));
  }
  throw fileError(`Too many symbolic links at ${path}.`);
}

/** The file's bytes and identity, not yet checked to be text (see checkText). */
interface RawSnapshot {
  exists: boolean;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  ino: number;
}

const MISSING: RawSnapshot = { exists: false, bytes: Buffer.alloc(0), size: 0, mtimeMs: 0, ino: 0 };

/** Reads the whole open file; the size from fstat sizes the buffer, so usually one read. */
async function readAll(handle: fs.FileHandle, size: number): Promise<Buffer> {
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

/** Writes all of `buf` (in one write call unless the system writes less). */
async function writeAll(handle: fs.FileHandle, buf: Buffer): Promise<void> {
  for (let off = 0; off < buf.length;) {
    const { bytesWritten } = await handle.write(buf, off, buf.length - off, null);
    off += bytesWritten;
  }
}

async function readRaw(path: string): Promise<RawSnapshot> {
  let handle;
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw fileError(`${path} is a directory, not a file.`);
    if (!st.isFile()) throw fileError(`${path} is not a regular file.`);
    if (st.size > MAX_FILE_BYTES) {
      throw fileError(`${path} is larger than 5 MB; it does not look like an AWS file.`);
    }
    handle = await fs.open(path, constants.O_RDONLY);
    const fst = await handle.stat();
    const bytes = await readAll(handle, fst.size);
    return { exists: true, bytes, size: fst.size, mtimeMs: fst.mtimeMs, ino: fst.ino };
  } catch (e) {
    if (e instanceof SsoTrayError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT') return MISSING;
    if (code === 'EISDIR') throw fileError(`${path} is a directory, not a file.`, e);
    if (code === 'EACCES' || code === 'EPERM') {
      throw fileError(`Cannot read ${path}: permission denied.`, e);
    }
    throw fileError(`Cannot read ${path}: ${code ?? 'error'}.`, e);
  } finally {
    await handle?.close();
  }
}

/** Checks the bytes are an editable text file and decodes them. */
function checkText(path: string, raw: RawSnapshot): Snapshot {
  if (!raw.exists) return { ...raw, text: null };
  const { bytes } = raw;
  if (bytes.length > MAX_FILE_BYTES) {
    throw fileError(`${path} is larger than 5 MB; it does not look like an AWS file.`);
  }
  if (bytes.includes(0)) throw fileError(`${path} contains binary data; it was left as is.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    throw fileError(`${path} is not valid UTF-8 text; it was left as is.`, e);
  }
  return { ...raw, text };
}

async function readSnapshot(path: string): Promise<Snapshot> {
  return checkText(path, await readRaw(path));
}

/** Whether the file still has the identity (inode, size, mtime) it had when `snap` was read. */
async function sameIdentity(path: string, snap: Snapshot): Promise<boolean> {
  try {
    const st = await fs.stat(path);
    return (
      snap.exists &&
      st.isFile() &&
      st.ino === snap.ino &&
      st.size === snap.size &&
      st.mtimeMs === snap.mtimeMs
    );
  } catch (e) {
    return !snap.exists && errnoCode(e) === 'ENOENT';
  }
}

function sameSnapshot(a: RawSnapshot, b: RawSnapshot): boolean {
  if (a.exists !== b.exists) return false;
  if (!a.exists) return true;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.bytes.equals(b.bytes);
}

async function fsyncDir(dir: string): Promise<void> {
  let h;
  try {
    h = await fs.open(dir, constants.O_RDONLY);
    await h.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename stands.
  } finally {
    await h?.close();
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/** What a lock file says about its holder (JSON); any field may be missing in a damaged lock. */
interface LockRecord {
  pid: number;
  host: string;
  nonce: string;
}

/** A lock file as read through one open handle: its identity, its bytes and what they say. */
interface SeenLock {
  ino: number;
  size: number;
  mtimeMs: number;
  bytes: Buffer;
  /** undefined for an empty or garbled lock (a writer died between creating and filling it). */
  record: Partial<LockRecord> | undefined;
}

const MAX_LOCK_BYTES = 4096;

function parseLockRecord(bytes: Buffer): Partial<LockRecord> | undefined {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const o = v as Record<string, unknown>;
    const record: Partial<LockRecord> = {};
    if (typeof o.pid === 'number') record.pid = o.pid;
    if (typeof o.host === 'string') record.host = o.host;
    if (typeof o.nonce === 'string') record.nonce = o.nonce;
    return record;
  } catch {
    return undefined;
  }
}

/** Reads the lock at `lockPath`; undefined when there is none (any more). */
async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  let handle;
  try {
    handle = await fs.open(lockPath, constants.O_RDONLY);
    const st = await handle.stat();
    if (!st.isFile()) {
      throw fileError(
        `${lockPath} is in the way of SSO Tray's lock file and is not a file; remove it and try again.`,
      );
    }
    const bytes = await readAll(handle, Math.min(st.size, MAX_LOCK_BYTES));
    const body = bytes.subarray(0, MAX_LOCK_BYTES);
    return {
      ino: st.ino,
      size: st.size,
      mtimeMs: st.mtimeMs,
      bytes: body,
      record: parseLockRecord(body),
    };
  } catch (e) {
    if (e instanceof SsoTrayError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT') return undefined;
    throw fileError(`Cannot read the lock file ${lockPath}: ${code ?? 'error'}.`, e);
  } finally {
    await handle?.close();
  }
}

function sameLock(a: SeenLock, b: SeenLock): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.bytes.equals(b.bytes);
}

/**
 * Whether a lock can be taken over. Age decides first: a lock older than LOCK_STALE_MS (or dated
 * that far in the future) is stale whoever holds it, since no edit holds it that long and its pid
 * may have been reused. Otherwise only a lock of this host whose process is gone is stale; an
 * empty or garbled lock, or one from another host (its pid means nothing here), waits for its age.
 */
function isStale(lock: SeenLock, now: number): boolean {
  if (Math.abs(now - lock.mtimeMs) > LOCK_STALE_MS) return true;
  const r = lock.record;
  if (r === undefined || r.pid === undefined) return false;
  // Locks written before the host was recorded came from this machine.
  if (r.host !== undefined && r.host !== hostname()) return false;
  return !processAlive(r.pid);
}

/**
 * Removes the stale lock `seen`, safely against others doing the same at the same moment: the lock
 * is moved aside under a name of our own, then compared with what was judged stale. If another
 * process cleared that one and took a fresh lock in between, the fresh lock is what got moved:
 * it is put back (the link fails if yet another lock exists; the compare-before-rename check
 * covers that). Returns whether the judged lock is gone.
 */
async function takeOver(lockPath: string, seen: SeenLock, nonce: string): Promise<boolean> {
  const aside = `${lockPath}.${nonce}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (e) {
    return errnoCode(e) === 'ENOENT'; // someone else cleared it first
  }
  let moved: SeenLock | undefined;
  try {
    moved = await readLock(aside);
  } catch {
    moved = undefined;
  }
  const judged = moved !== undefined && sameLock(moved, seen);
  if (moved !== undefined && !judged) await fs.link(aside, lockPath).catch(() => undefined);
  await fs.unlink(aside).catch(() => undefined);
  return judged || moved === undefined;
}

/**
 * Creates the lock file with its content in one step: the content goes to `<lock>.<nonce>` first,
 * then a hard link puts it in place (link fails if the lock exists, like O_EXCL). A writer killed
 * at any moment so never leaves an empty lock that others would have to wait out. File systems
 * without hard links fall back to O_EXCL (where a crash can leave an empty lock: its age decides).
 */
async function tryCreateLock(lockPath: string, nonce: string, mode: number): Promise<string> {
  const record: LockRecord = { pid: process.pid, host: hostname(), nonce };
  const content = JSON.stringify(record);
  const staging = `${lockPath}.${nonce}`;
  try {
    await fs.writeFile(staging, content, { mode, flag: 'wx' });
    try {
      await fs.link(staging, lockPath);
      return 'ok';
    } catch (e) {
      const code = errnoCode(e) ?? 'error';
      if (code === 'EEXIST') return code;
      if (code === 'ENOENT') return 'EEXIST'; // staging removed by a cleanup: just try again
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') return code;
    } finally {
      await fs.unlink(staging).catch(() => undefined);
    }
    await fs.writeFile(lockPath, content, { mode, flag: 'wx' });
    return 'ok';
  } catch (e) {
    return errnoCode(e) ?? 'error';
  }
}

/** Consecutive attempts without sleeping, while the lock keeps vanishing or being taken over. */
const MAX_QUICK_RETRIES = 8;

/** Takes `<target>.lock`; returns the function that releases it. */
async function acquireLock(
  target: string,
  mode: number,
  clock: LockClock,
): Promise<() => Promise<void>> {
  const lockPath = `${target}.lock`;
  const nonce = randomBytes(8).toString('hex');
  const deadline = clock.now() + LOCK_WAIT_MS;
  let quick = 0;
  for (let attempt = 0; ; attempt++) {
    const code = await tryCreateLock(lockPath, nonce, mode);
    if (code === 'ok') {
      return async () => {
        // only our own lock: if it was taken over as stale, it is no longer ours to remove
        const held = await readLock(lockPath).catch(() => undefined);
        if (held?.record?.nonce === nonce) await fs.unlink(lockPath).catch(() => undefined);
      };
    }
    if (code !== 'EEXIST') {
      throw fileError(`Cannot create the lock file ${lockPath}: ${code}.`);
    }
    const seen = await readLock(lockPath);
    // Try again at once when the lock went away (released, or taken over by us): that is
    // progress made by a holder or by us, never a spin. Anything else sleeps before the next try.
    const gone =
      seen === undefined || (isStale(seen, clock.now()) && (await takeOver(lockPath, seen, nonce)));
    const now = clock.now();
    if (now >= deadline) {
      throw fileError(
        `${target} is locked by another process: SSO Tray waited ${LOCK_WAIT_MS / 1000} s for ` +
          `its lock file ${lockPath}. If no other SSO Tray is writing, delete that file and try again.`,
      );
    }
    if (gone && quick < MAX_QUICK_RETRIES) {
      quick++;
      continue;
    }
    quick = 0;
    const backoff = 5 + Math.floor(Math.random() * Math.min(50, 5 + attempt * 5));
    await clock.sleep(Math.max(1, Math.min(backoff, deadline - now)));
  }
}

/** Removes temp files of our own naming left by writers that were killed mid-write. */
async function removeOrphanTemps(dir: string, name: string): Promise<void> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(
    `^(\\.${escaped}\\.[0-9a-f]{16}\\.tmp|${escaped}\\.lock\\.[0-9a-f]{16}(\\.stale)?)$`,
  );
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    entries.filter((n) => re.test(n)).map((n) => fs.unlink(join(dir, n)).catch(() => undefined)),
  );
}

// Edits of the same file within one process queue up here instead of polling the lock file.
const queues = new Map<string, Promise<unknown>>();

export async function editFileAtomically(
  path: string,
  edit: (current: string | null) => string | null | Promise<string | null>,
  options: AtomicEditOptions = {},
): Promise<AtomicEditResult> {
  const mode = options.mode ?? 0o600;
  const dirMode = options.dirMode ?? 0o700;
  const durable = options.durable ?? true;
  const clock = options.clock ?? realClock;
  const target = await resolveTarget(path);
  const prev = queues.get(target) ?? Promise.resolve();
  const run = prev
    .catch(() => undefined)
    .then(() => editLocked(target, edit, mode, dirMode, durable, clock));
  queues.set(target, run);
  try {
    return await run;
  } finally {
    if (queues.get(target) === run) queues.delete(target);
  }
}

async function editLocked(
  target: string,
  edit: (current: string | null) => string | null | Promise<string | null>,
  mode: number,
  dirMode: number,
  durable: boolean,
  clock: LockClock,
): Promise<AtomicEditResult> {
  const dir = dirname(target);
  const name = basename(target);
  try {
    await fs.mkdir(dir, { recursive: true, mode: dirMode });
  } catch (e) {
    throw fileError(`Cannot create the folder ${dir}: ${errnoCode(e) ?? 'error'}.`, e);
  }
  // Refuse early (before taking a lock) when the target cannot be edited at all.
  const early = await readSnapshot(target);
  const release = await acquireLock(target, mode, clock);
  let tmp: string | undefined;
  try {
    await removeOrphanTemps(dir, name);
    // What was read before the lock is edited if the file still looks the same; should its
    // content have changed anyway, the byte-for-byte comparison before the rename catches it.
    let snap = (await sameIdentity(target, early)) ? early : await readSnapshot(target);
    for (let attempt = 1; ; attempt++) {
      const next = await edit(snap.text);
      if (next === null || next === snap.text) return { changed: false, path: target };
      tmp = join(dir, `.${name}.${randomBytes(8).toString('hex')}.tmp`);
      const h = await fs.open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
      try {
        await h.chmod(mode); // the umask may have narrowed it; a 0644 original must not leak
        await writeAll(h, Buffer.from(next, 'utf8'));
        if (durable) await h.sync();
      } finally {
        await h.close();
      }
      const now = await readRaw(target);
      if (sameSnapshot(snap, now)) {
        await fs.rename(tmp, target);
        tmp = undefined;
        if (durable) await fsyncDir(dir);
        return { changed: true, path: target };
      }
      // Someone who does not take our lock changed the file meanwhile: edit their version.
      const theirs = checkText(target, now);
      await fs.unlink(tmp).catch(() => undefined);
      tmp = undefined;
      if (attempt >= MAX_EDIT_ATTEMPTS) {
        throw fileError(`${target} keeps changing while SSO Tray writes it; try again.`);
      }
      snap = theirs;
    }
  } catch (e) {
    const code = errnoCode(e);
    if (e instanceof SsoTrayError || code === undefined) throw e; // e.g. thrown by `edit`
    throw fileError(`Cannot write ${target}: ${code}.`, e);
  } finally {
    if (tmp !== undefined) await fs.unlink(tmp).catch(() => undefined);
    await release();
  }
}
