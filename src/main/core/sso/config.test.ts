import { describe, expect, it } from 'vitest';
import { isSsoTrayError } from '../errors';
import { upsertSection } from '../files/ini-edit';
import { readSsoConfig, type ConfigReading } from './config';
import { ssoSessionKeysToAdd } from './sso-session-writer';
import { shlexSplit } from './shlex';

const URL_A = 'https://d-1111111111.awsapps.com/start';
const URL_B = 'https://d-2222222222.awsapps.com/start';

const names = (r: ConfigReading) => r.sessions.map((s) => s.name);
const reasons = (r: ConfigReading) => r.issues.map((i) => `${i.section ?? '(file)'}: ${i.reason}`);

describe('shlexSplit (Python shlex.split, POSIX)', () => {
  it.each([
    ['sso-session emu', ['sso-session', 'emu']],
    ['sso-session  "my portal"', ['sso-session', 'my portal']],
    ["profile 'a b'", ['profile', 'a b']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile "a\\"b"', ['profile', 'a"b']],
    ['profile "a\\xb"', ['profile', 'a\\xb']],
    ['profile x"y z"w', ['profile', 'xy zw']],
    ['sso-session ""', ['sso-session', '']],
    ['sso-session', ['sso-session']],
  ])('%j -> %j', (input, words) => {
    expect(shlexSplit(input)).toEqual(words);
  });
  it.each(['profile "open', "profile 'open", 'profile end\\'])('%j is an error', (input) => {
    expect(shlexSplit(input)).toBeNull();
  });
});

describe('readSsoConfig', () => {
  it('offers each usable [sso-session] and lists every other one with its reason', () => {
    const r = readSsoConfig(
      [
        '[sso-session good]',
        `sso_start_url = ${URL_A}`,
        'sso_region = us-east-1',
        '[sso-session has space]',
        `sso_start_url = ${URL_B}`,
        'sso_region = us-east-1',
        '[sso-session noregion]',
        `sso_start_url = ${URL_B}`,
        '[sso-session nourl]',
        'sso_region = us-east-1',
        '[sso-session http]',
        'sso_start_url = http://d-3.awsapps.com/start',
        'sso_region = us-east-1',
        '[sso-session moon]',
        `sso_start_url = ${URL_B}`,
        'sso_region = moon-1',
        '[sso-session "quoted name"]',
        `sso_start_url = ${URL_B}`,
        'sso_region = eu-west-1',
        '',
      ].join('\n'),
    );
    expect(names(r)).toEqual(['good', 'quoted name']);
    expect(r.sessions[0]).toMatchObject({
      kind: 'sso-session',
      cacheKey: 'good',
      startUrl: URL_A,
      region: 'us-east-1',
      scopes: ['sso:account:access'],
    });
    expect(reasons(r)).toEqual([
      'sso-session has space: has a space in its name, so botocore skips it',
      'sso-session noregion: no sso_region',
      'sso-session nourl: no sso_start_url',
      'sso-session http: start URL does not start with https://',
      'sso-session moon: sso_region "moon-1" is not an AWS region name',
    ]);
    const space = r.issues[0];
    expect(space).toMatchObject({ line: 4 });
    expect(space?.fix).toMatch(/\[sso-session has-space\].*\[sso-session "has space"\]/);
    expect(r.issues.find((i) => i.section === 'sso-session noregion')).toMatchObject({
      session: 'noregion',
      line: 7,
      fix: expect.stringMatching(/Add sso_region/),
    });
  });

  it('names sessions exactly as botocore does: header not stripped, later section wins', () => {
    const r = readSsoConfig(
      [
        '[ sso-session padded ]', // configparser keeps the spaces: not an sso-session
        `sso_start_url = ${URL_A}`,
        'sso_region = us-east-1',
        '[sso-session   wide]',
        `sso_start_url = ${URL_A}`,
        'sso_region = us-east-1',
        '[sso-session "wide"]',
        `sso_start_url = ${URL_B}`,
        'sso_region = eu-west-1',
      ].join('\n'),
    );
    expect(names(r)).toEqual(['wide']);
    expect(r.sessions[0]).toMatchObject({ startUrl: URL_B, region: 'eu-west-1' });
    expect(reasons(r)).toEqual([
      'sso-session "wide": defines the session wide again; the later one is used',
    ]);
  });

  it('offers each distinct start URL of legacy SSO profiles as one session', () => {
    const r = readSsoConfig(
      [
        '[default]',
        `sso_start_url = ${URL_A}`,
        'sso_region = us-west-2',
        'sso_account_id = 111111111111',
        'sso_role_name = Admin',
        '[profile dev]',
        `sso_start_url = ${URL_A}`,
        'sso_region = us-west-2',
        '[profile other]',
        `sso_start_url = ${URL_B}`,
        'sso_region = eu-west-1',
        '[profile no-region]',
        'sso_start_url = https://d-9.awsapps.com/start',
        '[profile plain]',
        'region = eu-west-1',
      ].join('\n'),
    );
    expect(r.sessions).toEqual([
      {
        name: 'd-1111111111',
        startUrl: URL_A,
        region: 'us-west-2',
        scopes: ['sso:account:access'],
        kind: 'legacy',
        cacheKey: URL_A,
        profiles: ['default', 'dev'],
      },
      expect.objectContaining({ name: 'd-2222222222', cacheKey: URL_B, profiles: ['other'] }),
    ]);
    expect(reasons(r)).toEqual(['profile no-region: legacy SSO profile without sso_region']);
  });

  it('does not offer a legacy start URL an [sso-session] already covers; names never clash', () => {
    const r = readSsoConfig(
      [
        '[sso-session d-2222222222]',
        `sso_start_url = ${URL_A}`,
        'sso_region = us-east-1',
        '[profile same-portal]',
        `sso_start_url = ${URL_A}/`,
        'sso_region = us-east-1',
        '[profile clash]',
        `sso_start_url = ${URL_B}`,
        'sso_region = us-east-1',
      ].join('\n'),
    );
    expect(names(r)).toEqual(['d-2222222222', 'd-2222222222-2']);
    expect(r.sessions[1]).toMatchObject({ kind: 'legacy', startUrl: URL_B });
  });

  it('reports profiles that point at a missing session, and file-level problems', () => {
    const text = [
      '\ufeff[profile p]',
      'sso_session = nope',
      'region = eu-west-1',
      'region = eu-west-2',
      'just words',
      '[profile p]',
      '[sso-session s]',
      `sso_start_url = ${URL_A}`,
      'sso_region = us-east-1',
      '[profile q]',
      'sso_session = s',
      `sso_start_url = ${URL_B}`,
    ].join('\r\n');
    const r = readSsoConfig(text);
    expect(names(r)).toEqual(['s']);
    expect(reasons(r)).toEqual([
      '(file): neither a [section] header nor a key = value line, so the AWS CLI refuses the whole file',
      'profile p: sets region twice (first on line 3), so the AWS CLI refuses the whole file',
      'profile p: appears twice (first on line 1), so the AWS CLI refuses the whole file',
      '(file): starts with a byte order mark (BOM), which the AWS CLI cannot read',
      // the two [profile p] sections read as one (as the JS SDK reads them)
      'profile p: sso_session = nope, but there is no [sso-session nope]',
      'profile q: its sso_start_url differs from the one of [sso-session s], so the AWS tools refuse the profile',
    ]);
  });

  it('never throws, whatever the text', () => {
    for (const text of [
      '',
      '[',
      ']]][[',
      '\u0000\u2028',
      'x = y',
      '[sso-session]\nsso_region=',
      '[sso-session "]',
    ]) {
      expect(() => readSsoConfig(text)).not.toThrow();
    }
    expect(reasons(readSsoConfig('[sso-session]\n'))).toEqual([
      'sso-session: has no name after "sso-session"',
    ]);
  });
});

describe('the one writer of [sso-session] (ensureSsoSession)', () => {
  const s = { name: 'work', startUrl: URL_A, region: 'us-east-1', scopes: ['sso:account:access'] };
  /** What ensureSsoSession does to a text; null when it changes nothing. */
  const ssoSessionEdit = (text: string, session: typeof s, file: string): string | null => {
    const keys = ssoSessionKeysToAdd(text, session, file);
    return keys.length === 0 ? null : upsertSection(text, `sso-session ${session.name}`, keys);
  };

  it('appends a new section, leaving every other byte as it was', () => {
    const before = '# keep me\r\n[profile x]\r\nregion = eu-west-1\r\n';
    const after = ssoSessionEdit(before, s, 'config');
    expect(after).toBe(
      `${before}\r\n[sso-session work]\r\nsso_start_url = ${URL_A}\r\nsso_region = us-east-1\r\nsso_registration_scopes = sso:account:access\r\n`,
    );
  });

  it('changes nothing for the same session (trailing slash and host case aside)', () => {
    const text = `[sso-session work]\nsso_start_url = ${URL_A.replace('d-', 'D-')}/\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;
    expect(ssoSessionEdit(text, s, 'config')).toBeNull();
    // only missing scopes are added to a usable session, and only where its header is plain
    const noScopes = `[sso-session work]\nsso_start_url = ${URL_A}\nsso_region = us-east-1\n`;
    expect(ssoSessionEdit(noScopes, s, 'config')).toBe(
      `${noScopes}sso_registration_scopes = sso:account:access\n`,
    );
    const quoted = `[sso-session "work"]\nsso_start_url = ${URL_A}\nsso_region = us-east-1\n`;
    expect(ssoSessionEdit(quoted, s, 'config')).toBeNull();
  });

  it('fills in what an incomplete section lacks, and never changes a different start URL or region', () => {
    const incomplete = `[sso-session work]\nsso_start_url = ${URL_A}\n`;
    expect(ssoSessionEdit(incomplete, s, 'config')).toBe(
      `[sso-session work]\nsso_start_url = ${URL_A}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    );
    for (const other of [
      `[sso-session work]\nsso_start_url = ${URL_B}\nsso_region = us-east-1\n`,
      `[sso-session work]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\n`,
      `[sso-session work]\nsso_region = eu-west-1\n`,
    ]) {
      let error: unknown;
      try {
        ssoSessionEdit(other, s, 'config');
      } catch (e) {
        error = e;
      }
      expect(isSsoTrayError(error) && error.code).toBe('CONFIG');
    }
  });
});
