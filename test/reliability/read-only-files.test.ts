// A credentials file or folder the app cannot write gives a clear error (CLI exit 4, core FILE)
// and stays as it was. Tests run as root, for whom file modes do not stop a write, so the cases
// use what does stop root: `chattr +i` (immutable file or folder, where the file system supports
// it) and paths that cannot be files (a folder where the file should be, a file where the folder
// should be). Not tested: a read-only mount (needs privileges the suite should not use).
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { app, signIn, type TestApp } from '../app/helpers';
import { expectNoStack } from '../credentials/helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';
import { cli } from '../support/cli';

function chattr(flag: '+i' | '-i', path: string): boolean {
  return spawnSync('chattr', [flag, path], { stdio: 'ignore' }).status === 0;
}

/** Whether this machine can make a file immutable (root + a file system that supports it). */
async function immutableWorks(dir: string): Promise<boolean> {
  const probe = join(dir, 'probe');
  await writeFile(probe, 'x');
  const ok = chattr('+i', probe);
  if (!ok) return false;
  let blocked = false;
  try {
    await writeFile(probe, 'y');
  } catch {
    blocked = true;
  }
  chattr('-i', probe);
  await rm(probe, { force: true });
  return blocked;
}

describe('credentials file or folder that cannot be written (CLI)', () => {
  let h: SandboxHome;
  let args: string[];
  let canChattr = false;

  useSignedInSandbox({ accounts: 1, rolesPerAccount: 1 }, (s) => {
    h = s.h;
    args = ['write-profile', ...s.role];
  });
  beforeAll(async () => {
    canChattr = await immutableWorks(h.home);
  });

  async function expectRefused(env: Record<string, string>, shows: string): Promise<void> {
    const r = await cli(args, env);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain(shows);
    expect(r.stderr).toMatch(/^sso-tray write-profile: .+/);
    expect(expectNoStack(r.stderr)).toBe(true);
    expect(r.stdout).toBe('');
  }

  it('an immutable credentials file: exit 4 naming the file, not a byte changed', async (ctx) => {
    if (!canChattr) ctx.skip('chattr +i does not stop writes on this machine');
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE!;
    await writeFile(file, '[other]\naws_access_key_id = AKIAEXAMPLE\n');
    const before = await readFile(file);
    expect(chattr('+i', file)).toBe(true);
    try {
      await expectRefused(h.env, file);
      expect((await readFile(file)).equals(before)).toBe(true);
    } finally {
      chattr('-i', file);
      await rm(file, { force: true });
    }
  });

  it('an immutable folder for a new credentials file: exit 4, no file appears', async (ctx) => {
    if (!canChattr) ctx.skip('chattr +i does not stop writes on this machine');
    const dir = join(h.home, 'locked');
    await mkdir(dir);
    const env = { ...h.env, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    expect(chattr('+i', dir)).toBe(true);
    try {
      await expectRefused(env, dir);
      expect(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout).toBe('');
    } finally {
      chattr('-i', dir);
    }
  });

  it('a folder where the credentials file should be, a file where its folder should be', async () => {
    const asDir = join(h.home, 'is-a-dir');
    await mkdir(asDir);
    await expectRefused({ ...h.env, AWS_SHARED_CREDENTIALS_FILE: asDir }, asDir);
    const asFile = join(h.home, 'is-a-file');
    await writeFile(asFile, 'plain');
    await expectRefused(
      { ...h.env, AWS_SHARED_CREDENTIALS_FILE: join(asFile, 'credentials') },
      asFile,
    );
    expect(await readFile(asFile, 'utf8')).toBe('plain');
  });
});

describe('credentials file that cannot be written (app core)', () => {
  let box: Sandbox;
  let t: TestApp;
  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 1, rolesPerAccount: 1 });
    t = app(box);
    await signIn(box, t);
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  it('writeProfile answers FILE with a message naming the file; the session and app go on', async () => {
    const a = box.emulator.organisation.accounts[0]!;
    const target = { session: SESSION, accountId: a.accountId, roleName: a.roles[0]! };
    await mkdir(box.credentialsFile);
    try {
      const r = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
        ...target,
        profileName: 'dev',
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE' } });
      if (!r.ok) {
        expect(r.error.message).toContain(box.credentialsFile);
        expect(r.error.message).not.toMatch(/\n\s+at /);
      }
    } finally {
      await rm(box.credentialsFile, { recursive: true, force: true });
    }
    const ok = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
      ...target,
      profileName: 'dev',
    });
    expect(ok.ok).toBe(true);
    expect((await t.core.handlers['state.get']({})).sessions[0]?.status).toBe('signed-in');
  });
});
