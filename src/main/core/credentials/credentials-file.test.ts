import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listWrittenProfiles, removeProfile, writeProfile } from './credentials-file';
import { writtenProfilesPath } from './written-profiles';
import { isSsoTrayError } from '../errors';
import type { RoleCredentials } from '../../../shared/model';

let home: string;
let env: Record<string, string>;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'creds-'));
  env = { HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const creds = (n: number): RoleCredentials => ({
  accessKeyId: `ASIA${n}`,
  secretAccessKey: `secret${n}`,
  sessionToken: `token${n}`,
  expiration: Date.UTC(2030, 0, 1) + n,
});
const write = (profileName: string, n: number, extra: { force?: boolean } = {}) =>
  writeProfile({
    env,
    profileName,
    credentials: creds(n),
    accountId: '123456789012',
    roleName: 'Admin',
    session: 'emu',
    now: () => 1000,
    ...extra,
  });
const credFile = () => join(home, '.aws', 'credentials');

describe('writeProfile', () => {
  it('creates ~/.aws 0700 and the file 0600 with the portal block, and records it', async () => {
    const r = await write('123456789012_Admin', 1);
    expect(r).toEqual({
      path: credFile(),
      profileName: '123456789012_Admin',
      expiresAt: creds(1).expiration,
    });
    expect(readFileSync(credFile(), 'utf8')).toBe(
      '[123456789012_Admin]\naws_access_key_id=ASIA1\naws_secret_access_key=secret1\n' +
        'aws_session_token=token1\n',
    );
    expect(statSync(credFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.aws')).mode & 0o777).toBe(0o700);
    const listed = await listWrittenProfiles(env);
    expect(listed).toEqual([
      {
        profileName: '123456789012_Admin',
        file: credFile(),
        accountId: '123456789012',
        roleName: 'Admin',
        session: 'emu',
        expiresAt: creds(1).expiration,
        writtenAt: 1000,
        keyIdHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
    const record = readFileSync(writtenProfilesPath(env), 'utf8');
    expect(record).not.toMatch(/secret1|token1|ASIA1/);
    expect(statSync(writtenProfilesPath(env)).mode & 0o777).toBe(0o600);
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE', async () => {
    env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'elsewhere', 'creds');
    const r = await write('p', 1);
    expect(r.path).toBe(join(home, 'elsewhere', 'creds'));
    expect(readFileSync(r.path, 'utf8')).toContain('[p]\naws_access_key_id=ASIA1\n');
  });

  it('replaces only its keys in place, keeps other keys, drops a stale aws_security_token', async () => {
    mkdirSync(join(home, '.aws'));
    const before =
      '# my keys\r\n[default]\r\naws_access_key_id = AKIALONGTERM\r\naws_secret_access_key = s\r\n' +
      '\r\n[p]\r\nregion = eu-west-1\r\naws_access_key_id=ASIAold\r\naws_security_token=old\r\n' +
      'aws_secret_access_key=old\r\naws_session_token=old\r\n; next\r\n[z]\r\nx=1\r\n';
    writeFileSync(credFile(), before, { mode: 0o644 });
    await write('p', 2);
    expect(readFileSync(credFile(), 'utf8')).toBe(
      '# my keys\r\n[default]\r\naws_access_key_id = AKIALONGTERM\r\naws_secret_access_key = s\r\n' +
        '\r\n[p]\r\nregion = eu-west-1\r\naws_access_key_id=ASIA2\r\n' +
        'aws_secret_access_key=secret2\r\naws_session_token=token2\r\n; next\r\n[z]\r\nx=1\r\n',
    );
    expect(statSync(credFile()).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite long-term keys it did not write, unless forced', async () => {
    mkdirSync(join(home, '.aws'));
    const before = '[default]\naws_access_key_id = AKIALONGTERM\naws_secret_access_key = s\n';
    writeFileSync(credFile(), before);
    const err = await write('default', 1).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect((err as Error).message).toMatch(/long-term keys/);
    expect((err as Error).message).not.toMatch(/secret1|token1/);
    expect(readFileSync(credFile(), 'utf8')).toBe(before);
    await write('default', 1, { force: true });
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id = ASIA1\n');
  });

  it('refuses a file the AWS tools cannot read (unterminated header, key without =), untouched', async () => {
    mkdirSync(join(home, '.aws'));
    for (const before of [
      '[a]\nk=1\n[p\nk=2\n',
      '[a]\r\naws_secret_access_key AKIAHIDDENSECRET\r\n',
      'stray = key before any section\n[a]\nk=1\n',
    ]) {
      writeFileSync(credFile(), before);
      const err = await write('fresh', 1).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toMatch(/^Line \d+ of .*credentials .*cannot read the file/);
      expect((err as Error).message).not.toMatch(/AKIAHIDDENSECRET|secret1|token1/);
      expect(readFileSync(credFile(), 'utf8')).toBe(before);
      const rm = await removeProfile({ env, profileName: 'a', force: true }).catch(
        (e: unknown) => e,
      );
      expect(isSsoTrayError(rm, 'FILE')).toBe(true);
      expect(readFileSync(credFile(), 'utf8')).toBe(before);
    }
  });

  it('rejects bad profile names before touching anything', async () => {
    await expect(write('a b', 1)).rejects.toThrow(/whitespace/);
    await expect(write('x]', 1)).rejects.toThrow(/"\]"/);
    expect(() => statSync(credFile())).toThrow();
  });

  it('refreshing keeps one record entry per profile and file', async () => {
    await write('p', 1);
    await write('p', 2);
    await write('q', 3);
    const listed = await listWrittenProfiles(env);
    expect(listed.map((p) => [p.profileName, p.expiresAt])).toEqual([
      ['p', creds(2).expiration],
      ['q', creds(3).expiration],
    ]);
  });
});

describe('removeProfile', () => {
  it('removes a profile it wrote and forgets it, leaving the rest byte-identical', async () => {
    mkdirSync(join(home, '.aws'));
    writeFileSync(credFile(), '[default]\r\naws_access_key_id = AKIA\r\n');
    await write('p', 1);
    const r = await removeProfile({ env, profileName: 'p' });
    expect(r).toEqual({ path: credFile(), profileName: 'p', removed: true });
    expect(readFileSync(credFile(), 'utf8')).toBe('[default]\r\naws_access_key_id = AKIA\r\n\r\n');
    expect(await listWrittenProfiles(env)).toEqual([]);
  });

  it('refuses profiles it did not write, [default] included', async () => {
    mkdirSync(join(home, '.aws'));
    const before = '[default]\naws_access_key_id = AKIA\n[mine]\nx=1\n';
    writeFileSync(credFile(), before);
    for (const name of ['default', 'mine']) {
      const err = await removeProfile({ env, profileName: name }).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'FILE')).toBe(true);
      expect((err as Error).message).toMatch(/not written by SSO Tray/);
    }
    expect(readFileSync(credFile(), 'utf8')).toBe(before);
  });

  it('refuses a recorded profile whose keys someone replaced since', async () => {
    await write('p', 1);
    const text = readFileSync(credFile(), 'utf8').replace('ASIA1', 'AKIAHANDMADE');
    writeFileSync(credFile(), text);
    await expect(removeProfile({ env, profileName: 'p' })).rejects.toThrow(/has changed/);
    expect(readFileSync(credFile(), 'utf8')).toBe(text);
  });

  it('forgets a recorded profile whose section is already gone', async () => {
    await write('p', 1);
    writeFileSync(credFile(), '');
    expect(await removeProfile({ env, profileName: 'p' })).toMatchObject({ removed: false });
    expect(await listWrittenProfiles(env)).toEqual([]);
  });
});
