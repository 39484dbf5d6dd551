// The session panel: what `sso-tray status` says of the active session (main's `status.get`:
// the token cache and the last listing, never a token), folded to one line, and "Sign in
// again", which signs out first so the portal starts a new session with a fresh expiry.
import { useCallback, useEffect, useState } from 'react';
import { statusHeadline, type SessionStatusView } from '../../shared/status-rules';
import { errorMessage, toInfo } from '../lib/errors';
import { useApi } from './api-context';

const MINUTE = 60_000;

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function SessionPanel({
  session,
  revision,
  onError,
}: {
  session: string;
  /** Anything that changes when main's state does (the snapshot): the status is asked again. */
  revision: unknown;
  onError: (message: string) => void;
}) {
  const api = useApi();
  const [status, setStatus] = useState<SessionStatusView | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [listed, setListed] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .getStatus()
      .then((r) => live && setStatus(r.sessions.find((s) => s.session === session) ?? null))
      .catch(() => live && setStatus(null));
    return () => {
      live = false;
    };
  }, [api, session, revision, listed]);

  // A finished listing changes the counts: ask again then.
  useEffect(
    () =>
      api.onAccounts((e) => {
        if (e.session === session && !e.loading) setListed((n) => n + 1);
      }),
    [api, session],
  );

  // The headline counts down by the minute.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(id);
  }, []);

  const signInAgain = useCallback(() => {
    api.login({ session, again: true }).catch((e: unknown) => onError(errorMessage(toInfo(e))));
  }, [api, session, onError]);

  if (status === null) return null;
  return (
    <details className="session-panel" aria-label="Session status">
      <summary>{statusHeadline(status, now)}</summary>
      <dl className="session-facts">
        <dt>Access token expires</dt>
        <dd>{status.expiresAt === null ? 'no token' : when(status.expiresAt)}</dd>
        <dt>Refresh token</dt>
        <dd>{status.refreshToken ? 'held (renews itself)' : 'none'}</dd>
        <dt>Client registration expires</dt>
        <dd>
          {status.registrationExpiresAt === null ? 'unknown' : when(status.registrationExpiresAt)}
        </dd>
        <dt>Accounts last listed</dt>
        <dd>
          {status.accountsListedAt === null
            ? 'never'
            : `${when(status.accountsListedAt)}: ${status.accounts ?? 0} accounts, ${status.roles ?? 0} roles`}
        </dd>
      </dl>
      <button type="button" className="small-button" onClick={signInAgain}>
        Sign in again
      </button>
      <p className="muted small">Signs out first, so the new sign-in gets a fresh expiry.</p>
    </details>
  );
}
