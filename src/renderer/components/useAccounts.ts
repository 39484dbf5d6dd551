// The accounts and roles of one session: the last list at once (main serves its cache), then
// whatever the background refresh pushes. Roles of an expanded account load on demand.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { AccountListView, AccountsEventView } from '../../shared/ipc-renderer';
import type { Account, ErrorInfo, Role } from '../../shared/schemas';
import { peekBootAccounts, takeBootAccounts } from '../lib/boot';
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
  // The boot's first screen when it is in already: the first render shows it (no empty screen).
  const [initial] = useState(() => peekBootAccounts(api, session));
  const [accounts, setAccounts] = useState<Account[]>(initial?.accounts ?? []);
  const [roles, setRoles] = useState<Record<string, Role[]>>(initial?.roles ?? {});
  const [initialLoading, setInitialLoading] = useState(initial === null);
  const [partial, setPartial] = useState<AccountsState['partial']>(() => partOf(initial));
  const [refreshing, setRefreshing] = useState(initial?.loading ?? false);
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
    // At start the first screen comes from boot: shown at once, and the whole list asked for once
    // it is painted (reading the big answer would otherwise hold the first screen back). A failed
    // first screen is not reported: the whole list's request follows and reports what is wrong.
    // Shows the first screen; resolves to the whole list when that was all of it.
    const showFirst = async (first: AccountListView): Promise<AccountListView | null> => {
      if (!live || pushed) return null;
      // Shown by the first render already when it started with it.
      if (first !== initial) {
        setAccounts(first.accounts);
        setRoles((prev) => ({ ...first.roles, ...prev }));
        if (!heard) setRefreshing(first.loading);
        setPartial(partOf(first));
        setInitialLoading(false);
      }
      if (first.accounts.length >= first.total) return first;
      await afterNextPaint();
      return null;
    };
    const wholeList: Promise<AccountListView | null> =
      boot === null
        ? api.listAccounts({ session })
        : boot.first
            .then(showFirst, () => null)
            .then((all) => all ?? (live ? api.listAccounts({ session }) : null));
    wholeList
      .then((list) => {
        if (!live || list === null) return;
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
        setPartial(null);
        setInitialLoading(false);
        setError(info);
        reportError(info);
      });
    return () => {
      live = false;
      off();
    };
    // `initial` is read once, on mount: it is what the first render showed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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

/** Only part of the list is here: how much of how much. */
function partOf(list: AccountListView | null): AccountsState['partial'] {
  return list !== null && list.accounts.length < list.total
    ? { shown: list.accounts.length, total: list.total }
    : null;
}

/**
 * Resolves once the browser has painted what was rendered before the call: after the next
 * animation frame, or after FRAME_WAIT_MS when no frame comes (a hidden window has none).
 */
const FRAME_WAIT_MS = 100;
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, FRAME_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
