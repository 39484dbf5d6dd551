// The accounts and roles of one session: the last list at once (main serves its cache), then
// whatever the background refresh pushes. Roles of an expanded account load on demand.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { AccountsEventView } from '../../shared/ipc';
import type { Account, ErrorInfo, Role } from '../../shared/model';
import { takeBootAccounts } from '../lib/boot';
import { toInfo } from '../lib/errors';
import { useApi } from './api-context';

export interface AccountsState {
  accounts: Account[];
  roles: Record<string, Role[]>;
  /** True until the first list arrived. */
  initialLoading: boolean;
  /** Only the first screen is here yet (at start); the whole list is on its way. */
  partial: { shown: number; total: number } | null;
  /** Background refresh going on. */
  refreshing: boolean;
  progress: AccountsEventView['progress'] | null;
  error: ErrorInfo | null;
  loadingRoles: ReadonlySet<string>;
  /** Fetches the roles of one account (the caller checks they are not loaded yet). */
  loadRoles: (accountId: string) => void;
  refresh: () => void;
}

export function useAccounts(session: string, onError: (e: ErrorInfo) => void): AccountsState {
  const api = useApi();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [roles, setRoles] = useState<Record<string, Role[]>>({});
  const [initialLoading, setInitialLoading] = useState(true);
  const [partial, setPartial] = useState<AccountsState['partial']>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [progress, setProgress] = useState<AccountsEventView['progress'] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loadingRoles, setLoadingRoles] = useState<ReadonlySet<string>>(new Set());
  const reportError = useEffectEvent((e: ErrorInfo) => onError(e));

  useEffect(() => {
    let live = true;
    let pushed = false;
    let heard = false;
    const onEvent = (e: AccountsEventView) => {
      if (e.session !== session) return;
      heard = true;
      if (e.accounts !== undefined) {
        pushed = true;
        setAccounts(e.accounts);
        setPartial(null);
        setInitialLoading(false);
      }
      if (Object.keys(e.roles).length > 0) setRoles((prev) => ({ ...prev, ...e.roles }));
      setProgress(e.progress);
      setRefreshing(e.loading);
      // Throttling in the background is retried by the app; it is not the user's problem.
      if (e.error !== undefined && e.error.code !== 'THROTTLED') {
        setError(e.error);
        reportError(e.error);
      } else if (e.accounts !== undefined) {
        setError(null);
      }
    };
    const off = api.onAccounts(onEvent);
    // The list may have been requested at boot, before this screen existed; the events that came
    // meanwhile are replayed first, as if they had arrived here.
    const boot = takeBootAccounts(api, session);
    boot?.events.forEach(onEvent);
    let whole = false;
    // The first screen, when it comes before the whole list: shown at once. A failure is left to
    // the whole list's request, which reports it.
    boot?.first.then(
      (first) => {
        if (!live || whole || pushed) return;
        setAccounts(first.accounts);
        setRoles((prev) => ({ ...first.roles, ...prev }));
        if (!heard) setRefreshing(first.loading);
        setPartial(
          first.accounts.length < first.total
            ? { shown: first.accounts.length, total: first.total }
            : null,
        );
        setInitialLoading(false);
      },
      () => undefined,
    );
    (boot?.list ?? api.listAccounts({ session }))
      .then((list) => {
        if (!live) return;
        whole = true;
        setPartial(null);
        if (!pushed) setAccounts(list.accounts);
        // Main's load may have started with this request: its events follow, but the window
        // shows it (and keeps Refresh disabled) from now on. An event already heard is newer.
        if (!heard) setRefreshing(list.loading);
        setRoles((prev) => ({ ...list.roles, ...prev }));
        setInitialLoading(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        const info = toInfo(e);
        whole = true;
        setPartial(null);
        setInitialLoading(false);
        setError(info);
        reportError(info);
      });
    return () => {
      live = false;
      off();
    };
  }, [api, session]);

  const loadRoles = useCallback(
    (accountId: string) => {
      setLoadingRoles((s) => (s.has(accountId) ? s : new Set(s).add(accountId)));
      api
        .listRoles({ session, accountId })
        .then((list) => setRoles((prev) => ({ ...prev, [accountId]: list })))
        .catch((e: unknown) => {
          const info = toInfo(e);
          setError(info);
          onError(info);
        })
        .finally(() =>
          setLoadingRoles((s) => {
            const next = new Set(s);
            next.delete(accountId);
            return next;
          }),
        );
    },
    [api, session, onError],
  );

  const refresh = useCallback(() => {
    setRefreshing(true);
    setError(null);
    api.refreshAccounts({ session }).catch((e: unknown) => {
      const info = toInfo(e);
      setRefreshing(false);
      setError(info);
      onError(info);
    });
  }, [api, session, onError]);

  return {
    accounts,
    roles,
    initialLoading,
    partial,
    refreshing,
    progress,
    error,
    loadingRoles,
    loadRoles,
    refresh,
  };
}
