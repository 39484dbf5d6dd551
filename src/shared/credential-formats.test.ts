import { describe, expect, it } from 'vitest';
import {
  CLI_FORMATS,
  COPY_KINDS,
  defaultProfileName,
  ENV_FORMATS,
  envFormatsFor,
  platformEnvFormat,
  formatCredentialProcess,
  formatCredentials,
  formatEnv,
  formatJson,
  formatProfileBlock,
  formatTimeLeft,
  isoExpiration,
  validateProfileName,
} from './credential-formats';
import type { RoleCredentials } from './schemas';

const C: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLE123',
  secretAccessKey: 'wJalr/K7MDENG+bPxRfiCY',
  sessionToken: 'IQoJb3JpZ2luX2VjE==',
  expiration: Date.UTC(2026, 10, 22, 22, 5, 24, 999),
};

describe('output formats (exact bytes)', () => {
  it('macOS and Linux', () => {
    expect(formatEnv(C, 'macos')).toBe(
      'export AWS_ACCESS_KEY_ID="ASIAEXAMPLE123"\n' +
        'export AWS_SECRET_ACCESS_KEY="wJalr/K7MDENG+bPxRfiCY"\n' +
        'export AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjE=="\n',
    );
  });

  it('Windows cmd, without quotes', () => {
    expect(formatEnv(C, 'windows')).toBe(
      'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE123\n' +
        'set AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY\n' +
        'set AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE==\n',
    );
  });

  it('PowerShell', () => {
    expect(formatEnv(C, 'powershell')).toBe(
      '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLE123"\n' +
        '$Env:AWS_SECRET_ACCESS_KEY="wJalr/K7MDENG+bPxRfiCY"\n' +
        '$Env:AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjE=="\n',
    );
  });

  it('profile block', () => {
    expect(formatProfileBlock(C, '123456789012_AdministratorAccess')).toBe(
      '[123456789012_AdministratorAccess]\n' +
        'aws_access_key_id=ASIAEXAMPLE123\n' +
        'aws_secret_access_key=wJalr/K7MDENG+bPxRfiCY\n' +
        'aws_session_token=IQoJb3JpZ2luX2VjE==\n',
    );
  });

  it('credential_process JSON: Version 1, ISO expiration cut to the second', () => {
    expect(formatCredentialProcess(C)).toBe(
      '{"Version":1,"AccessKeyId":"ASIAEXAMPLE123","SecretAccessKey":"wJalr/K7MDENG+bPxRfiCY",' +
        '"SessionToken":"IQoJb3JpZ2luX2VjE==","Expiration":"2026-11-22T22:05:24Z"}\n',
    );
  });

  it('pretty JSON', () => {
    expect(formatJson(C)).toBe(
      '{\n' +
        '  "accessKeyId": "ASIAEXAMPLE123",\n' +
        '  "secretAccessKey": "wJalr/K7MDENG+bPxRfiCY",\n' +
        '  "sessionToken": "IQoJb3JpZ2luX2VjE==",\n' +
        '  "expiration": "2026-11-22T22:05:24Z"\n' +
        '}\n',
    );
  });

  it('formatCredentials dispatches every CLI format', () => {
    const cli = (name: string): string => {
      const format = CLI_FORMATS.find((f) => f.cli.name === name);
      if (format === undefined) throw new Error(`no CLI format ${name}`);
      return formatCredentials(C, format.id, 'p');
    };
    expect(CLI_FORMATS.map((f) => f.cli.name)).toEqual([
      'env',
      'cmd',
      'powershell',
      'ini',
      'json',
      'process',
    ]);
    expect(cli('env')).toBe(formatEnv(C, 'macos'));
    expect(cli('cmd')).toBe(formatEnv(C, 'windows'));
    expect(cli('powershell')).toBe(formatEnv(C, 'powershell'));
    expect(cli('ini')).toBe(formatProfileBlock(C, 'p'));
    expect(cli('json')).toBe(formatJson(C));
    expect(cli('process')).toBe(formatCredentialProcess(C));
  });

  it('formatCredentials gives the copy kinds the window and the tray use', () => {
    expect(COPY_KINDS).toEqual([
      'env-macos',
      'env-windows',
      'env-powershell',
      'profile',
      'accessKeyId',
      'secretAccessKey',
      'sessionToken',
    ]);
    expect(formatCredentials(C, 'profile', 'p')).toBe(formatProfileBlock(C, 'p'));
    expect(formatCredentials(C, 'accessKeyId', 'p')).toBe('ASIAEXAMPLE123');
    expect(formatCredentials(C, 'secretAccessKey', 'p')).toBe('wJalr/K7MDENG+bPxRfiCY');
    expect(formatCredentials(C, 'sessionToken', 'p')).toBe('IQoJb3JpZ2luX2VjE==');
    for (const f of ENV_FORMATS)
      expect(formatCredentials(C, f.id, 'p')).toBe(formatEnv(C, f.shell));
  });

  it('isoExpiration of a whole second', () => {
    expect(isoExpiration(Date.UTC(2030, 0, 2, 3, 4, 5))).toBe('2030-01-02T03:04:05Z');
  });
});

describe('the list of formats', () => {
  it('names the environment blocks as the dialog and the tray show them', () => {
    expect(ENV_FORMATS.map((f) => [f.id, f.label, f.shortLabel])).toEqual([
      ['env-macos', 'macOS and Linux', 'macOS/Linux'],
      ['env-windows', 'Windows', 'Windows'],
      ['env-powershell', 'PowerShell', 'PowerShell'],
    ]);
  });

  it("puts the user's own system first", () => {
    const ids = (platform: string) => envFormatsFor(platform).map((f) => f.id);
    expect(ids('linux')).toEqual(['env-macos', 'env-windows', 'env-powershell']);
    expect(ids('darwin')).toEqual(['env-macos', 'env-windows', 'env-powershell']);
    expect(ids('win32')).toEqual(['env-windows', 'env-powershell', 'env-macos']);
    expect(platformEnvFormat('win32').shell).toBe('windows');
    expect(platformEnvFormat('darwin').shell).toBe('macos');
  });
});

describe('profile names', () => {
  it('defaults to ACCOUNTID_ROLENAME', () => {
    expect(defaultProfileName('123456789012', 'AdministratorAccess')).toBe(
      '123456789012_AdministratorAccess',
    );
  });

  it.each([
    'default',
    '123456789012_AdministratorAccess',
    'dev-eu.1',
    'a=b',
    'x:y',
    'ünïcödé',
    'role+=,.@-_',
    'a'.repeat(128),
  ])('accepts %j', (name) => {
    expect(validateProfileName(name)).toEqual({ ok: true });
  });

  it.each([
    ['', /Enter a profile name/],
    ['a'.repeat(129), /at most 128/],
    ['a b', /whitespace/],
    ['a\tb', /control characters \(U\+0009\)/],
    ['a\u00a0b', /whitespace/],
    ['a[b', /"\["/],
    ['a]b', /"\]"/],
    ['a#b', /"#"/],
    ['a;b', /";"/],
    ['a"b', /"""/],
    ["a'b", /"'"/],
    ['a\\b', /"\\"/],
    ['a\nb', /U\+000A/],
    ['a\u007fb', /U\+007F/],
    ['DEFAULT', /reserved/],
    ['__proto__', /not accepted/],
  ])('rejects %j with a message naming the problem', (name, message) => {
    const r = validateProfileName(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('formatTimeLeft', () => {
  it.each([
    [0, 'expired'],
    [-5, 'expired'],
    [999, '0s'],
    [59_000, '59s'],
    [61_000, '1m 01s'],
    [3_599_000, '59m 59s'],
    [3_900_000, '1h 05m'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatTimeLeft(ms)).toBe(text);
  });
});
