// The banner after a listing that found accounts or roles added or removed since the previous
// one (main puts them on the event that ends the listing). Shown once: dismissed, it is gone
// until a later listing changes something again.
import { useEffect, useState } from 'react';
import { changesSummary, type ListingChanges } from '../../shared/status-rules';
import { useApi } from './api-context';
import { CloseIcon } from './icons';

/** The banner lists this many changes; the summary counts them all. */
const MAX_LISTED = 8;

export function ChangesBanner({ session }: { session: string }) {
  const api = useApi();
  const [changes, setChanges] = useState<ListingChanges | null>(null);

  // The window mounts one banner per session (keyed by its name), so nothing carries over.
  useEffect(() => {
    return api.onAccounts((e) => {
      if (e.session === session && e.changes !== undefined) setChanges(e.changes);
    });
  }, [api, session]);

  if (changes === null) return null;
  const items = [
    ...changes.addedAccounts.map((a) => `New account ${a.accountName} (${a.accountId})`),
    ...changes.addedRoles.map((r) => `New role ${r.roleName} in ${r.accountName}`),
    ...changes.removedAccounts.map((a) => `Account ${a.accountName} (${a.accountId}) removed`),
    ...changes.removedRoles.map((r) => `Role ${r.roleName} removed from ${r.accountName}`),
  ];
  return (
    <section className="changes-banner" role="status" aria-label="Changes since the last listing">
      <div className="changes-banner-head">
        <strong>{changesSummary(changes)}</strong>
        <button type="button" className="icon-button" onClick={() => setChanges(null)}>
          <CloseIcon />
          <span className="visually-hidden">Dismiss</span>
        </button>
      </div>
      <ul>
        {items.slice(0, MAX_LISTED).map((text) => (
          <li key={text}>{text}</li>
        ))}
        {items.length > MAX_LISTED ? <li>and {items.length - MAX_LISTED} more</li> : null}
      </ul>
    </section>
  );
}
