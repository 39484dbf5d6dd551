// Write bench: the real credentials-file writer (`writeProfile`: lossless INI edit, atomic replace,
// lock, record of written profiles) writing one profile into a credentials file that already holds
// N profiles of realistic size (session tokens of ~900 characters, some comments), and after each
// write a bare atomic write of the same bytes (temp file, fsync, rename) on the same disk.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeProfile } from '../../src/main/core/credentials/credentials-file';
import { createSandboxHome } from '../../tools/sandbox-home';

export interface WriteResult {
  profiles: number;
  writes: number;
  ms: number[];
  /** The bare atomic write of the bytes each write produced (ms). */
  bareMs: number[];
  fileBytes: number;
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

export async function runWriteBench(o: { profiles: number; writes: number }): Promise<WriteResult> {
  const sandbox = await createSandboxHome({ prefix: 'sso-tray-bench-write-' });
  try {
    const aws = join(sandbox.home, '.aws');
    const file = sandbox.credentialsFile;
    const lines: string[] = ['# written by hand long ago', '[default]', 'region = eu-west-1', ''];
    for (let i = 0; i < o.profiles; i++) {
      const c = fakeCreds(i);
      if (i % 100 === 0) lines.push(`# team ${i / 100}`);
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
    const ms: number[] = [];
    const bareMs: number[] = [];
    const bareTarget = join(aws, 'bare-write');
    // The target sits in the middle of the file, so the edit is neither at the start nor the end.
    // It holds keys pasted by hand: the first write replaces them as after the user confirmed
    // (force); from then on the profile is SSO Tray's own and rewritten as such.
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
        force: i === 0,
      });
      ms.push(performance.now() - start);
      const bytes = readFileSync(file);
      const bareStart = performance.now();
      await bareAtomicWrite(bareTarget, bytes);
      bareMs.push(performance.now() - bareStart);
    }
    return { profiles: o.profiles, writes: o.writes, ms, bareMs, fileBytes: statSync(file).size };
  } finally {
    await sandbox.cleanup();
  }
}
