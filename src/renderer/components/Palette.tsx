// The quick pick: a search box over the active session's roles (the window's search), recents
// first. Enter copies the environment commands for this system's shell; Shift+Enter writes the
// profile; Ctrl+Enter (Command+Enter on macOS) opens the console; Alt+Enter (Option+Enter) lists
// the other shells to copy for. Escape or focus leaving it closes it. The ARIA pattern is a
// combobox with a listbox: focus stays in the box, ↑ and ↓ move the active option.
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  defaultProfileName,
  envFormatsFor,
  type EnvFormatId,
} from '../../shared/credential-formats';
import type { Platform, SessionView } from '../../shared/ipc-views';
import type { ErrorInfo, Recent } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { paletteOptions, type PaletteOption } from '../lib/palette';
import { createMatcher, indexAccounts } from '../lib/tree';
import { useApi } from './api-context';
import { SearchIcon, Spinner } from './icons';
import { useAccounts } from './useAccounts';

/** How many choices are shown at most; typing narrows the rest. */
export const PALETTE_LIMIT = 50;

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

type Step = 'roles' | 'shells';

/** The words for the keys, as this system names its modifiers. */
function keyNames(platform: Platform) {
  return platform === 'darwin'
    ? { primary: 'Command', alt: 'Option' }
    : { primary: 'Ctrl', alt: 'Alt' };
}

function PaletteSearch({
  ids,
  session,
  recents,
  platform,
  onClose,
  inputRef,
}: {
  ids: string;
  session: string;
  recents: readonly Recent[];
  platform: Platform;
  onClose: () => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const onAccountsError = useCallback((e: ErrorInfo) => setError(errorMessage(e)), []);
  const data = useAccounts(session, onAccountsError);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [step, setStep] = useState<Step>('roles');
  const [busy, setBusy] = useState(false);
  // The role stays chosen while the shells are listed.
  const [roleIndex, setRoleIndex] = useState(0);

  const indexed = useMemo(() => indexAccounts(data.accounts), [data.accounts]);
  const byId = useMemo(() => new Map(data.accounts.map((a) => [a.accountId, a])), [data.accounts]);
  const [matcher] = useState(createMatcher);
  const matches = useMemo(
    () => matcher(indexed, data.roles, query),
    [matcher, indexed, data.roles, query],
  );
  const { options, total } = useMemo(
    () =>
      paletteOptions(indexed, byId, data.roles, matches, recents, session, query, PALETTE_LIMIT),
    [indexed, byId, data.roles, matches, recents, session, query],
  );
  const shells = useMemo(() => envFormatsFor(platform), [platform]);
  const own = shells[0];
  const keys = keyNames(platform);

  const count = step === 'shells' ? shells.length : options.length;
  const current = Math.min(active, Math.max(0, count - 1));
  const chosen: PaletteOption | undefined = options[step === 'shells' ? roleIndex : current];

  const optionId = (i: number) => `${ids}-option-${i}`;
  const listId = `${ids}-list`;
  const hintId = `${ids}-keys`;

  // The active option stays in view.
  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView?.({ block: 'nearest' });
  });

  async function run(kind: 'copy' | 'write' | 'console', what?: EnvFormatId) {
    if (chosen === undefined || busy) return;
    const target = { session, accountId: chosen.accountId, roleName: chosen.roleName };
    setBusy(true);
    setError(null);
    try {
      if (kind === 'copy') {
        await api.copyCredentials({ ...target, what: what ?? own?.id ?? 'env-macos' });
      } else if (kind === 'write') {
        await api.writeProfile({
          ...target,
          profileName: defaultProfileName(target.accountId, target.roleName),
        });
      } else {
        await api.openConsole(target);
      }
      onClose();
    } catch (e) {
      setError(errorMessage(toInfo(e)));
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.min(Math.max(current + delta, 0), Math.max(0, count - 1)));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (step === 'shells') {
        setStep('roles');
        setActive(roleIndex);
      } else onClose();
    } else if (e.key === 'Tab') {
      // Nothing else in the palette takes focus; Tab would only leave (and close) it.
      e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (step === 'shells') {
        void run('copy', shells[current]?.id);
      } else if (chosen === undefined) {
        return;
      } else if (e.altKey) {
        setRoleIndex(current);
        setStep('shells');
        setActive(shells.length > 1 ? 1 : 0);
      } else if (e.shiftKey) {
        void run('write');
      } else if (e.ctrlKey || e.metaKey) {
        void run('console');
      } else {
        void run('copy');
      }
    }
  }

  const shellStep = step === 'shells';
  const listLabel = shellStep
    ? `Copy ${chosen?.roleName ?? ''} for which shell?`
    : 'Roles, recent ones first';

  return (
    <>
      <div className="palette-search">
        <SearchIcon />
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label="Find an account or role"
          aria-expanded={count > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={count > 0 ? optionId(current) : undefined}
          aria-describedby={hintId}
          placeholder="Find an account or role"
          value={query}
          readOnly={shellStep}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
        />
        {busy || data.initialLoading ? (
          <Spinner label={busy ? 'Working' : 'Loading roles'} />
        ) : null}
      </div>
      {shellStep ? (
        <p className="palette-step" id={`${ids}-step`}>
          {listLabel}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label={listLabel} className="palette-list">
        {shellStep
          ? shells.map((f, i) => (
              <li
                key={f.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className="palette-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void run('copy', f.id)}
              >
                <span className="role-name">Copy for {f.label}</span>
              </li>
            ))
          : options.map((o, i) => (
              <li
                key={o.key}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className="palette-option"
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => i !== current && setActive(i)}
                onClick={() => {
                  setActive(i);
                  void run('copy');
                }}
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
      {!shellStep && !data.initialLoading && options.length === 0 ? (
        <p className="palette-note muted">
          {query.trim() !== '' ? `Nothing matches “${query.trim()}”.` : 'No roles yet.'}
        </p>
      ) : null}
      {!shellStep && total > options.length ? (
        <p className="palette-note muted">
          {options.length} of {total.toLocaleString()} roles shown; type to narrow them.
        </p>
      ) : null}
      <p role="alert" className="palette-error error">
        {error ?? ''}
      </p>
      <p id={hintId} className="palette-keys">
        {shellStep ? (
          <>
            <kbd>Enter</kbd> copy · <kbd>Esc</kbd> back
          </>
        ) : (
          <>
            <kbd>Enter</kbd> copy for {own?.label ?? 'your shell'} · <kbd>Shift+Enter</kbd> write
            profile · <kbd>{keys.primary}+Enter</kbd> open console · <kbd>{keys.alt}+Enter</kbd>{' '}
            another shell · <kbd>Esc</kbd> close
          </>
        )}
      </p>
    </>
  );
}
