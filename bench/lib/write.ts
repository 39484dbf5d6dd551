// Write bench: the real credentials-file writer (`writeProfile`: lossless INI edit, atomic replace,
// lock, record of written profiles) writing one profile into a credentials file that already holds
// N profiles of realistic size (session tokens of ~900 characters, some comments), and after each
// write a bare atomic write of the same bytes (temp file, fsync, rename) on the same disk. With
// `recorded`, the record of written profiles starts out knowing every profile of the file, as it
// does when SSO Tray wrote them all (a populated credentials file): each write then also
// rewrites a record of that many entries.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeProfile } from '../../src/main/core/credentials/credentials-file';
import {
  keyIdHash,
  writtenProfilesPath,
  type WrittenProfile,
} from '../../src/main/core/credentials/written-profiles';
import { createSandboxHome } from '../../tools/sandbox-home';

export interface WriteResult {
  profiles: number;
  writes: number;
  ms: number[];
  /** The bare atomic write of the bytes each write produced (ms). */
  bareMs: number[];
  fileBytes: number;
  /** The size of the record of written profiles after the last write. */
  recordBytes: number;
}

/**
 * The least an atomic replace does: write a temp file, fsync it, rename it over the target. The
 * baseline the write and populate benches compare the real writers with.
 */
export async function bareAtomicWrite(target: string, bytes: Buffer): Promise<void> {
  const temp = `${target}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

function fakeCreds(i: number): { id: string; secret: string; token: string } {
  const r = randomBytes(700).toString('base64');
  return {
    id: `ASIA${String(i).padStart(16, '0')}`,
    secret: randomBytes(30).toString('base64'),
    token: `IQoJb3JpZ2luX2VjE${r}`,
  };
}

export async function runWriteBench(o: {
  profiles: number;
  writes: number;
  recorded?: boolean;
}): Promise<WriteResult> {
  const sandbox = await createSandboxHome({ prefix: 'sso-tray-bench-write-' });
  try {
    const aws = join(sandbox.home, '.aws');
    const file = sandbox.credentialsFile;
    const lines: string[] = ['# written by hand long ago', '[default]', 'region = eu-west-1', ''];
    const record: WrittenProfile[] = [];
    for (let i = 0; i < o.profiles; i++) {
      const c = fakeCreds(i);
      if (i % 100 === 0) lines.push(`# team ${i / 100}`);
      record.push({
        profileName: `${String(100000000000 + i)}_ReadOnlyAccess`,
        file,
        accountId: String(100000000000 + i),
        roleName: 'ReadOnlyAccess',
        session: 'bench',
        expiresAt: Date.now() + 3600_000,
        writtenAt: Date.now(),
        keyIdHash: keyIdHash(c.id),
      });
      lines.push(
        `[${String(100000000000 + i)}_ReadOnlyAccess]`,
        `aws_access_key_id=${c.id}`,
        `aws_secret_access_key=${c.secret}`,
        `aws_session_token=${c.token}`,
        '',
      );
    }
    writeFileSync(file, lines.join('\n'), { mode: 0o600 });
    const env = sandbox.env;
    const recordPath = writtenProfilesPath(env);
    if (o.recorded === true) {
      mkdirSync(join(recordPath, '..'), { recursive: true, mode: 0o700 });
      const text = `${JSON.stringify({ version: 1, profiles: record }, null, 2)}\n`;
      writeFileSync(recordPath, text, { mode: 0o600 });
    }
    const ms: number[] = [];
    const bareMs: number[] = [];
    const bareTarget = join(aws, 'bare-write');
    // The target sits in the middle of the file, so the edit is neither at the start nor the end.
    // Without `recorded` it holds keys pasted by hand: the first write replaces them as after the
    // user confirmed (force); from then on the profile is SSO Tray's own and rewritten as such.
    const accountId = String(100000000000 + Math.floor(o.profiles / 2));
    for (let i = 0; i < o.writes; i++) {
      const c = fakeCreds(o.profiles + i);
      const start = performance.now();
      await writeProfile({
        env,
        profileName: `${accountId}_ReadOnlyAccess`,
        credentials: {
          accessKeyId: c.id,
          secretAccessKey: c.secret,
          sessionToken: c.token,
          expiration: Date.now() + 3600_000,
        },
        accountId,
        roleName: 'ReadOnlyAccess',
        session: 'bench',
        force: i === 0 && o.recorded !== true,
      });
      ms.push(performance.now() - start);
      const bytes = readFileSync(file);
      const bareStart = performance.now();
      await bareAtomicWrite(bareTarget, bytes);
      bareMs.push(performance.now() - bareStart);
    }
    return {
      profiles: o.profiles,
      writes: o.writes,
      ms,
      bareMs,
      fileBytes: statSync(file).size,
      recordBytes: statSync(recordPath).size,
    };
  } finally {
    await sandbox.cleanup();
  }
}
