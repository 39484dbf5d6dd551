// The accounts screen's search box. `/` focuses it from anywhere in the window (not from another
// field or a dialog); Escape clears it, or leaves it when it is empty; ↓ moves into the tree.
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { SearchIcon } from './icons';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** The tree ↓ moves focus into (its focusable row). */
  treeRef: RefObject<HTMLElement | null>;
}

export function AccountSearch({ query, onQuery, treeRef }: Props) {
  const searchRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== '/' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'))
        return;
      if (t?.closest('[role="dialog"]')) return;
      e.preventDefault();
      searchRef.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (query !== '') onQuery('');
      else e.currentTarget.blur();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      treeRef.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus();
    }
  }

  return (
    <div className="search">
      <SearchIcon />
      <input
        ref={searchRef}
        type="search"
        aria-label="Search accounts and roles"
        placeholder="Search accounts and roles"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
      <kbd aria-hidden="true">/</kbd>
    </div>
  );
}
