// Settings: warning thresholds, clipboard clearing, auto-refresh, launch at login, theme, and the
// sign-in sessions (add, sign in, sign out, remove).
import { useId, useState, type FormEvent } from 'react';
import type { NoticeEvent } from '../../shared/ipc-contract';
import type { SettingsView as Settings, StateSnapshot } from '../../shared/ipc-views';
import type { ErrorInfo } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { formatClock } from '../lib/time';
import { useApi } from './api-context';
import { Spinner } from './icons';
import { ConfigIssues } from './ConfigIssues';
import { SessionFields, validateRegion, validateStartUrl } from './SessionFields';

/** "15, 5" → [15, 5]; a message when it is not 1–5 whole minutes between 1 and 1440. */
export function parseThresholds(
  text: string,
): { ok: true; value: number[] } | { ok: false; message: string } {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: true, value: [] };
  if (parts.length > 5) return { ok: false, message: 'At most 5 warnings.' };
  const value: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!/^\d+$/.test(p) || !Number.isInteger(n) || n < 1 || n > 1440) {
      return { ok: false, message: `“${p}” is not a number of minutes between 1 and 1440.` };
    }
    value.push(n);
  }
  return { ok: true, value: [...new Set(value)].sort((a, b) => b - a) };
}

export function parseClipboardSeconds(
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || n > 86400) {
    return { ok: false, message: 'Enter a number of seconds between 0 (never) and 86400.' };
  }
  return { ok: true, value: n };
}

interface Props {
  snapshot: StateSnapshot;
  /** Called after starting a sign-in, so the window shows its progress. */
  onSignIn: () => void;
  notify: (n: NoticeEvent) => void;
}

export function SettingsView({ snapshot, onSignIn, notify }: Props) {
  const api = useApi();
  const ids = useId();
  const s = snapshot.settings;
  const [thresholds, setThresholds] = useState(s.thresholdsMinutes.join(', '));
  const [clipboard, setClipboard] = useState(String(s.clipboardClearSeconds));
  const [autoRefresh, setAutoRefresh] = useState(s.autoRefreshProfiles);
  const [launch, setLaunch] = useState(s.launchAtLogin);
  const [theme, setTheme] = useState(s.theme);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const t = parseThresholds(thresholds);
  const c = parseClipboardSeconds(clipboard);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!t.ok || !c.ok) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    const patch: Partial<Settings> = {
      thresholdsMinutes: t.value,
      clipboardClearSeconds: c.value,
      autoRefreshProfiles: autoRefresh,
      launchAtLogin: launch,
      theme,
    };
    try {
      const next = await api.updateSettings({ patch });
      setThresholds(next.thresholdsMinutes.join(', '));
      setClipboard(String(next.clipboardClearSeconds));
      setSaved(true);
    } catch (err) {
      setError(toInfo(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="settings">
      <form onSubmit={save} noValidate className="settings-form" aria-label="Preferences">
        <div className="field">
          <label htmlFor={`${ids}-thr`}>Warn before credentials expire (minutes)</label>
          <input
            id={`${ids}-thr`}
            value={thresholds}
            inputMode="numeric"
            onChange={(e) => {
              setThresholds(e.target.value);
              setSaved(false);
            }}
            aria-invalid={!t.ok}
            aria-describedby={`${ids}-thr-help`}
          />
          <p id={`${ids}-thr-help`} className={t.ok ? 'field-hint' : 'field-error'}>
            {t.ok ? 'For example “15, 5”. Leave empty for no warnings.' : t.message}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-clip`}>
            Clear copied credentials from the clipboard after (seconds)
          </label>
          <input
            id={`${ids}-clip`}
            value={clipboard}
            inputMode="numeric"
            onChange={(e) => {
              setClipboard(e.target.value);
              setSaved(false);
            }}
            aria-invalid={!c.ok}
            aria-describedby={`${ids}-clip-help`}
          />
          <p id={`${ids}-clip-help`} className={c.ok ? 'field-hint' : 'field-error'}>
            {c.ok ? '0 means never.' : c.message}
          </p>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={autoRefresh}
            onChange={(e) => {
              setAutoRefresh(e.target.checked);
              setSaved(false);
            }}
          />
          Keep written profiles refreshed while signed in
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={launch}
            onChange={(e) => {
              setLaunch(e.target.checked);
              setSaved(false);
            }}
          />
          Launch at login
        </label>
        <div className="field">
          <label htmlFor={`${ids}-theme`}>Appearance</label>
          <select
            id={`${ids}-theme`}
            value={theme}
            onChange={(e) => {
              setTheme(e.target.value as Settings['theme']);
              setSaved(false);
            }}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        {error ? (
          <p role="alert" className="error">
            {errorMessage(error)}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="primary" disabled={saving || !t.ok || !c.ok}>
            {saving ? <Spinner /> : null}
            Save
          </button>
          <span role="status" className="success small">
            {saved ? 'Saved' : ''}
          </span>
        </div>
      </form>

      <Sessions snapshot={snapshot} onSignIn={onSignIn} notify={notify} />
      <LogSection location={snapshot.logsLocation} notify={notify} />
    </div>
  );
}

/** Where the log is, and a way to open it: what to attach to a bug report. */
function LogSection({ location, notify }: { location: string | null; notify: Props['notify'] }) {
  const api = useApi();
  const ids = useId();
  if (location === null) return null;
  return (
    <section className="log-section" aria-labelledby={`${ids}-log`}>
      <h2 id={`${ids}-log`} className="section-title">
        Log
      </h2>
      <p className="muted small">
        What went wrong and what SSO Tray refused, never a key or token: attach it to a bug report.{' '}
        <span className="path">{location}</span>
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            api
              .openLogsFolder()
              .catch((e: unknown) => notify({ level: 'error', message: errorMessage(toInfo(e)) }))
          }
        >
          Open logs folder
        </button>
      </div>
    </section>
  );
}

function Sessions({ snapshot, onSignIn, notify }: Props) {
  const api = useApi();
  const ids = useId();
  const [adding, setAdding] = useState(false);
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

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
                {s.startUrl} · {s.region} ·{' '}
                {s.status === 'signed-in'
                  ? `signed in${s.expiresAt !== null ? ` until ${formatClock(s.expiresAt)}` : ''}`
                  : s.status === 'signing-in'
                    ? 'signing in…'
                    : s.status === 'expired'
                      ? 'sign-in expired'
                      : 'signed out'}
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
                  onClick={() =>
                    run(
                      api.adoptLegacySession({ session: s.name }).then((added) =>
                        notify({
                          level: 'success',
                          message: `Added [sso-session ${added.name}] to ${snapshot.configFile}. The legacy profiles are unchanged.`,
                        }),
                      ),
                    )
                  }
                >
                  Add [sso-session]
                </button>
              ) : null}
              <button
                type="button"
                className="small-button danger"
                aria-label={`Remove ${s.name}`}
                onClick={() => run(api.removeSession({ session: s.name }))}
              >
                Remove
              </button>
            </span>
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
          <div className="field">
            <label htmlFor={`${ids}-name`}>Name (optional)</label>
            <input
              id={`${ids}-name`}
              value={name}
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          {error ? (
            <p role="alert" className="error">
              {errorMessage(error)}
            </p>
          ) : null}
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
