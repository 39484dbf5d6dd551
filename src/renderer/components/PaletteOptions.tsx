// What the quick pick lists (its roles, or the shells to copy the chosen role for) and the line
// that says what each key does, in this system's names for its modifier keys.
import type { EnvFormat } from '../../shared/credential-formats';
import type { Platform } from '../../shared/ipc-views';
import type { PaletteOption } from '../lib/palette';

interface OptionsProps {
  listId: string;
  label: string;
  optionId: (index: number) => string;
  /** The active option's index. */
  current: number;
  items: { options: readonly PaletteOption[] } | { shells: readonly EnvFormat[] };
  /** The pointer is over an option (roles only: the shells follow the keys alone). */
  onActive: (index: number) => void;
  onPick: (index: number) => void;
}

export function PaletteOptions({
  listId,
  label,
  optionId,
  current,
  items,
  onActive,
  onPick,
}: OptionsProps) {
  return (
    <ul id={listId} role="listbox" aria-label={label} className="palette-list">
      {'shells' in items
        ? items.shells.map((f, i) => (
            <li
              key={f.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className="palette-option"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(i)}
            >
              <span className="role-name">Copy for {f.label}</span>
            </li>
          ))
        : items.options.map((o, i) => (
            <li
              key={o.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className="palette-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => i !== current && onActive(i)}
              onClick={() => onPick(i)}
            >
              <span className="role-name">{o.roleName}</span>
              <span className="account-meta">
                {o.accountName ? `${o.accountName} · ` : ''}
                {o.accountId}
              </span>
              {o.recent ? <span className="palette-badge">Recent</span> : null}
            </li>
          ))}
    </ul>
  );
}

/** The words for the keys, as this system names its modifiers. */
function keyNames(platform: Platform) {
  return platform === 'darwin'
    ? { primary: 'Command', alt: 'Option' }
    : { primary: 'Ctrl', alt: 'Alt' };
}

interface KeysProps {
  id: string;
  shellStep: boolean;
  platform: Platform;
  /** The shell Enter copies for. */
  ownShell: string;
}

export function PaletteKeys({ id, shellStep, platform, ownShell }: KeysProps) {
  const keys = keyNames(platform);
  return (
    <p id={id} className="palette-keys">
      {shellStep ? (
        <>
          <kbd>Enter</kbd> copy · <kbd>Esc</kbd> back
        </>
      ) : (
        <>
          <kbd>Enter</kbd> copy for {ownShell} · <kbd>Shift+Enter</kbd> write profile ·{' '}
          <kbd>{keys.primary}+Enter</kbd> open console · <kbd>{keys.alt}+Enter</kbd> another shell ·{' '}
          <kbd>Esc</kbd> close
        </>
      )}
    </p>
  );
}
