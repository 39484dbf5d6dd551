// Work done while the window is idle, in slices short enough that a key pressed meanwhile waits
// no longer than one slice.

/** The longest slice, ms. */
const SLICE_MS = 5;

/**
 * Runs `fn` when the window is idle, with a "time is up" check (at most SLICE_MS a slice);
 * returns a cancel function.
 */
export function whenIdle(fn: (deadline: () => boolean) => void): () => void {
  const slice = (isIdle: () => boolean) => {
    const end = performance.now() + SLICE_MS;
    fn(() => !isIdle() || performance.now() > end);
  };
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback((d) => slice(() => d.timeRemaining() >= 1));
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(() => slice(() => true), 1);
  return () => clearTimeout(id);
}
