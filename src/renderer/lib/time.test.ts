import { describe, expect, it } from 'vitest';
import { clearsIn, expiresIn, formatDuration } from './time';

describe('time formatting', () => {
  it('formats durations, rounding minutes down', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(58 * 60_000 + 59_000)).toBe('58 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(2 * 3600_000)).toBe('2 h');
  });
  it('says expired once the time has passed', () => {
    expect(expiresIn(1000, 2000)).toBe('expired');
    expect(expiresIn(61_000, 1000)).toBe('expires in 1 min');
  });
  it('counts clipboard clearing in seconds', () => {
    expect(clearsIn(60_000, 0)).toBe('60 s');
    expect(clearsIn(600_000, 0)).toBe('10 min');
  });
});
