import { describe, expect, it } from 'vitest';
import { sessionStatus, summarizeListing } from './session-status';
import { statusHeadline, timeLeftWords } from '../../../shared/status-rules';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const token = {
  expiresAt: NOW + 3_600_000,
  hasRefreshToken: true,
  registrationExpiresAt: NOW + 9e8,
};

describe('sessionStatus', () => {
  it('takes the state from the token when the host knows none', () => {
    expect(sessionStatus({ session: 's', token, listing: undefined }, NOW).state).toBe('signed-in');
    expect(
      sessionStatus({ session: 's', token: { ...token, expiresAt: NOW }, listing: undefined }, NOW)
        .state,
    ).toBe('expired');
    expect(sessionStatus({ session: 's', token: undefined, listing: undefined }, NOW)).toEqual({
      session: 's',
      state: 'signed-out',
      expiresAt: null,
      refreshToken: false,
      registrationExpiresAt: null,
      accountsListedAt: null,
      accounts: null,
      roles: null,
    });
  });

  it("keeps the host's state and reports the token's facts and the listing's counts", () => {
    const listing = { updatedAt: NOW - 60_000, accounts: 3, roles: 7 };
    expect(sessionStatus({ session: 's', state: 'signing-in', token, listing }, NOW)).toEqual({
      session: 's',
      state: 'signing-in',
      expiresAt: token.expiresAt,
      refreshToken: true,
      registrationExpiresAt: token.registrationExpiresAt,
      accountsListedAt: NOW - 60_000,
      accounts: 3,
      roles: 7,
    });
  });

  it('a list never fetched from the portal counts as never listed', () => {
    const s = sessionStatus(
      { session: 's', token, listing: { updatedAt: null, accounts: 0, roles: 0 } },
      NOW,
    );
    expect([s.accountsListedAt, s.accounts, s.roles]).toEqual([null, null, null]);
  });
});

describe('summarizeListing', () => {
  it('counts accounts and the roles of every account whose roles are known (map or record)', () => {
    const accounts = [{}, {}, {}];
    expect(
      summarizeListing(
        5,
        accounts,
        new Map([
          ['a', [1, 2]],
          ['b', [3]],
        ]),
      ),
    ).toEqual({
      updatedAt: 5,
      accounts: 3,
      roles: 3,
    });
    expect(summarizeListing(null, [], { a: ['x'] })).toEqual({
      updatedAt: null,
      accounts: 0,
      roles: 1,
    });
  });
});

describe('statusHeadline', () => {
  it('words each state, with the time left while signed in', () => {
    const at = (state: Parameters<typeof statusHeadline>[0]['state'], expiresAt: number | null) =>
      statusHeadline({ state, expiresAt }, NOW);
    expect(at('signed-in', NOW + (7 * 60 + 40) * 60_000 + 59_000)).toBe(
      'Signed in · 7 h 40 min left',
    );
    expect(at('signed-in', NOW + 45_000)).toBe('Signed in · 45 s left');
    expect(at('signed-in', NOW)).toBe('Sign-in expired');
    expect(at('signed-in', null)).toBe('Signed in');
    expect(at('expired', NOW + 60_000)).toBe('Sign-in expired');
    expect(at('signed-out', null)).toBe('Signed out');
    expect(at('signing-in', null)).toBe('Signing in…');
  });

  it('rounds minutes down and shows whole hours alone', () => {
    expect(timeLeftWords(2 * 3_600_000)).toBe('2 h');
    expect(timeLeftWords(12 * 60_000 + 59_999)).toBe('12 min');
    expect(timeLeftWords(0)).toBe('0 s');
  });
});
