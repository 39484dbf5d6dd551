// A short list above the tree (the favourites, the recent roles): each role with its account and
// the same actions as a role row of the tree. Nothing is shown for an empty list.
import type { Account, RoleRef } from '../../shared/schemas';
import { RoleActions } from './RoleActions';

interface Props {
  title: string;
  refs: readonly RoleRef[];
  byId: ReadonlyMap<string, Account>;
  isFavourite: (accountId: string, roleName: string) => boolean;
  onOpen: (account: { accountId: string; accountName?: string }, roleName: string) => void;
  onConsole: (accountId: string, roleName: string) => void;
  onFavourite: (accountId: string, roleName: string, accountName?: string) => void;
}

export function QuickList({
  title,
  refs,
  byId,
  isFavourite,
  onOpen,
  onConsole,
  onFavourite,
}: Props) {
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
