import { describe, expect, it } from 'vitest';
import { SsoTrayError } from '../errors';
import { MemoryLogSink, createLogger, describeError, formatLogLine } from './logger';
import { redact, redactSecrets } from './redact';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEHEaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexample//////wEaDA';
const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('redactSecrets', () => {
  it.each([
    SECRET_KEY,
    SESSION_TOKEN,
    JWT,
    'ASIAQWERTYUIOPASDFGH',
    'AKIAIOSFODNN7EXAMPLE',
    'aoJGZXIvYXdzEKb//////////wEaDJ2Sn1d1Yy0k9pPtcCKzAbExampleToken',
    // a secret key that happens to start with "/" is still a secret key
    '/K7MDENG/bPxRfiCYEXAMPLEKEY/wJalrXUtnFEM',
  ])('takes out %s', (secret) => {
    const out = redactSecrets(`before ${secret} after`);
    expect(out).not.toContain(secret);
    expect(out).toBe('before [redacted] after');
  });

  it('keeps paths and URLs made of short parts, and a bearer header never', () => {
    for (const keep of [
      '/home/alexandra/.aws/credentials.lock',
      'https://d-1234567890.awsapps.com/start/#/console',
      'C:\\Users\\someone\\.aws\\config',
      'short words stay',
    ]) {
      expect(redactSecrets(keep)).toBe(keep);
    }
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('https://x.example/cb?code=abcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      'https://x.example/cb?[redacted]',
    );
  });

  it('redact also keeps a message on one bounded line', () => {
    expect(redact('a\nb\u2028c')).toBe('a b c');
    expect(redact('x'.repeat(50).split('').join(' '), 20)).toHaveLength(20);
  });
});

describe('the logger', () => {
  it('writes entries at or above its level, with scopes, redacted fields and described errors', () => {
    const sink = new MemoryLogSink();
    const log = createLogger(sink, { level: 'info', now: () => Date.UTC(2026, 11, 1, 12) });
    const files = log.child('files');
    files.debug('dropped');
    files.warn(`lock taken over for ${SECRET_KEY}`, {
      path: '/home/me/.aws/credentials',
      attempts: 3,
      sessionToken: SESSION_TOKEN,
      clientSecret: 'anything',
      error: new SsoTrayError('FILE', `Cannot write /home/me/.aws/credentials: EACCES ${JWT}`),
    });
    log.child('ipc').child('main').error('refused', { channel: 'sessions.add' });
    expect(sink.entries.map((e) => [e.level, e.scope])).toEqual([
      ['warn', 'files'],
      ['error', 'ipc.main'],
    ]);
    const line = formatLogLine(sink.entries[0]!);
    expect(line).toBe(
      '2026-12-01T12:00:00.000Z WARN  [files] lock taken over for [redacted] path=/home/me/.aws/credentials attempts=3 sessionToken=[redacted] clientSecret=[redacted] error="SsoTrayError (FILE): Cannot write /home/me/.aws/credentials: EACCES [redacted]"',
    );
    for (const secret of [SECRET_KEY, SESSION_TOKEN, JWT])
      expect(sink.text()).not.toContain(secret);
  });

  it('describes SDK errors by name, code and HTTP status, and survives a sink that throws', () => {
    const e = Object.assign(new Error('Session token not found or invalid'), {
      name: 'UnauthorizedException',
      $metadata: { httpStatusCode: 401 },
    });
    expect(describeError(e)).toBe(
      'UnauthorizedException (HTTP 401): Session token not found or invalid',
    );
    expect(describeError('plain')).toBe('plain');
    const log = createLogger({
      write: () => {
        throw new Error('disk full');
      },
    });
    expect(() => log.error('x')).not.toThrow();
  });
});
