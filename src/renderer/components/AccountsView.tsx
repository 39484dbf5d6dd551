// The accounts screen: search, favourites and recents, then the whole (virtualised) tree.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { NoticeEvent } from '../../shared/ipc-contract';
import type { SessionView } from '../../shared/ipc-views';
import type { Account, ErrorInfo, Recent, Role, RoleRef } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { whenIdle } from '../lib/idle';
import { createMatcher, indexAccounts, prepareRoleSearch, refMatches, rowsFor } from '../lib/tree';
import { AccountSearch } from './AccountSearch';
import { AccountTree } from './AccountTree';
import { useApi } from './api-context';
import type { DialogTarget } from './CredentialsDialog';
import { RefreshIcon, Spinner } from './icons';
import { QuickList } from './QuickList';
import { useAccounts } from './useAccounts';
import { useFavourites } from './useFavourites';

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
  const treeRef = useRef<HTMLDivElement | null>(null);

  const indexed = useMemo(() => indexAccounts(data.accounts), [data.accounts]);
  const byId = useMemo(() => new Map(data.accounts.map((a) => [a.accountId, a])), [data.accounts]);
  const { isFavourite, toggleFavourite, starred } = useFavourites(name, favourites, byId, report);
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

  const quick = (refs: readonly RoleRef[]) =>
    refs.filter((r) => refMatches(r, byId.get(r.accountId), deferredQuery));
  const shownFavourites = quick(starred);
  const shownRecents = quick(recents.filter((r) => r.session === name)).slice(0, 5);

  const progress = data.progress;
  return (
    <div className="accounts">
      <div className="toolbar">
        <AccountSearch query={query} onQuery={setQuery} treeRef={treeRef} />
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
