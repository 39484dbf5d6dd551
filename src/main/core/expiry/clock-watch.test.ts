import { describe, expect, it } from 'vitest';
import { watchClockJumps } from './clock-watch';
import { FakeClock } from '../testing/fake-clock';

describe('watchClockJumps', () => {
  it('reports a wall-clock jump and ignores normal ticks', () => {
    const clock = new FakeClock();
    let mono = 0;
    const jumps: number[] = [];
    const stop = watchClockJumps(
      {
        wallNow: () => clock.now(),
        monotonicNow: () => mono,
        setTimer: (ms, fn) =>
          clock.setTimer(ms, () => {
            mono += ms;
            fn();
          }),
      },
      (d) => jumps.push(d),
    );
    clock.advance(5 * 60_000);
    expect(jumps).toEqual([]);
    clock.jump(30 * 60_000); // someone set the clock forward
    clock.advance(60_000);
    // The tick due one minute after the last one sees 30 wall minutes for 1 monotonic minute.
    expect(jumps).toEqual([29 * 60_000]);
    stop();
    expect(clock.pending).toBe(0);
  });
});
