// The advisory lock an edit of a user's file holds from the read to the rename, so that two SSO
// Tray processes never lose each other's change: `<target>.lock`, created with its content in one
// step (pid, host name and a nonce): a symbolic link whose target is that record, made in one
// system call, or where the file system has no symbolic links a file put in place by a hard
// link. Writers that ignore the lock (an editor, the AWS CLI) are caught by atomic-file.ts's
// compare-before-rename check; readers never need it.
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
import type { SleepClock } from '../clock';
import { SsoTrayError } from '../errors';
import { errnoCode, fileError, readAll } from './file-io';

/** A lock older than this is stale whoever holds it. */
export const LOCK_STALE_MS = 10_000;
/** How long an edit waits for the lock, at most, before it fails with a FILE error. */
export const LOCK_WAIT_MS = 30_000;

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

/** A lock as read: its identity, its bytes and what they say. */
interface SeenLock {
  ino: number;
  size: number;
  mtimeMs: number;
  bytes: Buffer;
  /** undefined for an empty or garbled lock (a writer died between creating and filling it). */
  record: Partial<LockRecord> | undefined;
  /** The target of a lock that is a symbolic link (its bytes are that text). */
  link?: string;
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

/** Reads the lock at `lockPath`, a symbolic link or a file; undefined when there is none (any more). */
async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  let st;
  try {
    st = await fs.lstat(lockPath);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return undefined;
    throw fileError(`Cannot read the lock file ${lockPath}: ${code ?? 'error'}.`, e);
  }
  if (!st.isSymbolicLink()) return readLockFile(lockPath);
  let link: string;
  try {
    link = await fs.readlink(lockPath);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return undefined;
    if (code === 'EINVAL') return readLockFile(lockPath); // replaced by a file meanwhile
    throw fileError(`Cannot read the lock file ${lockPath}: ${code ?? 'error'}.`, e);
  }
  const bytes = Buffer.from(link, 'utf8').subarray(0, MAX_LOCK_BYTES);
  return {
    ino: st.ino,
    size: st.size,
    mtimeMs: st.mtimeMs,
    bytes,
    record: parseLockRecord(bytes),
    link,
  };
}

/** Reads the lock file at `lockPath` through one open handle; undefined when there is none. */
async function readLockFile(lockPath: string): Promise<SeenLock | undefined> {
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
  if (moved !== undefined && !judged) {
    // put back as it was (which fails if yet another lock exists)
    const back =
      moved.link === undefined ? fs.link(aside, lockPath) : fs.symlink(moved.link, lockPath);
    await back.catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
  return judged || moved === undefined;
}

/**
 * A lock just made: a symbolic link to its record (ours while it still points there: the record
 * holds our nonce), or a file, ours while it has its identity, whose staging file's removal is
 * under way.
 */
type MadeLock =
  { link: string } | { link?: undefined; identity: LockIdentity; tidied: Promise<void> };

/** The codes of a file system (or a system) that makes no symbolic links. */
const NO_SYMLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
/** The codes of a file system that makes no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP']);

/**
 * Creates the lock with its content in one step: a symbolic link to its record (symlink fails if
 * the lock exists, like O_EXCL), so a writer killed at any moment never leaves an empty lock that
 * others would have to wait out. Where symbolic links cannot be made (Windows without the right,
 * some file systems), a lock file (tryCreateLockFile).
 */
async function tryCreateLock(
  lockPath: string,
  nonce: string,
  mode: number,
): Promise<MadeLock | string> {
  const record: LockRecord = { pid: process.pid, host: hostname(), nonce };
  const content = JSON.stringify(record);
  try {
    await fs.symlink(content, lockPath);
    return { link: content };
  } catch (e) {
    const code = errnoCode(e) ?? 'error';
    if (!NO_SYMLINKS.has(code)) return code;
  }
  return tryCreateLockFile(lockPath, nonce, content, mode);
}

/**
 * A lock file created with its content in one step: the content goes to `<lock>.<nonce>` first,
 * then a hard link puts it in place (link fails if the lock exists, like O_EXCL). File systems
 * without hard links fall back to O_EXCL (where a crash can leave an empty lock: its age decides).
 * The staging file's identity is read while it is linked, and it is closed and removed while the
 * edit goes on (`tidied`; a writer killed before that leaves it to the next edit's cleanup).
 */
async function tryCreateLockFile(
  lockPath: string,
  nonce: string,
  content: string,
  mode: number,
): Promise<MadeLock | string> {
  const staging = `${lockPath}.${nonce}`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(staging, CREATE_FLAGS, mode);
  } catch (e) {
    return errnoCode(e) ?? 'error';
  }
  let linked: string | undefined;
  let identity: LockIdentity | undefined;
  try {
    await handle.writeFile(content);
    const [st, link] = await Promise.allSettled([handle.stat(), fs.link(staging, lockPath)]);
    if (link.status === 'rejected') linked = errnoCode(link.reason) ?? 'error';
    if (st.status === 'fulfilled') identity = { ino: st.value.ino, mtimeMs: st.value.mtimeMs };
    else if (linked === undefined) {
      // linked but not known as ours: let it go again, and say why
      await fs.unlink(lockPath).catch(() => undefined);
      linked = errnoCode(st.reason) ?? 'error';
    }
  } catch (e) {
    linked = errnoCode(e) ?? 'error';
  }
  const tidied = Promise.all([
    handle.close().catch(() => undefined),
    fs.unlink(staging).catch(() => undefined),
  ]).then(() => undefined);
  if (linked === undefined && identity !== undefined) return { identity, tidied };
  await tidied;
  const code = linked ?? 'error';
  if (code === 'EEXIST') return code;
  if (code === 'ENOENT') return 'EEXIST'; // staging removed by a cleanup: just try again
  if (!NO_HARD_LINKS.has(code)) return code;
  try {
    return { identity: await createFile(lockPath, content, mode), tidied: Promise.resolve() };
  } catch (e) {
    return errnoCode(e) ?? 'error';
  }
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

/**
 * What tells our lock file from any other at its name: its inode and the time its content was
 * written. A lock taken over as stale was at least LOCK_STALE_MS old, so a lock made after it
 * has another write time even where its inode number is reused.
 */
interface LockIdentity {
  ino: number;
  mtimeMs: number;
}

/** Creates `path` exclusively with `content`; returns its identity. */
async function createFile(path: string, content: string, mode: number): Promise<LockIdentity> {
  const handle = await fs.open(path, CREATE_FLAGS, mode);
  try {
    await handle.writeFile(content);
    const st = await handle.stat();
    return { ino: st.ino, mtimeMs: st.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Consecutive attempts without sleeping, while the lock keeps vanishing or being taken over. */
const MAX_QUICK_RETRIES = 8;

/**
/** What acquireLock can be told and tell along the way. */
export interface AcquireOptions {
  /** Aborting it ends the wait for a lock someone else holds (rejects with its reason). */
  signal?: AbortSignal;
  /**
   * Called once when the target's folder is missing (its error is thrown), then the lock is
   * tried again: the folder is made only when it is needed.
   */
  makeFolder?: () => Promise<void>;
  /** Called when a stale lock was found on the way (its holder may have left a temp file). */
  foundStale?: () => void;
  /**
   * Called when the lock was there at the first attempt: someone held it (or had left it), so
   * the file may have changed before it was taken.
   */
  contended?: () => void;
}

/**
 * Takes `<target>.lock`; returns the function that releases it. Aborting the signal leaves
 * holding nothing (see AcquireOptions).
 */
export async function acquireLock(
  target: string,
  mode: number,
  clock: SleepClock,
  options: AcquireOptions = {},
): Promise<() => Promise<void>> {
  const { signal, foundStale } = options;
  const lockPath = `${target}.lock`;
  const nonce = randomBytes(8).toString('hex');
  const deadline = clock.now() + LOCK_WAIT_MS;
  let quick = 0;
  let folder = options.makeFolder;
  let contended = options.contended;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const made = await tryCreateLock(lockPath, nonce, mode);
    if (typeof made !== 'string') {
      // only our own lock: if it was taken over as stale, it is no longer ours to remove
      if (made.link !== undefined) {
        const ours = made.link;
        return async () => {
          const held = await fs.readlink(lockPath).catch(() => undefined);
          if (held === ours) await fs.unlink(lockPath).catch(() => undefined);
        };
      }
      const { identity, tidied } = made;
      return async () => {
        const held = await fs.lstat(lockPath).catch(() => undefined);
        if (held?.ino === identity.ino && held.mtimeMs === identity.mtimeMs) {
          await fs.unlink(lockPath).catch(() => undefined);
        }
        await tidied;
      };
    }
    const code = made;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && folder !== undefined) {
      await folder();
      folder = undefined;
      continue;
    }
    if (code !== 'EEXIST') {
      throw fileError(`Cannot create the lock file ${lockPath}: ${code}.`);
    }
    contended?.();
    contended = undefined;
    const seen = await readLock(lockPath);
    // Try again at once when the lock went away (released, or taken over by us): that is
    // progress made by a holder or by us, never a spin. Anything else sleeps before the next try.
    const stale = seen !== undefined && isStale(seen, clock.now());
    if (stale) foundStale?.();
    const gone = seen === undefined || (stale && (await takeOver(lockPath, seen, nonce)));
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
    await clock.sleep(Math.max(1, Math.min(backoff, deadline - now)), signal);
  }
}

/** Whether `entry` (a name in the target's folder) is left over by a lock writer that was killed. */
export function isLockLeftover(name: string, entry: string): boolean {
  const prefix = `${name}.lock.`;
  if (!entry.startsWith(prefix)) return false;
  const rest = entry.slice(prefix.length);
  return /^[0-9a-f]{16}(\.stale)?$/.test(rest);
}
