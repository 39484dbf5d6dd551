import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileRoleCredentialsCache,
  ROLE_CREDENTIALS_MARGIN_MS,
  roleCredentialsCacheDir,
  roleCredentialsCacheKey,
} from '../main/core/sso';
import { sha1Hex } from '../main/core/sso/cache-files';
import { useConfigHome } from '../main/core/testing/config-home';
import { formatCredentialProcess } from '../shared/credential-formats';
import { cachedCredentialProcess } from './cached-answer';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const ACCOUNT = '123456789012';
const ROLE = 'Admin';
const SESSION = 'work';
const CREDS = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret/value+1',
  sessionToken: 'token==',
  expiration: NOW + 60 * 60 * 1000,
};
const ARGS = ['credential-process', '--account', ACCOUNT, '--role', ROLE, '--session', SESSION];

describe('cachedCredentialProcess', () => {
  let env: Record<string, string>;
  useConfigHome('sso-tray-cached-', (h) => ({ env } = h));

  const store = (c = CREDS, session = SESSION, account = ACCOUNT, role = ROLE) =>
    fileRoleCredentialsCache(env).set(roleCredentialsCacheKey(session, account, role), c);

  it('prints the credential_process JSON of usable cached credentials', async () => {
    await store();
    expect(await cachedCredentialProcess(ARGS, env, NOW)).toBe(formatCredentialProcess(CREDS));
    // options in any order, the --flag=value form included
    const other = [
      'credential-process',
      `--session=${SESSION}`,
      '--role',
      ROLE,
      '--account',
      ACCOUNT,
    ];
    expect(await cachedCredentialProcess(other, env, NOW)).toBe(formatCredentialProcess(CREDS));
  });

  it('leaves credentials within the margin of their expiry to the full command', async () => {
    await store({ ...CREDS, expiration: NOW + ROLE_CREDENTIALS_MARGIN_MS });
    expect(await cachedCredentialProcess(ARGS, env, NOW)).toBeUndefined();
    await store({ ...CREDS, expiration: NOW + ROLE_CREDENTIALS_MARGIN_MS + 1000 });
    expect(await cachedCredentialProcess(ARGS, env, NOW)).toBeDefined();
  });

  it('answers only for the same session, account and role', async () => {
    await store(CREDS, 'other');
    await store(CREDS, SESSION, '210987654321');
    await store(CREDS, SESSION, ACCOUNT, 'ReadOnly');
    expect(await cachedCredentialProcess(ARGS, env, NOW)).toBeUndefined();
  });

  it('leaves every other command line to the full command', async () => {
    await store();
    const without = (flag: string) => {
      const i = ARGS.indexOf(flag);
      return [...ARGS.slice(0, i), ...ARGS.slice(i + 2)];
    };
    for (const argv of [
      ['credentials', ...ARGS.slice(1)],
      [...ARGS, '--help'],
      [...ARGS, '-h'],
      [...ARGS, '--verbose'],
      ['--verbose', ...ARGS],
      [...ARGS, '--', 'x'],
      [...ARGS, '--frob'],
      [...ARGS, 'extra'],
      without('--session'),
      without('--account'),
      without('--role'),
      [...without('--session'), '--session', ''],
      ['credential-process', '--account', '12345', '--role', ROLE, '--session', SESSION],
      ['credential-process', '--account', ACCOUNT, '--role', 'a b', '--session', SESSION],
    ]) {
      expect(await cachedCredentialProcess(argv, env, NOW), argv.join(' ')).toBeUndefined();
    }
  });

  it('leaves unreadable, foreign or incomplete cache files to the full command', async () => {
    const path = join(
      roleCredentialsCacheDir(env),
      `${sha1Hex(roleCredentialsCacheKey(SESSION, ACCOUNT, ROLE))}.json`,
    );
    await store();
    for (const text of [
      '{not json',
      'null',
      '{"Credentials":{"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T"}}',
      '{"Credentials":{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2099-01-01T00:00:00Z"}}',
    ]) {
      writeFileSync(path, text);
      expect(await cachedCredentialProcess(ARGS, env, NOW), text).toBeUndefined();
    }
  });
});
