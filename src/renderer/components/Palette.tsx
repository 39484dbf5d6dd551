// The quick pick: a search box over the active session's roles (the window's search), recents
// first. Enter copies the environment commands for this system's shell; Shift+Enter writes the
// profile; Ctrl+Enter (Command+Enter on macOS) opens the console; Alt+Enter (Option+Enter) lists
// the other shells to copy for. Escape or focus leaving it closes it. The ARIA pattern is a
// combobox with a listbox: focus stays in the box, ↑ and ↓ move the active option.
import { useCallback, useEffect, useId, useRef } from 'react';
import type { Platform, SessionView } from '../../shared/ipc-views';
import type { Recent } from '../../shared/schemas';
import { PaletteSearch } from './PaletteSearch';

interface Props {
  /** The active session; the palette asks to sign in from the window when it is not signed in. */
  session: SessionView | undefined;
  recents: readonly Recent[];
  platform: Platform;
  /** Called after an action was done, on Escape and when focus leaves the palette. */
  onClose: () => void;
}

export function Palette({ session, recents, platform, onClose: close }: Props) {
  const ids = useId();
  // Escape and the focus leaving that follows it are one close.
  const closed = useRef(false);
  const onClose = useCallback(() => {
    if (closed.current) return;
    closed.current = true;
    close();
  }, [close]);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const signedIn = session !== undefined && session.status === 'signed-in';

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function onBlur(e: React.FocusEvent<HTMLDivElement>) {
    const next = e.relatedTarget as Node | null;
    if (next === null || !rootRef.current?.contains(next)) onClose();
  }

  return (
    <div
      ref={rootRef}
      className="palette"
      role="dialog"
      aria-modal="true"
      aria-label="Quick pick"
      onBlur={onBlur}
    >
      {signedIn ? (
        <PaletteSearch
          ids={ids}
          session={session.name}
          recents={recents}
          platform={platform}
          onClose={onClose}
          inputRef={inputRef}
        />
      ) : (
        <div className="palette-empty">
          <p>
            {session === undefined
              ? 'Add a session in the SSO Tray window first.'
              : `Sign in to ${session.name} from the SSO Tray window to pick a role.`}
          </p>
          <button
            type="button"
            ref={(b) => {
              if (b !== null && document.activeElement !== b) b.focus();
            }}
            onClick={onClose}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                onClose();
              }
            }}
          >
            Close
          </button>
        </div>
      )}
    </div>
  );
}
