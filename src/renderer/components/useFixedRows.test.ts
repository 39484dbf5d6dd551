import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from './useFixedRows';

describe('fixed-height virtual rows', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    // 40 px rows, a 400 px viewport: rows 0..9 in view at the top.
    expect(visibleRange(0, 400, 10_000, 40, 4)).toEqual({ first: 0, last: 13 });
    // Scrolled to row 100 (4000 px): 96..113.
    expect(visibleRange(4000, 400, 10_000, 40, 4)).toEqual({ first: 96, last: 113 });
    // Half a row scrolled: the partly visible row 110 counts.
    expect(visibleRange(4020, 400, 10_000, 40, 0)).toEqual({ first: 100, last: 110 });
    // Fewer rows than fit.
    expect(visibleRange(0, 400, 3, 40, 4)).toEqual({ first: 0, last: 2 });
    // Nothing to show.
    expect(visibleRange(0, 400, 0, 40, 4)).toEqual({ first: 0, last: -1 });
    // A scroll position left over from a longer list (before the browser clamps it).
    const stale = visibleRange(400_000, 400, 20, 40, 4);
    expect(stale.first).toBeLessThanOrEqual(stale.last);
    expect(stale.last).toBe(19);
  });

  it('scrolls as little as needed to bring a row fully into view', () => {
    expect(scrollTopFor(5, 40, 0, 400)).toBe(0); // already in view
    expect(scrollTopFor(20, 40, 0, 400)).toBe(20 * 40 + 40 - 400); // below: align to the bottom
    expect(scrollTopFor(2, 40, 400, 400)).toBe(80); // above: align to the top
    expect(scrollTopFor(9, 40, 0, 400)).toBe(0); // the last row that fits
    expect(scrollTopFor(10, 40, 0, 400)).toBe(40);
  });
});
