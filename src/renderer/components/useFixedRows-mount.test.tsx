// On mount the virtual rows measure their container; when the rows rendered for the assumed
// height already cover it, the tree is not rendered a second time before its first paint.
import { render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeLayout } from '../test/fake-api';
import { nextView, useFixedRows } from './useFixedRows';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

function Rows({ initialHeight, onRender }: { initialHeight: number; onRender: () => void }) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const { items } = useFixedRows({
    count: 1000,
    rowHeight: 40,
    scrollRef,
    overscan: 4,
    initialHeight,
  });
  onRender();
  return (
    <div ref={scrollRef}>
      {items.map((item) => (
        <div key={item.index} data-testid="row" />
      ))}
    </div>
  );
}

describe('the virtual rows on mount', () => {
  it('keep the first render when it covers the container (no second render)', () => {
    restore = fakeLayout(600);
    let renders = 0;
    const { getAllByTestId } = render(<Rows initialHeight={720} onRender={() => renders++} />);
    expect(renders).toBe(1);
    // 720 px of 40 px rows, plus the overscan below: every row of the 600 px container is there.
    expect(getAllByTestId('row')).toHaveLength(18 + 4);
  });

  it('render again when the container is taller than assumed', () => {
    restore = fakeLayout(600);
    let renders = 0;
    const { getAllByTestId } = render(<Rows initialHeight={200} onRender={() => renders++} />);
    expect(renders).toBe(2);
    expect(getAllByTestId('row')).toHaveLength(15 + 4);
  });

  it('takes a new scroll position or a taller container, keeps a covering view', () => {
    const v = { top: 0, height: 720 };
    expect(nextView(v, { top: 0, height: 600 })).toBe(v);
    expect(nextView(v, { top: 0, height: 720 })).toBe(v);
    expect(nextView(v, { top: 40, height: 600 })).toEqual({ top: 40, height: 600 });
    expect(nextView(v, { top: 0, height: 800 })).toEqual({ top: 0, height: 800 });
  });
});
