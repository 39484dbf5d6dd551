// The web host's pure parts: flag parsing (own flags vs the emulator's) and the fast clock.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../emulator/main';
import { ControllableClock } from './clock';
import { parseWebHostArgs } from './main';
import { tokenMatches } from './server';

describe('demo:web flags', () => {
  it('keeps its own flags and passes the rest to the emulator', () => {
    const { help, options } = parseWebHostArgs([
      '--port',
      '8080',
      '--home=/tmp/x',
      '--clock-speed',
      '60',
      '--auto-approve',
      '--credential-seconds',
      '240',
      '--accounts=50',
      '--emulator-port',
      '9000',
      '--platform',
      'win32',
    ]);
    expect(help).toBe(false);
    expect(options).toEqual({
      port: 8080,
      home: '/tmp/x',
      clockSpeed: 60,
      platform: 'win32',
      emulator: { autoApprove: true, credentialSeconds: 240, accounts: 50, port: 9000 },
    });
  });

  it('rejects unknown flags and bad values', () => {
    expect(() => parseWebHostArgs(['--nope'])).toThrow(UsageError);
    expect(() => parseWebHostArgs(['--port', 'x'])).toThrow(UsageError);
    expect(() => parseWebHostArgs(['--platform', 'beos'])).toThrow(UsageError);
    expect(() => parseWebHostArgs(['--clock-speed'])).toThrow(UsageError);
    expect(parseWebHostArgs(['--help']).help).toBe(true);
  });
});

describe('ControllableClock', () => {
  it('fires due timers in order when advanced, and not the others', () => {
    const clock = new ControllableClock();
    const fired: string[] = [];
    clock.setTimer(120_000, () => fired.push('b'));
    clock.setTimer(60_000, () => fired.push('a'));
    const cancel = clock.setTimer(90_000, () => fired.push('cancelled'));
    clock.setTimer(3_600_000, () => fired.push('later'));
    cancel();
    const before = clock.now();
    clock.advance(130_000);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now() - before).toBeGreaterThanOrEqual(130_000);
    clock.dispose();
  });

  it('runs faster than real time with a speed', async () => {
    const clock = new ControllableClock(1000);
    const start = clock.now();
    const fired = await new Promise<number>((resolve) =>
      clock.setTimer(20_000, () => resolve(clock.now())),
    );
    expect(fired - start).toBeGreaterThanOrEqual(20_000);
    expect(() => new ControllableClock(0)).toThrow();
    clock.dispose();
  });
});

describe('token check', () => {
  it('accepts only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });
});
