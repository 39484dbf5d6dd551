import { describe, expect, it } from 'vitest';
import { SsoTrayError } from '../main/core/errors';
import { cliErrorMessage, errorAdvice, sessionFlag } from './error-advice';

describe('the CLI words the advice for core errors', () => {
  it('names the login command for the session, quoted for a shell when it has spaces', () => {
    const e = new SsoTrayError('NOT_SIGNED_IN', 'Not signed in to my portal.', {
      session: 'my portal',
    });
    expect(cliErrorMessage(e)).toBe(
      process.platform === 'win32'
        ? 'Not signed in to my portal. Run `sso-tray login --session "my portal"` to sign in.'
        : "Not signed in to my portal. Run `sso-tray login --session 'my portal'` to sign in.",
    );
    expect(sessionFlag('work')).toBe('--session work');
  });

  it('asks to sign in again after an expiry, with or without a session', () => {
    expect(errorAdvice(new SsoTrayError('SESSION_EXPIRED', 'x', { session: 'work' }))).toBe(
      'Run `sso-tray login --session work` to sign in again.',
    );
    expect(errorAdvice(new SsoTrayError('SESSION_EXPIRED', 'x'))).toBe(
      'Run `sso-tray login` to sign in again.',
    );
  });

  it('says how to add a missing session and how to choose one of several', () => {
    const missing = { detail: { kind: 'missing-session' } } as const;
    expect(errorAdvice(new SsoTrayError('CONFIG', 'x', { ...missing, session: 'dev' }))).toBe(
      'Run `sso-tray login --session dev --start-url URL --region REGION` to add it.',
    );
    expect(errorAdvice(new SsoTrayError('CONFIG', 'x', missing))).toBe(
      'Run `sso-tray login --start-url URL --region REGION` to add one.',
    );
    expect(
      errorAdvice(
        new SsoTrayError('INVALID_INPUT', 'x', {
          detail: { kind: 'choose-session', sessions: ['a', 'b'] },
        }),
      ),
    ).toBe('Choose one with --session NAME.');
  });

  it('adds nothing where the core message is all there is to say', () => {
    const e = new SsoTrayError('ACCESS_DENIED', 'Access denied when trying to list accounts.');
    expect(cliErrorMessage(e)).toBe(e.message);
    expect(errorAdvice(new SsoTrayError('CONFIG', 'The line is broken.', { session: 'x' }))).toBe(
      undefined,
    );
  });
});
