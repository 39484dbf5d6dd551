import { describe, expect, it } from 'vitest';
import type { TrayState } from './state';
import { trayStatus } from './status';
import { formatTimeLeft, msUntilDisplayChanges } from './time-left';

const NOW = Date.UTC(2026, 0, 1, 9, 0, 0);
const MIN = 60_000;
const H = 60 * MIN;

function state(over: Partial<TrayState> = {}): TrayState {
  return {
    now: NOW,
    platform: 'darwin',
    sessions: [{ name: 'acme', status: 'signed-in', expiresAt: NOW + 8 * H }],
    activeSession: 'acme',
    accounts: [],
    favourites: [],
    recents: [],
    credentials: [],
    thresholdsMinutes: [15, 5],
    ...over,
  };
}

const creds = (minutes: number, extra = {}) => ({
  session: 'acme',
  accountId: '123456789012',
  roleName: 'Admin',
  source: 'copied' as const,
  expiresAt: NOW + minutes * MIN,
  ...extra,
});

describe('trayStatus', () => {
  it('signed out: grey icon, no title, no timer', () => {
    expect(trayStatus(state({ sessions: [], activeSession: null }))).toEqual({
      icon: 'signed-out',
      title: '',
      tooltip: 'SSO Tray — signed out',
      nextUpdateInMs: null,
    });
  });

  it('counts down the session when no credentials are in use', () => {
    const s = trayStatus(state());
    expect(s).toMatchObject({ icon: 'ok', title: '8h 00m' });
    expect(s.tooltip).toBe('SSO Tray — signed in to acme · 8 h left');
  });

  it('counts down the soonest of copied and written credentials', () => {
    const s = trayStatus(
      state({
        credentials: [
          creds(50),
          creds(42, { roleName: 'Dev', source: 'written', profileName: 'dev' }),
          creds(-5, { roleName: 'Old' }),
        ],
      }),
    );
    expect(s).toMatchObject({ icon: 'ok', title: '42m' });
    expect(s.tooltip).toBe('SSO Tray — profile dev · 42 min left');
  });

  it('turns to expiring at the first threshold and updates each minute', () => {
    const s = trayStatus(state({ credentials: [creds(12.5)] }));
    expect(s.icon).toBe('expiring');
    expect(s.title).toBe('12m');
    expect(s.nextUpdateInMs).toBe(30_001);
  });

  it('asks for an update exactly when the icon should change colour', () => {
    const s = trayStatus(state({ credentials: [creds(15 + 0.25)] }));
    expect(s.icon).toBe('ok');
    expect(s.nextUpdateInMs).toBe(15_000);
  });

  it('updates each second in the last minute', () => {
    const s = trayStatus(state({ credentials: [creds(0.75)] }));
    expect(s).toMatchObject({ icon: 'expiring', title: '45s' });
    expect(s.nextUpdateInMs).toBe(1000);
  });

  it('shows expired when every credential in use has expired', () => {
    const s = trayStatus(state({ credentials: [creds(-1)] }));
    expect(s).toMatchObject({ icon: 'expired', title: 'expired' });
    expect(s.tooltip).toContain('expired');
  });

  it('shows expired when the session has ended', () => {
    const s = trayStatus(
      state({ sessions: [{ name: 'acme', status: 'signed-in', expiresAt: NOW - 1 }] }),
    );
    expect(s).toMatchObject({ icon: 'expired', nextUpdateInMs: null });
  });
});

describe('time left', () => {
  it.each([
    [7 * H + 12 * MIN + 59_000, '7 h 12 min'],
    [2 * H, '2 h'],
    [59 * MIN + 59_999, '59 min'],
    [MIN, '1 min'],
    [59_001, '60 s'],
    [1, '1 s'],
    [0, '0 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatTimeLeft(ms)).toBe(text);
  });

  it('the display really changes when msUntilDisplayChanges says, and not before', () => {
    for (const ms of [3 * H + 1, 2 * MIN, 61_000, 60_000, 59_500, 1500, 1000, 7]) {
      const wait = msUntilDisplayChanges(ms);
      expect(formatTimeLeft(ms - wait)).not.toBe(formatTimeLeft(ms));
      expect(formatTimeLeft(ms - wait + 1)).toBe(formatTimeLeft(ms));
    }
  });
});
