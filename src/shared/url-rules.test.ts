// The one https rule: every problem it words, the length limit the caller gives (at the limit
// accepted, one over refused), and addresses it takes.
import { describe, expect, it } from 'vitest';
import { httpsUrlProblem } from './url-rules';

describe('httpsUrlProblem', () => {
  it('takes https URLs with a domain, with or without a path, port or query', () => {
    for (const url of [
      'https://d-1234567890.awsapps.com/start',
      'https://updates.example.com/sso-tray/',
      'https://example.com',
      'https://portal.example.co.uk:8443/start#/',
      'https://example.com/a?b=c',
      'https://xn--bcher-kva.example/',
    ]) {
      expect(httpsUrlProblem(url, 2048), url).toBeNull();
    }
  });

  it('words each problem as the end of "this one …"', () => {
    const cases: Array<[string, string]> = [
      ['', 'is empty'],
      ['https://exa\u0000mple.com/', 'contains a NUL character (U+0000)'],
      ['https://example.com/\nstart', 'contains a line break (U+000A)'],
      ['https://example.com/a\u2028b', 'contains a line separator (U+2028)'],
      ['https://example.com/a b', 'contains spaces'],
      ['https://example.com/a\u00a0b', 'contains spaces'],
      ['example.com/start', 'is not a URL'],
      ['https://', 'is not a URL'],
      ['http://example.com/start', 'does not start with https://'],
      ['ftp://example.com/', 'does not start with https://'],
      ['https://user@example.com/', 'must not contain a user name or password'],
      ['https://:secret@example.com/', 'must not contain a user name or password'],
      ['https://localhost/start', 'has no domain in its host name'],
      ['https://intranet:8443/', 'has no domain in its host name'],
    ];
    for (const [url, problem] of cases) {
      expect(httpsUrlProblem(url, 2048), JSON.stringify(url)).toBe(problem);
    }
  });

  it('takes a URL of exactly maxLength characters and refuses one more', () => {
    const base = 'https://example.com/';
    for (const max of [40, 512, 2048]) {
      const atLimit = base + 'a'.repeat(max - base.length);
      expect(atLimit).toHaveLength(max);
      expect(httpsUrlProblem(atLimit, max)).toBeNull();
      expect(httpsUrlProblem(`${atLimit}a`, max)).toBe(`is longer than ${max} characters`);
    }
  });

  it('checks the length before anything else, so a long value is never parsed', () => {
    const long = `http://user@localhost/${'\u0000'.repeat(100)}`;
    expect(httpsUrlProblem(long, 50)).toBe('is longer than 50 characters');
    expect(httpsUrlProblem(long, 500)).toBe('contains a NUL character (U+0000)');
  });
});
