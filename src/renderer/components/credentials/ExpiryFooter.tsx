// The dialog's footer: when the credentials expire, with a countdown that turns to a warning in
// the last five minutes, what Verify found, and the Refresh and Verify buttons.
import { expiresIn, formatClock } from '../../lib/time';
import { useNow } from '../hooks';
import { Spinner } from '../icons';
import type { RoleCredentialsState } from '../useRoleCredentials';

const WARN_MS = 5 * 60_000;

interface Props {
  state: Pick<
    RoleCredentialsState,
    'creds' | 'loading' | 'busy' | 'verified' | 'refresh' | 'verify'
  >;
}

export function ExpiryFooter({ state }: Props) {
  const { creds, loading, busy, verified } = state;
  const now = useNow(1000);
  return (
    <footer className="dialog-footer">
      <div className="expiry" aria-live="off">
        {creds !== null ? (
          <>
            <span>Expires at {formatClock(creds.expiration)}</span>{' '}
            <span className={creds.expiration - now < WARN_MS ? 'warning-text' : 'muted'}>
              ({expiresIn(creds.expiration, now)})
            </span>
          </>
        ) : null}
        {verified ? (
          <p className="success small verified">
            Verified: <code>{verified.arn}</code>
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" onClick={() => void state.refresh()} disabled={loading}>
          {loading && creds !== null ? <Spinner /> : null}
          Refresh
        </button>
        <button
          type="button"
          onClick={() => void state.verify()}
          disabled={creds === null || busy === 'verify'}
        >
          {busy === 'verify' ? <Spinner /> : null}
          Verify
        </button>
      </div>
    </footer>
  );
}
