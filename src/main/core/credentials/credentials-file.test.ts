import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { listWrittenProfiles, removeProfile, writeProfile } from './credentials-file';
import { keyIdHash, recordWrite, writtenProfilesPath } from './written-profiles';
import { isSsoTrayError } from '../errors';
import type { RoleCredentials } from '../../../shared/schemas';

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
/** What another SSO Tray records when it writes key `n` into profile `name`. */
const recordOtherWrite = (name: string, n: number) =>
  recordWrite(writtenProfilesPath(env), {
    profileName: name,
    file: credFile(),
    accountId: '123456789012',
    roleName: 'Admin',
    session: 'emu',
    expiresAt: creds(n).expiration,
    writtenAt: 2000,
    keyIdHash: keyIdHash(creds(n).accessKeyId),
  });

describe('writeProfile', () => {
  it('says whether it wrote: the same credentials again leave the file and the record as they are', async () => {
    expect((await write('p', 1)).changed).toBe(true);
    const file = readFileSync(credFile(), 'utf8');
    const record = readFileSync(writtenProfilesPath(env), 'utf8');
    const again = await write('p', 1);
    expect(again.changed).toBe(false);
    expect(again).toMatchObject({ profileName: 'p', path: credFile() });
    expect(readFileSync(credFile(), 'utf8')).toBe(file);
    expect(readFileSync(writtenProfilesPath(env), 'utf8')).toBe(record);
    expect((await write('p', 2)).changed).toBe(true);
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id=ASIA2');
  });

  it('creates ~/.aws 0700 and the file 0600 with the portal block, and records it', async () => {
    const r = await write('123456789012_Admin', 1);
    expect(r).toEqual({
      path: credFile(),
      profileName: '123456789012_Admin',
      expiresAt: creds(1).expiration,
      changed: true,
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
    // [p] holds another tool's temporary keys: replaced only once the user confirmed (force)
    const err = await write('p', 2).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(/temporary keys from another tool/);
    expect(readFileSync(credFile(), 'utf8')).toBe(before);
    await write('p', 2, { force: true });
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
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(/long-term access keys/);
    expect((err as Error).message).not.toMatch(/secret1|token1/);
    expect(readFileSync(credFile(), 'utf8')).toBe(before);
    await write('default', 1, { force: true });
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id = ASIA1\n');
  });

  it('leaves the record as it was, with no file of its replace behind, when it refuses', async () => {
    await write('mine', 1);
    const record = readFileSync(writtenProfilesPath(env));
    const before = readFileSync(credFile(), 'utf8') + '[theirs]\naws_access_key_id = AKIATHEIRS\n';
    writeFileSync(credFile(), before);
    const err = await write('theirs', 2).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect(readFileSync(writtenProfilesPath(env)).equals(record)).toBe(true);
    expect(readdirSync(join(home, '.aws', 'sso-tray'))).toEqual(['written-profiles.json']);
    expect(readdirSync(join(home, '.aws')).sort()).toEqual(['credentials', 'sso-tray']);
    // and the next write records as before
    await write('mine', 3);
    expect(readFileSync(writtenProfilesPath(env), 'utf8')).toContain(keyIdHash('ASIA3'));
  });

  it('refuses every existing profile it did not write, whatever it holds, naming what it holds', async () => {
    mkdirSync(join(home, '.aws'));
    const cases: Array<[string, string, RegExp]> = [
      [
        'a credential_process profile (static keys added to it would take precedence)',
        '[p]\ncredential_process = /usr/bin/vault-creds --role x\n',
        /it holds a credential_process command\./,
      ],
      [
        'another tool\u2019s temporary keys',
        '[p]\naws_access_key_id = ASIAOTHERTOOL\naws_secret_access_key = SECRETOTHER\naws_session_token = TOKENOTHER\n',
        /it holds temporary keys from another tool\./,
      ],
      [
        'an assumed-role profile',
        '[p]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\nregion = eu-west-1\n',
        /it holds role_arn \(an assumed role\) and settings \(region\)\./,
      ],
      ['an empty section', '[p]\n', /it holds no settings\./],
      ['settings only', '[p]\nfoo = bar\n', /it holds other settings\./],
    ];
    for (const [what, before, holds] of cases) {
      rmSync(writtenProfilesPath(env), { force: true });
      writeFileSync(credFile(), `# mine\n${before}[after]\nx = 1\n`);
      const text = readFileSync(credFile(), 'utf8');
      const err = await write('p', 1).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'PROFILE_NOT_OURS'), what).toBe(true);
      const message = (err as Error).message;
      expect(message, what).toMatch(/^SSO Tray did not write profile "p" in .*credentials: /);
      expect(message, what).toMatch(holds);
      expect(message, what).toMatch(/replaced only if you confirm/);
      expect(message, what).not.toMatch(/ASIAOTHERTOOL|SECRETOTHER|TOKENOTHER|vault|arn:aws|bar/);
      expect(readFileSync(credFile(), 'utf8'), what).toBe(text);
      await write('p', 1, { force: true });
      const after = readFileSync(credFile(), 'utf8');
      expect(after, what).toMatch(/aws_access_key_id ?= ?ASIA1\n/);
      expect(after.endsWith('[after]\nx = 1\n'), what).toBe(true);
    }
  });

  it('keeps rewriting a profile it wrote, silently, but not once someone replaced its keys', async () => {
    await write('p', 1);
    await write('p', 2);
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id=ASIA2\n');
    // someone put long-term keys in its place
    const text = readFileSync(credFile(), 'utf8')
      .replace('ASIA2', 'AKIAHANDMADE')
      .replace('aws_session_token=token2\n', '');
    writeFileSync(credFile(), text);
    const err = await write('p', 3).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'PROFILE_NOT_OURS')).toBe(true);
    expect((err as Error).message).toMatch(
      /^Profile "p" in .* has changed since SSO Tray wrote it: it now holds long-term access keys\./,
    );
    expect((err as Error).message).not.toContain('AKIAHANDMADE');
    expect(readFileSync(credFile(), 'utf8')).toBe(text);
  });

  it('records a write before the rename, so a crash in between leaves the profile its own', async () => {
    await write('p', 1);
    // a writer killed after recording write 2 and before its rename: the file still holds key 1
    await recordOtherWrite('p', 2);
    await write('p', 3);
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id=ASIA3\n');
    // the record remembers the last writes, newest first
    await write('p', 4);
    const seen = (await listWrittenProfiles(env)).flatMap((e) => [
      e.keyIdHash,
      ...(e.earlier ?? []),
    ]);
    expect(seen.slice(0, 3)).toEqual([4, 3, 2].map((n) => keyIdHash(creds(n).accessKeyId)));
  });

  it('knows a write another process made while it waited for the lock', async () => {
    await write('p', 1);
    // another SSO Tray holds the file's lock
    const lock = `${credFile()}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'other' }));
    const ours = write('p', 3);
    // the record was read by now, while the write waits for the lock
    await new Promise((r) => setTimeout(r, 100));
    // meanwhile the other process writes the profile (key 2) and records it, then lets go
    await recordOtherWrite('p', 2);
    writeFileSync(credFile(), readFileSync(credFile(), 'utf8').replaceAll('1\n', '2\n'));
    rmSync(lock);
    await ours;
    expect(readFileSync(credFile(), 'utf8')).toContain('aws_access_key_id=ASIA3\n');
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

describe('the record of written profiles', () => {
  const recordFile = () => writtenProfilesPath(env);
  const recorded = () =>
    (JSON.parse(readFileSync(recordFile(), 'utf8')) as { profiles: Array<{ profileName: string }> })
      .profiles;

  it('is rewritten as JSON.stringify lays it out, whoever wrote it before', async () => {
    await write('p', 1);
    await write('q', 2);
    // a person (or another tool) rewrites it on one line, dropping nothing
    const compact = JSON.stringify(JSON.parse(readFileSync(recordFile(), 'utf8')));
    writeFileSync(`${recordFile()}.new`, compact);
    renameSync(`${recordFile()}.new`, recordFile());
    await write('p', 3);
    await write('r', 4);
    const text = readFileSync(recordFile(), 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect(recorded().map((e) => e.profileName)).toEqual(['q', 'p', 'r']);
    // and each profile is still known as its own: rewritten without --force
    await write('q', 5);
    expect(recorded().map((e) => e.profileName)).toEqual(['p', 'r', 'q']);
  });

  it('keeps thousands of entries exactly when one of them is rewritten', async () => {
    for (let i = 0; i < 40; i++) await write(`p${i}`, i);
    // a record of 2,000 written by another process, around the ones this process wrote
    const base = JSON.parse(readFileSync(recordFile(), 'utf8')) as { profiles: object[] };
    const others = Array.from({ length: 2000 }, (_, i) => ({
      ...(base.profiles[0] as object),
      profileName: `other${i}`,
      keyIdHash: `h${i}`,
    }));
    const all = {
      version: 1,
      profiles: [...others.slice(0, 1000), ...base.profiles, ...others.slice(1000)],
    };
    writeFileSync(`${recordFile()}.new`, JSON.stringify(all, null, 2) + '\n');
    renameSync(`${recordFile()}.new`, recordFile());
    for (const [k, n] of [7, 3, 7, 39, 0].entries()) await write(`p${n}`, 100 + k);
    const profiles = recorded();
    expect(profiles).toHaveLength(2040);
    expect(profiles.slice(-4).map((e) => e.profileName)).toEqual(['p3', 'p7', 'p39', 'p0']);
    expect(profiles.filter((e) => e.profileName.startsWith('other'))).toEqual(others);
    const text = readFileSync(recordFile(), 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
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
