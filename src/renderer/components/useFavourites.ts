// The stars of one session's roles, as the accounts screen shows them: a toggle shows at once
// (an override until main answers; the next state snapshot confirms it), and a failed toggle
// goes back to what main has.
import { useCallback, useMemo, useState } from 'react';
import type { Account, RoleRef } from '../../shared/schemas';
import { useApi } from './api-context';

const keyOf = (accountId: string, roleName: string) => `${accountId}/${roleName}`;

export function useFavourites(
  session: string,
  favourites: readonly RoleRef[],
  byId: ReadonlyMap<string, Account>,
  onFailure: (e: unknown) => void,
) {
  const api = useApi();
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());

  const saved = useMemo(
    () =>
      new Set(
        favourites.filter((f) => f.session === session).map((f) => keyOf(f.accountId, f.roleName)),
      ),
    [favourites, session],
  );
  const isFavourite = useCallback(
    (accountId: string, roleName: string) => {
      const key = keyOf(accountId, roleName);
      return overrides.get(key) ?? saved.has(key);
    },
    [saved, overrides],
  );

  function toggleFavourite(accountId: string, roleName: string, accountName?: string) {
    const key = keyOf(accountId, roleName);
    const want = !isFavourite(accountId, roleName);
    setOverrides((m) => new Map(m).set(key, want));
    api
      .toggleFavourite({ session, accountId, roleName, accountName })
      .then((r) => setOverrides((m) => new Map(m).set(key, r.favourite)))
      .catch((e: unknown) => {
        setOverrides((m) => {
          const next = new Map(m);
          next.delete(key);
          return next;
        });
        onFailure(e);
      });
  }

  // The ones starred now (including optimistic stars), saved ones first.
  const starred: RoleRef[] = favourites.filter(
    (f) => f.session === session && isFavourite(f.accountId, f.roleName),
  );
  for (const [key, on] of overrides) {
    if (!on || saved.has(key)) continue;
    const [accountId = '', roleName = ''] = key.split('/');
    starred.push({ session, accountId, roleName, accountName: byId.get(accountId)?.accountName });
  }

  return { isFavourite, toggleFavourite, starred };
}
