import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pythonJsonDumps,
  readRegistrationFile,
  readTokenFile,
  registrationCacheKey,
  sha1Hex,
  tokenFilePath,
  writeRegistrationFile,
  writeTokenFile,
} from './cache-files';
import {
  fileRoleCredentialsCache,
  memoryRoleCredentialsCache,
  roleCredentialsCacheKey,
} from './role-credentials-cache';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cache file names', () => {
  it('names token files by sha1 of the session name', () => {
    expect(sha1Hex('emu')).toMatch(/^6551e797/);
    expect(tokenFilePath('/c', 'emu')).toBe(`/c/${sha1Hex('emu')}.json`);
  });
  it('keys registrations like the AWS CLI (python json.dumps, sorted keys)', () => {
    expect(
      registrationCacheKey({
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'emu',
      }),
    ).toMatch(/^0bb1f3fd/);
    expect(pythonJsonDumps({ b: 1, a: ['x', 'é'] })).toBe('{"a": ["x", "\\u00e9"], "b": 1}');
  });
  it('keys role credentials with compact sorted JSON, as the AWS CLI does', () => {
    expect(roleCredentialsCacheKey('emu', '111111111111', 'Admin')).toBe(
      '{"accountId":"111111111111","roleName":"Admin","sessionName":"emu"}',
    );
  });
});

describe('token files', () => {
  it('writes the CLI fields and time form with mode 0600 and reads them back', async () => {
    const path = join(dir, 'sso', 'cache', 'x.json');
    const token = {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'at',
      expiresAt: Date.UTC(2026, 10, 22, 22, 5, 17),
      clientId: 'cid',
      clientSecret: 'cs',
      registrationExpiresAt: Date.UTC(2027, 1, 20, 21, 5, 17),
      refreshToken: 'rt',
    };
    await writeTokenFile(path, token);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toEqual({
      ...token,
      expiresAt: '2026-11-22T22:05:17Z',
      registrationExpiresAt: '2027-02-20T21:05:17Z',
    });
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'sso', 'cache'))).mode & 0o777).toBe(0o700);
    expect(await readTokenFile(path)).toEqual(token);
  });
  it('reads JS SDK and legacy tokens, and treats damaged files as absent', async () => {
    const js = join(dir, 'js.json');
    await writeFile(
      js,
      JSON.stringify(
        { accessToken: 'a', expiresAt: '2026-11-22T22:06:15.860Z', refreshToken: 'r' },
        null,
        2,
      ),
    );
    expect(await readTokenFile(js)).toMatchObject({
      accessToken: 'a',
      expiresAt: Date.UTC(2026, 10, 22, 22, 6, 15, 860),
      refreshToken: 'r',
    });
    const legacy = join(dir, 'legacy.json');
    await writeFile(
      legacy,
      '{"startUrl": "https://x.awsapps.com/start", "region": "eu-west-1", "accessToken": "b", "expiresAt": "2026-01-01T00:00:00UTC"}',
    );
    expect(await readTokenFile(legacy)).toMatchObject({ accessToken: 'b', region: 'eu-west-1' });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"accessToken": ');
    expect(await readTokenFile(broken)).toBeUndefined();
    expect(await readTokenFile(join(dir, 'missing.json'))).toBeUndefined();
  });
  it('round-trips registrations, keeping grantTypes only for PKCE ones', async () => {
    const path = join(dir, 'reg.json');
    await writeRegistrationFile(path, {
      clientId: 'c',
      clientSecret: 's',
      expiresAt: Date.UTC(2027, 0, 1),
      scopes: ['sso:account:access'],
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      clientId: 'c',
      clientSecret: 's',
      expiresAt: '2027-01-01T00:00:00Z',
      scopes: ['sso:account:access'],
    });
    expect((await readRegistrationFile(path))?.grantTypes).toBeUndefined();
  });
});

describe('role credential caches', () => {
  const creds = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: Date.UTC(2026, 10, 22, 22, 5, 17),
  };
  it('file cache writes the AWS CLI format (0600) and clears SSO entries', async () => {
    const cache = fileRoleCredentialsCache({ HOME: dir });
    const key = roleCredentialsCacheKey('emu', '111111111111', 'Admin');
    await cache.set(key, creds);
    const path = join(dir, '.aws', 'cli', 'cache', `${sha1Hex(key)}.json`);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: '2026-11-22T22:05:17Z',
      },
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await cache.get(key)).toEqual(creds);
    const other = join(dir, '.aws', 'cli', 'cache', 'assume-role.json');
    await writeFile(other, '{"ProviderType":"assume-role"}');
    await cache.clearSession('emu');
    expect(await cache.get(key)).toBeUndefined();
    expect(await readFile(other, 'utf8')).toContain('assume-role');
  });
  it('memory cache clears only the given session', async () => {
    const cache = memoryRoleCredentialsCache();
    const a = roleCredentialsCacheKey('a', '1', 'R');
    const b = roleCredentialsCacheKey('b', '1', 'R');
    await cache.set(a, creds);
    await cache.set(b, creds);
    await cache.clearSession('a');
    expect(await cache.get(a)).toBeUndefined();
    expect(await cache.get(b)).toEqual(creds);
  });
});
