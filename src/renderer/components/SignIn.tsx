// Sign-in: pick a session from the AWS config or enter a start URL and region, then wait for the
// browser approval (showing the device code when that flow is used) with a way to cancel.
import { useId, useState, type FormEvent } from 'react';
import type { AuthEvent } from '../../shared/ipc-contract';
import type { ConfigIssueView, SessionView } from '../../shared/ipc-views';
import type { ErrorInfo } from '../../shared/schemas';
import { toInfo } from '../lib/errors';
import { useApi } from './api-context';
import { ConfigIssues } from './ConfigIssues';
import { Spinner } from './icons';
import { SessionFields, validateRegion, validateStartUrl } from './SessionFields';
import { ErrorAlert } from './ErrorAlert';
import { SelectField } from './fields/SelectField';

const NEW = '__new__';

interface Props {
  sessions: readonly SessionView[];
  activeSession: string | null;
  auth: AuthEvent | null;
  /** Set when the app found this session's sign-in expired. */
  expiredSession: string | null;
  /** The config file and what in it cannot be used (listed below the form). */
  configFile: string;
  configIssues: readonly ConfigIssueView[];
}

export function SignIn({
  sessions,
  activeSession,
  auth,
  expiredSession,
  configFile,
  configIssues,
}: Props) {
  const api = useApi();
  const ids = useId();
  const [selected, setSelected] = useState<string>(() => activeSession ?? sessions[0]?.name ?? NEW);
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [device, setDevice] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** The session we asked to sign in, while waiting for the browser. */
  const [pending, setPending] = useState<string | null>(() => {
    const s = sessions.find((x) => x.name === (activeSession ?? ''));
    return s?.status === 'signing-in' ? s.name : null;
  });
  // The last auth event we already acted on, so a failure ends the wait exactly once.
  const [seenAuth, setSeenAuth] = useState<AuthEvent | null>(null);

  if (auth !== seenAuth) {
    setSeenAuth(auth);
    if (auth !== null && pending !== null && auth.session === pending) {
      if (auth.type === 'failure') {
        setPending(null);
        setError(auth.error);
      } else if (auth.type === 'success') {
        setPending(null);
      }
    }
  }

  const isNew = selected === NEW || sessions.length === 0;
  const urlError = isNew ? validateStartUrl(startUrl) : null;
  const regionError = isNew ? validateRegion(region) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (urlError !== null || regionError !== null) return;
    setBusy(true);
    try {
      let session = selected;
      if (isNew) {
        const added = await api.addSession({ startUrl: startUrl.trim(), region: region.trim() });
        session = added.name;
        setSelected(session);
      }
      await api.setActiveSession({ session });
      setPending(session);
      await api.login({ session, flow: device ? 'device' : undefined });
    } catch (err) {
      setPending(null);
      setError(toInfo(err));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    const session = pending;
    setPending(null);
    if (session === null) return;
    try {
      await api.cancelLogin({ session });
    } catch {
      // Already finished or never started: nothing to cancel.
    }
  }

  if (pending !== null) {
    const prompt = auth?.type === 'prompt' && auth.session === pending ? auth : null;
    return (
      <section className="signin signin-waiting" aria-labelledby={`${ids}-wait`}>
        <h2 id={`${ids}-wait`}>Finish signing in in your browser</h2>
        {prompt === null ? (
          <p className="muted">
            <Spinner /> Opening the AWS sign-in page…
          </p>
        ) : prompt.userCode ? (
          <>
            <p>Check that the page shows this code, then approve the request:</p>
            <p className="user-code" aria-label="Code">
              {prompt.userCode}
            </p>
          </>
        ) : (
          <p>Approve the request on the AWS page that just opened.</p>
        )}
        <p className="muted">
          <Spinner /> Waiting for approval…
        </p>
        <div className="button-row">
          <button
            type="button"
            onClick={() =>
              api.openVerification({ session: pending }).catch((e: unknown) => setError(toInfo(e)))
            }
          >
            Open the sign-in page again
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
        <ErrorAlert error={error} />
      </section>
    );
  }

  return (
    <form className="signin" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Sign in to AWS IAM Identity Center</h2>
      {expiredSession !== null ? (
        <p role="alert" className="warning">
          Your AWS sign-in has expired. Sign in again.
        </p>
      ) : null}
      {sessions.length > 0 ? (
        <SelectField
          id={`${ids}-session`}
          label="Session"
          options={[
            ...sessions.map((s) => ({
              value: s.name,
              label: `${s.name} — ${s.startUrl}${s.kind === 'legacy' ? ' (legacy profiles)' : ''}`,
            })),
            { value: NEW, label: 'Another start URL…' },
          ]}
          value={selected}
          onChange={(v) => {
            setSelected(v);
            setSubmitted(false);
          }}
        />
      ) : null}
      {isNew ? (
        <SessionFields
          ids={ids}
          startUrl={startUrl}
          region={region}
          onStartUrl={setStartUrl}
          onRegion={setRegion}
          submitted={submitted}
        />
      ) : null}
      <label className="checkbox">
        <input type="checkbox" checked={device} onChange={(e) => setDevice(e.target.checked)} />
        Sign in with a code (for another device or browser)
      </label>
      <ErrorAlert error={error} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? <Spinner /> : null}
          Sign in
        </button>
      </div>
      <ConfigIssues file={configFile} issues={configIssues} />
    </form>
  );
}
