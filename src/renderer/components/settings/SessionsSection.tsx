// Settings: the sign-in sessions (sign in, sign out, remove; an [sso-session] for a legacy start
// URL), the problems in the config file, and the form that adds a session.
import { useId, useState, type FormEvent } from 'react';
import type { NoticeEvent } from '../../../shared/ipc-contract';
import type { SessionView, StateSnapshot } from '../../../shared/ipc-views';
import type { ErrorInfo } from '../../../shared/schemas';
import { errorMessage, toInfo } from '../../lib/errors';
import { formatClock } from '../../lib/time';
import { useApi } from '../api-context';
import { ConfigIssues } from '../ConfigIssues';
import { SessionFields, validateRegion, validateStartUrl } from '../SessionFields';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../fields/TextField';
import { ConsoleSettingsForm } from './ConsoleSettingsForm';

interface Props {
  snapshot: StateSnapshot;
  /** Called after starting a sign-in, so the window shows its progress. */
  onSignIn: () => void;
  notify: (n: NoticeEvent) => void;
}

/** "signed in until 14:32", "sign-in expired"… */
function statusText(s: SessionView): string {
  switch (s.status) {
    case 'signed-in':
      return `signed in${s.expiresAt !== null ? ` until ${formatClock(s.expiresAt)}` : ''}`;
    case 'signing-in':
      return 'signing in…';
    case 'expired':
      return 'sign-in expired';
    default:
      return 'signed out';
  }
}

export function SessionsSection({ snapshot, onSignIn, notify }: Props) {
  const api = useApi();
  const ids = useId();
  const [adding, setAdding] = useState(false);
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** The session whose console settings are open, if any. */
  const [consoleFor, setConsoleFor] = useState<string | null>(null);

  const run = (p: Promise<unknown>) =>
    p.catch((e: unknown) => notify({ level: 'error', message: errorMessage(toInfo(e)) }));

  const urlError = validateStartUrl(startUrl);
  const regionError = validateRegion(region);

  async function add(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (urlError !== null || regionError !== null) return;
    try {
      await api.addSession({
        startUrl: startUrl.trim(),
        region: region.trim(),
        ...(name.trim() !== '' ? { name: name.trim() } : {}),
      });
      setAdding(false);
      setStartUrl('');
      setName('');
      setSubmitted(false);
      setError(null);
    } catch (err) {
      setError(toInfo(err));
    }
  }

  function adopt(s: SessionView) {
    run(
      api.adoptLegacySession({ session: s.name }).then((added) =>
        notify({
          level: 'success',
          message: `Added [sso-session ${added.name}] to ${snapshot.configFile}. The legacy profiles are unchanged.`,
        }),
      ),
    );
  }

  return (
    <section className="sessions" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title">
        Sessions
      </h2>
      {snapshot.sessions.length === 0 ? <p className="muted">No sessions yet.</p> : null}
      <ul>
        {snapshot.sessions.map((s) => (
          <li key={s.name} className="session-row">
            <span className="session-text">
              <span className="session-name">
                {s.name}
                {s.name === snapshot.activeSession ? <span className="badge">active</span> : null}
              </span>
              <span className="account-meta">
                {s.kind === 'legacy'
                  ? `legacy profiles: ${s.profiles.join(', ')}${s.profiles.length >= 50 ? '…' : ''} · `
                  : ''}
                {s.startUrl} · {s.region} · {statusText(s)}
              </span>
            </span>
            <span className="session-actions">
              {s.status === 'signed-in' ? (
                <button
                  type="button"
                  className="small-button"
                  onClick={() => run(api.logout({ session: s.name }))}
                >
                  Sign out
                </button>
              ) : (
                <button
                  type="button"
                  className="small-button"
                  onClick={() =>
                    run(
                      api
                        .setActiveSession({ session: s.name })
                        .then(() => api.login({ session: s.name }))
                        .then(onSignIn),
                    )
                  }
                >
                  Sign in
                </button>
              )}
              {s.kind === 'legacy' ? (
                <button
                  type="button"
                  className="small-button"
                  title={`Adds [sso-session ${s.name}] for this start URL to ${snapshot.configFile}; the legacy profiles stay as they are.`}
                  aria-label={`Add an sso-session for ${s.name}`}
                  onClick={() => adopt(s)}
                >
                  Add [sso-session]
                </button>
              ) : null}
              <button
                type="button"
                className="small-button"
                aria-expanded={consoleFor === s.name}
                aria-label={`Console settings for ${s.name}`}
                onClick={() => setConsoleFor(consoleFor === s.name ? null : s.name)}
              >
                Console…
              </button>
              <button
                type="button"
                className="small-button danger"
                aria-label={`Remove ${s.name}`}
                onClick={() => run(api.removeSession({ session: s.name }))}
              >
                Remove
              </button>
            </span>
            {consoleFor === s.name ? (
              <ConsoleSettingsForm
                session={s.name}
                onDone={(saved) => {
                  setConsoleFor(null);
                  if (saved)
                    notify({ level: 'success', message: `Console settings saved for ${s.name}.` });
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <ConfigIssues file={snapshot.configFile} issues={snapshot.configIssues} />
      {adding ? (
        <form onSubmit={add} noValidate className="add-session" aria-label="Add a session">
          <SessionFields
            ids={ids}
            startUrl={startUrl}
            region={region}
            onStartUrl={setStartUrl}
            onRegion={setRegion}
            submitted={submitted}
          />
          <TextField
            id={`${ids}-name`}
            label="Name (optional)"
            value={name}
            spellCheck={false}
            onChange={setName}
          />
          <ErrorAlert error={error} />
          <div className="button-row">
            <button type="submit" className="primary">
              Add session
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => setAdding(true)}>
            Add a session…
          </button>
        </div>
      )}
    </section>
  );
}
