// The accounts screen: search, favourites and recents, then the whole (virtualised) tree.
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { NoticeEvent } from '../../shared/ipc-contract';
import type { SessionView } from '../../shared/ipc-views';
import type { Account, ErrorInfo, Recent, Role, RoleRef } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { createMatcher, indexAccounts, prepareRoleSearch, refMatches, rowsFor } from '../lib/tree';
import { AccountTree } from './AccountTree';
import { useApi } from './api-context';
import type { DialogTarget } from './CredentialsDialog';
import { RefreshIcon, SearchIcon, Spinner } from './icons';
import { RoleActions } from './RoleActions';
import { useAccounts } from './useAccounts';

interface Props {
  session: SessionView;
  favourites: readonly RoleRef[];
  recents: readonly Recent[];
  onOpen: (target: DialogTarget) => void;
  onSessionExpired: (session: string) => void;
  notify: (n: NoticeEvent) => void;
}

export function AccountsView({
  session,
  favourites,
  recents,
  onOpen,
  onSessionExpired,
  notify,
}: Props) {
  const api = useApi();
  const name = session.name;
  const onError = useCallback(
    (e: ErrorInfo) => {
      if (e.code === 'SESSION_EXPIRED' || e.code === 'NOT_SIGNED_IN') onSessionExpired(name);
    },
    [name, onSessionExpired],
  );
  const data = useAccounts(name, onError);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // Favourite changes show at once; the next state snapshot confirms them.
  const [favOverrides, setFavOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const searchRef = useRef<HTMLInputElement | null>(null);
  const treeRef = useRef<HTMLDivElement | null>(null);

  const indexed = useMemo(() => indexAccounts(data.accounts), [data.accounts]);
  const byId = useMemo(() => new Map(data.accounts.map((a) => [a.accountId, a])), [data.accounts]);
  // The search runs in the deferred render (typing shows at once), and typing on scans only what
  // matched before; expanding or collapsing an account does not search again.
  const [matcher] = useState(createMatcher);
  const matches = useMemo(
    () => matcher(indexed, data.roles, deferredQuery),
    [matcher, indexed, data.roles, deferredQuery],
  );
  const rows = useMemo(
    () => rowsFor(indexed, matches, data.roles, expanded),
    [indexed, matches, data.roles, expanded],
  );

  // Role names are lower-cased for the search while the window is idle, not on the first key.
  useEffect(() => {
    const lists = Object.values(data.roles);
    let next = 0;
    let cancel = () => {};
    const step = (deadline: () => boolean) => {
      next = prepareRoleSearch(lists, next, deadline);
      if (next < lists.length) cancel = whenIdle(step);
    };
    cancel = whenIdle(step);
    return () => cancel();
  }, [data.roles]);

  const favKeys = useMemo(
    () =>
      new Set(
        favourites.filter((f) => f.session === name).map((f) => `${f.accountId}/${f.roleName}`),
      ),
    [favourites, name],
  );
  const isFavourite = useCallback(
    (accountId: string, roleName: string) => {
      const key = `${accountId}/${roleName}`;
      return favOverrides.get(key) ?? favKeys.has(key);
    },
    [favKeys, favOverrides],
  );

  // `/` focuses the search box from anywhere in the window.
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

  function toggle(account: Account) {
    const id = account.accountId;
    const opening = !expanded.has(id);
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    if (opening && data.roles[id] === undefined) data.loadRoles(id);
  }

  const open = (account: { accountId: string; accountName?: string }, roleName: string) =>
    onOpen({
      session: name,
      accountId: account.accountId,
      roleName,
      accountName: account.accountName,
    });

  function report(e: unknown) {
    const info = toInfo(e);
    onError(info);
    notify({ level: 'error', message: errorMessage(info) });
  }

  function openConsole(accountId: string, roleName: string) {
    api.openConsole({ session: name, accountId, roleName }).catch(report);
  }

  function toggleFavourite(accountId: string, roleName: string, accountName?: string) {
    const key = `${accountId}/${roleName}`;
    const want = !isFavourite(accountId, roleName);
    setFavOverrides((m) => new Map(m).set(key, want));
    api
      .toggleFavourite({ session: name, accountId, roleName, accountName })
      .then((r) => setFavOverrides((m) => new Map(m).set(key, r.favourite)))
      .catch((e: unknown) => {
        setFavOverrides((m) => {
          const next = new Map(m);
          next.delete(key);
          return next;
        });
        report(e);
      });
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (query !== '') setQuery('');
      else e.currentTarget.blur();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      treeRef.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus();
    }
  }

  // Favourites: the ones starred now (including optimistic stars), then recents not starred.
  const favList: RoleRef[] = [
    ...favourites.filter((f) => f.session === name && isFavourite(f.accountId, f.roleName)),
  ];
  for (const [key, on] of favOverrides) {
    if (!on || favKeys.has(key)) continue;
    const [accountId = '', roleName = ''] = key.split('/');
    favList.push({
      session: name,
      accountId,
      roleName,
      accountName: byId.get(accountId)?.accountName,
    });
  }
  const quick = (refs: readonly RoleRef[]) =>
    refs.filter((r) => refMatches(r, byId.get(r.accountId), deferredQuery));
  const shownFavourites = quick(favList);
  const shownRecents = quick(recents.filter((r) => r.session === name)).slice(0, 5);

  const progress = data.progress;
  return (
    <div className="accounts">
      <div className="toolbar">
        <div className="search">
          <SearchIcon />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search accounts and roles"
            placeholder="Search accounts and roles"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            spellCheck={false}
            autoComplete="off"
          />
          <kbd aria-hidden="true">/</kbd>
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={data.refresh}
          disabled={data.refreshing}
          title="Refresh accounts"
        >
          {data.refreshing ? <Spinner /> : <RefreshIcon />}
          <span className="visually-hidden">Refresh accounts</span>
        </button>
      </div>
      <div className="load-status" role="status">
        {data.partial !== null
          ? `loading all ${data.partial.total.toLocaleString()} accounts`
          : data.refreshing && progress !== null && progress.accounts > 0
            ? `roles ${progress.rolesLoaded}/${progress.accounts}`
            : ''}
      </div>
      {data.error !== null && data.error.code !== 'THROTTLED' ? (
        <p role="alert" className="error inline">
          {errorMessage(data.error)}
        </p>
      ) : null}

      {shownFavourites.length > 0 || shownRecents.length > 0 ? (
        <div className="quick">
          <QuickList
            title="Favourites"
            refs={shownFavourites}
            byId={byId}
            isFavourite={isFavourite}
            onOpen={open}
            onConsole={openConsole}
            onFavourite={toggleFavourite}
          />
          <QuickList
            title="Recent"
            refs={shownRecents}
            byId={byId}
            isFavourite={isFavourite}
            onOpen={open}
            onConsole={openConsole}
            onFavourite={toggleFavourite}
          />
        </div>
      ) : null}

      {data.initialLoading ? (
        <p className="muted center">
          <Spinner label="Loading accounts" />
        </p>
      ) : rows.length === 0 ? (
        <p className="muted center">
          {deferredQuery !== '' ? `Nothing matches “${deferredQuery}”.` : 'No accounts.'}
        </p>
      ) : (
        <AccountTree
          label="Accounts"
          rows={rows}
          activeKey={activeKey}
          onActiveKey={setActiveKey}
          onToggle={toggle}
          onOpen={(a: Account, r: Role) => open(a, r.roleName)}
          onConsole={(a, r) => openConsole(a.accountId, r.roleName)}
          onFavourite={(a, r) => toggleFavourite(a.accountId, r.roleName, a.accountName)}
          isFavourite={isFavourite}
          loadingRoles={data.loadingRoles}
          treeRef={treeRef}
        />
      )}
    </div>
  );
}

/**
 * Runs `fn` when the window is idle, with a "time is up" check (at most 5 ms a slice, so a key
 * pressed meanwhile waits no longer); returns a cancel function.
 */
function whenIdle(fn: (deadline: () => boolean) => void): () => void {
  const slice = (isIdle: () => boolean) => {
    const end = performance.now() + 5;
    fn(() => !isIdle() || performance.now() > end);
  };
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback((d) => slice(() => d.timeRemaining() >= 1));
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(() => slice(() => true), 1);
  return () => clearTimeout(id);
}

function QuickList({
  title,
  refs,
  byId,
  isFavourite,
  onOpen,
  onConsole,
  onFavourite,
}: {
  title: string;
  refs: readonly RoleRef[];
  byId: ReadonlyMap<string, Account>;
  isFavourite: (accountId: string, roleName: string) => boolean;
  onOpen: (account: { accountId: string; accountName?: string }, roleName: string) => void;
  onConsole: (accountId: string, roleName: string) => void;
  onFavourite: (accountId: string, roleName: string, accountName?: string) => void;
}) {
  if (refs.length === 0) return null;
  const id = `quick-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="quick-section">
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <ul>
        {refs.map((r) => {
          const accountName = byId.get(r.accountId)?.accountName ?? r.accountName ?? '';
          return (
            <li key={`${r.accountId}/${r.roleName}`} className="quick-row">
              <span className="quick-text">
                <span className="role-name">{r.roleName}</span>
                <span className="account-meta">
                  {accountName ? `${accountName} · ` : ''}
                  {r.accountId}
                </span>
              </span>
              <RoleActions
                roleName={r.roleName}
                favourite={isFavourite(r.accountId, r.roleName)}
                onAccessKeys={() => onOpen({ accountId: r.accountId, accountName }, r.roleName)}
                onConsole={() => onConsole(r.accountId, r.roleName)}
                onFavourite={() => onFavourite(r.accountId, r.roleName, accountName || undefined)}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
