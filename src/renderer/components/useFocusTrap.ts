// Keeps keyboard focus inside a modal: focus moves into the container when it mounts and back to
// where it was when it unmounts; Tab and Shift+Tab cycle through the container's controls;
// Escape calls `onEscape`. Give the container `ref` (with tabIndex={-1}, so it can take focus
// itself) and the returned handler as its onKeyDown.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/** What Tab can reach inside the container. */
const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"]), a[href], textarea, select';

export function useFocusTrap<T extends HTMLElement>(
  ref: RefObject<T | null>,
  onEscape: () => void,
): (e: KeyboardEvent<T>) => void {
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => previous?.focus?.();
  }, [ref]);

  function onKeyDown(e: KeyboardEvent<T>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    const container = ref.current;
    if (e.key !== 'Tab' || container === null) return;
    const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el !== container,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) return;
    const current = document.activeElement;
    if (e.shiftKey && (current === first || current === container)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && current === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return onKeyDown;
}
