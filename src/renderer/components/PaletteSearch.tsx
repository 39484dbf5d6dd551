// The quick pick's search when the session is signed in: the box (a combobox; focus stays in it,
// ↑ and ↓ move the active option), the roles that match or the shells to copy for, and what
// each key does. See ./Palette for the keys.
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import {
  defaultProfileName,
  envFormatsFor,
  type EnvFormatId,
} from '../../shared/credential-formats';
import type { Platform } from '../../shared/ipc-views';
import type { ErrorInfo, Recent } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { paletteOptions, type PaletteOption } from '../lib/palette';
import { createMatcher, indexAccounts } from '../lib/tree';
import { useApi } from './api-context';
import { SearchIcon, Spinner } from './icons';
import { PaletteKeys, PaletteOptions } from './PaletteOptions';
import { useAccounts } from './useAccounts';

/** How many choices are shown at most; typing narrows the rest. */
const PALETTE_LIMIT = 50;

type Step = 'roles' | 'shells';

export function PaletteSearch({
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
      <PaletteOptions
        listId={listId}
        label={listLabel}
        optionId={optionId}
        current={current}
        items={shellStep ? { shells } : { options }}
        onActive={setActive}
        onPick={(i) => {
          if (shellStep) {
            void run('copy', shells[i]?.id);
          } else {
            setActive(i);
            void run('copy');
          }
        }}
      />
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
      <PaletteKeys
        id={hintId}
        shellStep={shellStep}
        platform={platform}
        ownShell={own?.label ?? 'your shell'}
      />
    </>
  );
}
