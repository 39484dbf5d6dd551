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
  MORE_FORMATS,
  formatEnv,
  formatJson,
  formatProfileBlock,
  formatTimeLeft,
  validateProfileName,
} from './credential-formats';
import { isoExpiration } from './expiry-text';
import {
  fishQuote,
  formatAwsCliJson,
  formatDotenv,
  formatEnvNoExport,
  formatFish,
  formatNushell,
  nuQuote,
  shQuote,
} from './more-formats';
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
      'fish',
      'env-no-export',
      'dotenv',
      'nushell',
      'aws-json',
    ]);
    expect(cli('fish')).toBe(formatFish(C));
    expect(cli('env-no-export')).toBe(formatEnvNoExport(C));
    expect(cli('dotenv')).toBe(formatDotenv(C, 'p'));
    expect(cli('nushell')).toBe(formatNushell(C));
    expect(cli('aws-json')).toBe(formatAwsCliJson(C));
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
      'fish',
      'env-no-export',
      'dotenv',
      'nushell',
      'aws-json',
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

describe('more formats (exact bytes)', () => {
  it('fish', () => {
    expect(formatFish(C)).toBe(
      'set -gx AWS_ACCESS_KEY_ID "ASIAEXAMPLE123"\n' +
        'set -gx AWS_SECRET_ACCESS_KEY "wJalr/K7MDENG+bPxRfiCY"\n' +
        'set -gx AWS_SESSION_TOKEN "IQoJb3JpZ2luX2VjE=="\n' +
        'set -gx AWS_CREDENTIAL_EXPIRATION "2026-11-22T22:05:24+00:00"\n',
    );
  });

  it('env-no-export, as `aws configure export-credentials --format env-no-export`', () => {
    expect(formatEnvNoExport(C)).toBe(
      'AWS_ACCESS_KEY_ID=ASIAEXAMPLE123\n' +
        'AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY\n' +
        'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE==\n' +
        'AWS_CREDENTIAL_EXPIRATION=2026-11-22T22:05:24+00:00\n',
    );
  });

  it('.env file', () => {
    expect(formatDotenv(C, '123456789012_AdministratorAccess')).toBe(
      '# AWS credentials for 123456789012_AdministratorAccess, valid until 2026-11-22T22:05:24Z\n' +
        'AWS_ACCESS_KEY_ID=ASIAEXAMPLE123\n' +
        'AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY\n' +
        'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE==\n' +
        'AWS_CREDENTIAL_EXPIRATION=2026-11-22T22:05:24+00:00\n',
    );
  });

  it('Nushell', () => {
    expect(formatNushell(C)).toBe(
      '$env.AWS_ACCESS_KEY_ID = "ASIAEXAMPLE123"\n' +
        '$env.AWS_SECRET_ACCESS_KEY = "wJalr/K7MDENG+bPxRfiCY"\n' +
        '$env.AWS_SESSION_TOKEN = "IQoJb3JpZ2luX2VjE=="\n' +
        '$env.AWS_CREDENTIAL_EXPIRATION = "2026-11-22T22:05:24+00:00"\n',
    );
  });

  it('JSON, as `aws configure export-credentials --format process`', () => {
    expect(formatAwsCliJson(C)).toBe(
      '{\n' +
        '  "Version": 1,\n' +
        '  "AccessKeyId": "ASIAEXAMPLE123",\n' +
        '  "SecretAccessKey": "wJalr/K7MDENG+bPxRfiCY",\n' +
        '  "SessionToken": "IQoJb3JpZ2luX2VjE==",\n' +
        '  "Expiration": "2026-11-22T22:05:24+00:00"\n' +
        '}\n',
    );
  });

  it('quotes a value a shell would act on, and leaves AWS-shaped values bare', () => {
    expect(shQuote('AKIA+/=x')).toBe('AKIA+/=x');
    expect(shQuote("it's $HOME `x` ;|&")).toBe("'it'\\''s $HOME `x` ;|&'");
    expect(shQuote('')).toBe("''");
    expect(fishQuote('a"b\\c$d(e)')).toBe('"a\\"b\\\\c\\$d(e)"');
    expect(nuQuote('a"b\\c$d\n\u0001')).toBe('"a\\"b\\\\c$d\\n\\u{1}"');
  });

  it('escapes what Python\u2019s json.dumps escapes', () => {
    const odd = { ...C, sessionToken: 'é\u2028"\\\n\u0001😀' };
    expect(formatAwsCliJson(odd)).toContain(
      '"SessionToken": "\\u00e9\\u2028\\"\\\\\\n\\u0001\\ud83d\\ude00"',
    );
  });

  it('lists them for the "More formats" menus, in order', () => {
    expect(MORE_FORMATS.map((f) => [f.id, f.label])).toEqual([
      ['fish', 'fish'],
      ['env-no-export', 'Shell variables (no export)'],
      ['dotenv', '.env file'],
      ['nushell', 'Nushell'],
      ['aws-json', 'JSON (AWS CLI)'],
    ]);
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
