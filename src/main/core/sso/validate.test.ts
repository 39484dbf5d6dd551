import { describe, expect, it } from 'vitest';
import { isSsoTrayError } from '../errors';
import { resolveEndpoint } from './endpoints';
import { codeChallengeS256, createCodeVerifier } from './pkce';
import { formatCliTime, parseAwsTime } from './time';
import {
  sessionNameFromStartUrl,
  validateRegion,
  validateSessionName,
  validateStartUrl,
} from './validate';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return isSsoTrayError(e) ? e.code : 'other';
  }
}

describe('region and start URL validation', () => {
  it.each(['us-east-1', 'eu-west-3', 'us-gov-west-1', 'us-isob-east-1', 'ap-southeast-2'])(
    'accepts region %s',
    (r) => expect(validateRegion(r)).toBe(r),
  );
  it.each(['', 'US-EAST-1', 'us-east', 'useast1', 'us-east-1x', 'us_east_1', 'eu-west-1a'])(
    'rejects region "%s"',
    (r) => expect(codeOf(() => validateRegion(r))).toBe('INVALID_REGION'),
  );
  it('accepts an https start URL', () => {
    expect(validateStartUrl('https://d-1234567890.awsapps.com/start')).toBe(
      'https://d-1234567890.awsapps.com/start',
    );
  });
  it.each([
    'http://d-1234567890.awsapps.com/start',
    'd-1234567890.awsapps.com/start',
    'https://d-12 34.awsapps.com/start',
    `https://example.com/${'a'.repeat(520)}`,
    'https://user:pw@example.com/start',
    '',
  ])('rejects start URL %s', (u) =>
    expect(codeOf(() => validateStartUrl(u))).toBe('INVALID_START_URL'),
  );

  it('refuses control characters, NEL and U+2028/U+2029 in a start URL or session name, saying which', () => {
    // U+0085 is not whitespace to a RegExp, so it passed the space check and was written
    for (const ch of ['\u0000', '\u0085', '\u2028', '\u2029', '\u0007']) {
      let message = '';
      try {
        validateStartUrl(`https://d-1234567890.awsapps.com/start${ch}x`);
      } catch (e) {
        expect(isSsoTrayError(e, 'INVALID_START_URL')).toBe(true);
        message = (e as Error).message;
      }
      expect(message).toMatch(/^The start URL contains .*\(U\+[0-9A-F]{4}\)/);
      expect(codeOf(() => validateSessionName(`a${ch}b`))).toBe('INVALID_INPUT');
    }
    expect(() => validateSessionName('a\u0085b')).toThrow(
      /^The session name contains a next-line character \(U\+0085\)/,
    );
  });

  it('derives a session name from the start URL host', () => {
    expect(sessionNameFromStartUrl('https://d-1234567890.awsapps.com/start')).toBe('d-1234567890');
    expect(sessionNameFromStartUrl('https://My.Portal.example/start')).toBe('my');
  });
  it('rejects session names the INI format cannot carry', () => {
    expect(validateSessionName('emu')).toBe('emu');
    for (const bad of ['', 'a b', 'x]', '[x', 'a#b', 'a;b']) {
      expect(codeOf(() => validateSessionName(bad))).toBe('INVALID_INPUT');
    }
  });
});

describe('endpoints', () => {
  it('prefers the service variable, then AWS_ENDPOINT_URL, then the region default', () => {
    const env = {
      AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:1/',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:2',
    };
    expect(resolveEndpoint('sso', 'eu-west-1', env)).toBe('http://127.0.0.1:1');
    expect(resolveEndpoint('sso-oidc', 'eu-west-1', env)).toBe('http://127.0.0.1:2');
    expect(resolveEndpoint('sts', 'eu-west-1', {})).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(resolveEndpoint('sso', 'eu-west-1', {})).toBe(
      'https://portal.sso.eu-west-1.amazonaws.com',
    );
    expect(resolveEndpoint('sso-oidc', 'cn-north-1', {})).toBe(
      'https://oidc.cn-north-1.amazonaws.com.cn',
    );
    expect(
      resolveEndpoint('sso', 'eu-west-1', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
    ).toBe('https://portal.sso.eu-west-1.amazonaws.com');
  });
});

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
  it('makes 64-character verifiers from the unreserved alphabet, different each time', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(b).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(a).not.toBe(b);
    expect(codeChallengeS256(a)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('token cache times', () => {
  it('reads the AWS CLI and the JS SDK forms', () => {
    expect(parseAwsTime('2026-11-22T22:05:17Z')).toBe(Date.UTC(2026, 10, 22, 22, 5, 17));
    expect(parseAwsTime('2026-11-22T22:06:15.860Z')).toBe(Date.UTC(2026, 10, 22, 22, 6, 15, 860));
    expect(parseAwsTime('2026-11-22T22:05:17+00:00')).toBe(Date.UTC(2026, 10, 22, 22, 5, 17));
    expect(parseAwsTime('2026-11-22T23:05:17+0100')).toBe(Date.UTC(2026, 10, 22, 22, 5, 17));
    expect(parseAwsTime('2026-11-22T22:05:17UTC')).toBe(Date.UTC(2026, 10, 22, 22, 5, 17));
    expect(parseAwsTime('tomorrow')).toBeUndefined();
    expect(parseAwsTime(1234)).toBeUndefined();
  });
  it('writes the AWS CLI form', () => {
    expect(formatCliTime(Date.UTC(2026, 10, 22, 22, 6, 15, 860))).toBe('2026-11-22T22:06:15Z');
  });
});
