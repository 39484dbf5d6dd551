import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useFocusTrap } from './useFocusTrap';

function Trap({ onEscape }: { onEscape: () => void }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const onKeyDown = useFocusTrap(ref, onEscape);
  return (
    <div ref={ref} role="dialog" aria-label="Trap" tabIndex={-1} onKeyDown={onKeyDown}>
      <button type="button">First</button>
      <button type="button" disabled>
        Disabled
      </button>
      <input aria-label="Middle" />
      <span tabIndex={-1}>Not in the tab order</span>
      <button type="button">Last</button>
    </div>
  );
}

/** A page with a control outside, a way to open the trap, and a keydown listener above it. */
function Page({ onEscape, onOuterKey }: { onEscape: () => void; onOuterKey: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div onKeyDown={onOuterKey}>
      <button type="button" onClick={() => setOpen((o) => !o)}>
        Toggle
      </button>
      <button type="button">Elsewhere</button>
      {open ? (
        <Trap
          onEscape={() => {
            onEscape();
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

function setup() {
  const user = userEvent.setup();
  const onEscape = vi.fn();
  const onOuterKey = vi.fn();
  render(<Page onEscape={onEscape} onOuterKey={onOuterKey} />);
  return { user, onEscape, onOuterKey };
}

describe('useFocusTrap', () => {
  it('moves focus into the container when it mounts', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle' }));
    expect(screen.getByRole('dialog', { name: 'Trap' })).toHaveFocus();
  });

  it('Tab cycles through the enabled controls and wraps from the last to the first', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle' }));
    const first = screen.getByRole('button', { name: 'First' });
    const middle = screen.getByRole('textbox', { name: 'Middle' });
    const last = screen.getByRole('button', { name: 'Last' });
    const seen: Element[] = [];
    for (let i = 0; i < 6; i += 1) {
      await user.tab();
      seen.push(document.activeElement!);
    }
    expect(seen).toEqual([first, middle, last, first, middle, last]);
  });

  it('Shift+Tab goes backwards and wraps from the first (or the container) to the last', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle' }));
    const first = screen.getByRole('button', { name: 'First' });
    const middle = screen.getByRole('textbox', { name: 'Middle' });
    const last = screen.getByRole('button', { name: 'Last' });
    // From the container itself (where focus starts), Shift+Tab stays inside.
    await user.tab({ shift: true });
    expect(last).toHaveFocus();
    const seen: Element[] = [];
    for (let i = 0; i < 4; i += 1) {
      await user.tab({ shift: true });
      seen.push(document.activeElement!);
    }
    expect(seen).toEqual([middle, first, last, middle]);
  });

  it('Escape calls onEscape and goes no further up the page', async () => {
    const { user, onEscape, onOuterKey } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle' }));
    await user.tab();
    onOuterKey.mockClear();
    await user.keyboard('{Escape}');
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(onOuterKey).not.toHaveBeenCalled();
  });

  it('gives focus back to where it was when the container goes away', async () => {
    const { user } = setup();
    const toggle = screen.getByRole('button', { name: 'Toggle' });
    await user.click(toggle);
    await user.tab();
    expect(screen.getByRole('button', { name: 'First' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(toggle).toHaveFocus();
  });

  it('other keys pass through untouched', async () => {
    const { user, onEscape, onOuterKey } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle' }));
    await user.tab();
    await user.tab();
    onOuterKey.mockClear();
    await user.keyboard('ab');
    expect(screen.getByRole('textbox', { name: 'Middle' })).toHaveValue('ab');
    expect(onOuterKey).toHaveBeenCalledTimes(2);
    expect(onEscape).not.toHaveBeenCalled();
  });
});
