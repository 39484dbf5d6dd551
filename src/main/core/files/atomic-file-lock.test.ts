// editFileAtomically and the lock file it takes: live, stale, dead-owner, foreign-host, broken
// and racing locks, on a fake clock for the waiting (the edit itself: atomic-file.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SleepClock } from '../clock';
import { FakeClock } from '../testing/fake-clock';
import { editFileAtomically } from './atomic-file';
import { LOCK_STALE_MS, LOCK_WAIT_MS, acquireLock } from './file-lock';
import { isSsoTrayError } from '../errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const append =
  (line: string) =>
  (t: string | null): string =>
    (t ?? '') + line + '\n';

/**
 * The fake clock for the lock's waiting, from the real time (lock files carry real mtimes): a
 * sleep moves the time at once (after letting other callbacks run) and is recorded; `onSleep`
 * runs after each one.
 */
function fakeClock(onSleep?: (now: number) => void) {
  const start = Date.now();
  const fake = new FakeClock(start, { autoAdvance: true });
  const clock: SleepClock = {
    now: fake.now,
    sleep: async (ms) => {
      await fake.sleep(ms);
      onSleep?.(fake.now());
    },
  };
  return { clock, sleeps: fake.sleeps, elapsed: () => fake.now() - start };
}

/** What a lock says, whichever kind it is: a symbolic link to its record, or a file holding it. */
const lockText = (p: string) =>
  lstatSync(p).isSymbolicLink() ? readlinkSync(p) : readFileSync(p, 'utf8');

// SSO Tray makes its locks as symbolic links where it can, as files where it cannot; it reads and
// takes over both, so every state is played with both.
for (const kind of ['file', 'symbolic link'] as const) {
  describe(`editFileAtomically: every state of the lock (a ${kind}) ends in the write or a clear error`, () => {
    const placeLock = (p: string, content: string) => {
      if (kind === 'file') writeFileSync(p, content);
      else symlinkSync(content, p);
    };

    const deadPid = () => spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    const age = (p: string, ms: number) => {
      const then = new Date(Date.now() - ms);
      lutimesSync(p, then, then);
    };

    // The bug these guard against: an old empty or garbled lock was judged stale, moved aside, not
    // recognised (no nonce to compare) and put back, over and over, at 100% CPU, for ever.
    for (const [what, content] of [
      ['an empty', ''],
      ['a garbled', '{"pid": 12'],
      ['a non-JSON', 'not a lock\n'],
    ] as const) {
      if (kind !== 'file' && content === '') continue; // a symbolic link has a target
      it(
        `takes over ${what} lock older than the stale age at once`,
        { timeout: 5000 },
        async () => {
          const path = join(dir, 'f');
          writeFileSync(path, 'a\n');
          placeLock(`${path}.lock`, content);
          age(`${path}.lock`, LOCK_STALE_MS + 5000);
          const fake = fakeClock();
          await editFileAtomically(path, append('b'), { clock: fake.clock });
          expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
          expect(fake.sleeps).toEqual([]);
          expect(readdirSync(dir)).toEqual(['f']);
        },
      );

      it(`waits, sleeping, for ${what} young lock and takes it over once it is stale`, async () => {
        const path = join(dir, 'f');
        placeLock(`${path}.lock`, content);
        const fake = fakeClock();
        await editFileAtomically(path, append('b'), { clock: fake.clock });
        expect(readFileSync(path, 'utf8')).toBe('b\n');
        // it waited for the lock's age (not its pid: it has none), well within the deadline
        expect(fake.elapsed()).toBeGreaterThan(LOCK_STALE_MS - 1000);
        expect(fake.elapsed()).toBeLessThan(LOCK_WAIT_MS);
        expect(fake.sleeps.length).toBeGreaterThan(10);
        expect(fake.sleeps.every((ms) => ms >= 1)).toBe(true);
        expect(readdirSync(dir)).toEqual(['f']);
      });
    }

    it('takes over a lock of this host whose process is gone at once, without sleeping', async () => {
      const path = join(dir, 'f');
      placeLock(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'x' }));
      const fake = fakeClock();
      await editFileAtomically(path, append('b'), { clock: fake.clock });
      expect(readFileSync(path, 'utf8')).toBe('b\n');
      expect(fake.sleeps).toEqual([]);
      expect(existsSync(`${path}.lock`)).toBe(false);
    });

    it('judges a lock from another host by its age only: its pid means nothing here', async () => {
      const path = join(dir, 'f');
      // the same dead pid that would be taken over at once were the lock from this host
      const lock = JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, nonce: 'x' });
      placeLock(`${path}.lock`, lock);
      const fake = fakeClock();
      await editFileAtomically(path, append('b'), { clock: fake.clock });
      expect(readFileSync(path, 'utf8')).toBe('b\n');
      expect(fake.elapsed()).toBeGreaterThan(LOCK_STALE_MS - 1000);
      expect(fake.elapsed()).toBeLessThan(LOCK_WAIT_MS);
      expect(fake.sleeps.every((ms) => ms >= 1)).toBe(true);

      // one that is already older than the stale age goes at once
      placeLock(`${path}.lock`, lock);
      age(`${path}.lock`, LOCK_STALE_MS + 5000);
      const again = fakeClock();
      await editFileAtomically(path, append('c'), { clock: again.clock });
      expect(readFileSync(path, 'utf8')).toBe('b\nc\n');
      expect(again.sleeps).toEqual([]);
      expect(existsSync(`${path}.lock`)).toBe(false);
    });

    it('gives up on a live lock at the deadline, having slept between attempts, naming the lock', async () => {
      const path = join(dir, 'f');
      writeFileSync(path, 'theirs\n');
      const lockPath = `${path}.lock`;
      const lock = JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'held' });
      placeLock(lockPath, lock);
      // its holder is alive and keeps it (a fresh lock whenever we look)
      const fake = fakeClock((now) => lutimesSync(lockPath, new Date(now), new Date(now)));
      let edits = 0;
      const err = await editFileAtomically(
        path,
        () => {
          edits++;
          return 'mine\n';
        },
        { clock: fake.clock },
      ).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toContain(lockPath);
      expect((err as Error).message).toContain(`${LOCK_WAIT_MS / 1000} s`);
      expect(fake.elapsed()).toBeGreaterThanOrEqual(LOCK_WAIT_MS);
      expect(fake.elapsed()).toBeLessThan(LOCK_WAIT_MS + 100);
      // slept between attempts (never a busy loop), backing off
      expect(fake.sleeps.every((ms) => ms >= 1)).toBe(true);
      expect(fake.sleeps.length).toBeGreaterThan(100);
      expect(fake.sleeps.length).toBeLessThan(LOCK_WAIT_MS / 5);
      expect(edits).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe('theirs\n');
      // the holder's lock is not ours to remove
      expect(lockText(lockPath)).toBe(lock);
    });

    it('refuses a file it cannot edit at once, not after waiting for a lock someone holds', async () => {
      const path = join(dir, 'f');
      writeFileSync(path, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00]));
      const lockPath = `${path}.lock`;
      const lock = JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'held' });
      placeLock(lockPath, lock);
      const fake = fakeClock((now) => lutimesSync(lockPath, new Date(now), new Date(now)));
      const err = await editFileAtomically(path, () => 'mine\n', { clock: fake.clock }).catch(
        (e: unknown) => e,
      );
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toMatch(/binary/);
      expect(fake.elapsed()).toBeLessThan(1000);
      expect(lockText(lockPath)).toBe(lock);
      // and with nobody holding the lock, none is left behind
      rmSync(lockPath);
      await expect(editFileAtomically(path, () => 'mine\n')).rejects.toThrow(/binary/);
      expect(readdirSync(dir).sort()).toEqual(['f']);
    });

    it('records the pid and host name in its lock while it holds it', async () => {
      const path = join(dir, 'f');
      let seen: unknown;
      let isLink: boolean | undefined;
      await editFileAtomically(path, () => {
        seen = JSON.parse(lockText(`${path}.lock`));
        isLink = lstatSync(`${path}.lock`).isSymbolicLink();
        return 'x\n';
      });
      expect(seen).toMatchObject({ pid: process.pid, host: hostname() });
      expect((seen as { nonce: string }).nonce).toMatch(/^[0-9a-f]{16}$/);
      // where symbolic links can be made (not on Windows without the right to)
      expect(isLink).toBe(process.platform !== 'win32');
      expect(existsSync(`${path}.lock`)).toBe(false);
    });

    it('leaves a lock that replaced its own (taken over as stale) when it is done', async () => {
      const path = join(dir, 'f');
      const lockPath = `${path}.lock`;
      const theirs = JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'theirs' });
      await editFileAtomically(path, () => {
        // a process that judged our lock stale moved it away and took a lock of its own, which
        // may even get the inode number ours had; being taken over, ours was 10 s old by then
        rmSync(lockPath);
        placeLock(lockPath, theirs);
        const later = new Date(Date.now() + LOCK_STALE_MS + 1000);
        lutimesSync(lockPath, later, later);
        return 'x\n';
      });
      expect(lockText(lockPath)).toBe(theirs);
    });

    it('refuses with a clear error when something that is not a file holds the lock name', async () => {
      const path = join(dir, 'f');
      writeFileSync(path, 'keep\n');
      mkdirSync(`${path}.lock`);
      const err = await editFileAtomically(path, append('b')).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toContain(`${path}.lock`);
      expect(readFileSync(path, 'utf8')).toBe('keep\n');
    });
  });
}

describe('acquireLock', () => {
  it('says when the lock was there at its first attempt, and not when it was free', async () => {
    const target = join(dir, 'f');
    const fake = fakeClock();
    let contended = 0;
    const release = await acquireLock(target, 0o600, fake.clock, {
      contended: () => contended++,
    });
    expect(contended).toBe(0);
    // held now: a second taker finds it, waits, and takes it once it is let go
    const second = acquireLock(target, 0o600, fakeClock(() => void release()).clock, {
      contended: () => contended++,
    });
    const releaseSecond = await second;
    expect(contended).toBe(1);
    await releaseSecond();
    expect(readdirSync(dir)).toEqual([]);
  });
});
