// Virtual rows of one fixed height: which rows a scroll container shows, from its scroll position
// and height alone. Every tree row has the same height, so nothing is measured and nothing is
// kept per row: a new list of 10,000 rows (each keystroke of a search) costs no more than a short
// one. (A general virtualiser keeps a measurement per row and rebuilds them when the rows change.)
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface FixedRow {
  index: number;
  /** Offset from the top of the list, px. */
  start: number;
}

/** The rows to render: those in view plus `overscan` on each side, clamped to the list. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  rowHeight: number,
  overscan: number,
): { first: number; last: number } {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(
    count - 1,
    Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan - 1,
  );
  return { first, last: Math.max(first - 1, last) };
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/**
 * The view to render after the container was measured: the one rendered so far while it is at
 * the same scroll position and at least as tall (its rows cover the container, a few spare rows
 * below), else the measured one. Keeping it matters on mount: the assumed height is the window's
 * (no taller than the container can be), and a new view there would re-render the tree
 * synchronously before the first paint, and run every pending effect with it.
 */
export function nextView(
  rendered: { top: number; height: number },
  measured: { top: number; height: number },
): { top: number; height: number } {
  return rendered.top === measured.top && rendered.height >= measured.height ? rendered : measured;
}

export function useFixedRows(o: {
  count: number;
  rowHeight: number;
  scrollRef: RefObject<HTMLElement | null>;
  overscan: number;
  /**
   * Viewport height assumed until the container is measured; no less than the container's, so
   * that the first render already has every row in view (the window's height does).
   */
  initialHeight: number;
}) {
  const { count, rowHeight, scrollRef, overscan } = o;
  const [view, setView] = useState({ top: 0, height: o.initialHeight });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const read = () => setView((v) => nextView(v, { top: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [scrollRef]);

  const { first, last } = visibleRange(view.top, view.height, count, rowHeight, overscan);
  const items: FixedRow[] = [];
  for (let i = first; i <= last; i += 1) items.push({ index: i, start: i * rowHeight });

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (el === null) return;
      const top = scrollTopFor(index, rowHeight, el.scrollTop, el.clientHeight);
      if (top !== el.scrollTop) el.scrollTop = top;
      // Rendered now, not after the scroll event: focus may move to that row right away.
      setView({ top, height: el.clientHeight });
    },
    [scrollRef, rowHeight],
  );

  return { items, totalSize: count * rowHeight, scrollToIndex };
}
