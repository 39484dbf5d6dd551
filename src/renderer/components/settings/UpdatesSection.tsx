// Settings → Updates: what the updater is doing (or why updates are off), "Check for updates",
// "Restart to update" and "Later" once an update is downloaded, and the choices: the channel, a
// custom feed (checked as typed with the rule main applies, src/shared/updates.ts) and whether a
// downloaded update is installed when SSO Tray quits. Saved on their own.
import { useId, useState, type FormEvent } from 'react';
import type { StateSnapshot } from '../../../shared/ipc-views';
import {
  FEED_URL_EXAMPLE,
  POSTPONE_HOURS,
  UPDATE_CHANNEL_NAMES,
  feedUrlMessage,
  feedUrlProblem,
  updateStatusText,
  type UpdateChannelName,
} from '../../../shared/updates';
import { errorMessage, toInfo } from '../../lib/errors';
import { useApi } from '../api-context';
import { optionsOf, SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { Spinner } from '../icons';

const CHANNEL_OPTIONS = optionsOf<UpdateChannelName>(UPDATE_CHANNEL_NAMES, {
  latest: 'Releases',
  beta: 'Beta (releases and prereleases)',
});

interface Props {
  snapshot: StateSnapshot;
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function UpdatesSection({ snapshot }: Props) {
  const api = useApi();
  const ids = useId();
  const u = snapshot.updates;
  const status = u.status;
  const [channel, setChannel] = useState<UpdateChannelName>(u.channel);
  const [feed, setFeed] = useState(u.feedUrl);
  const [installOnQuit, setInstallOnQuit] = useState(u.installOnQuit);
  const [busy, setBusy] = useState<null | 'check' | 'restart' | 'later' | 'save'>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const trimmed = feed.trim();
  const problem = feedUrlProblem(trimmed);
  const off = status.state === 'off';
  const working =
    status.state === 'checking' || status.state === 'downloading' || status.state === 'installing';

  async function run(kind: 'check' | 'restart' | 'later', call: () => Promise<unknown>) {
    setBusy(kind);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(errorMessage(toInfo(e)));
    } finally {
      setBusy(null);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (problem !== null) return;
    setBusy('save');
    setSaved(false);
    setError(null);
    try {
      const next = await api.setUpdateOptions({
        options: { channel, feedUrl: trimmed, installOnQuit },
      });
      setFeed(next.feedUrl);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(toInfo(err)));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="updates-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title">
        Updates
      </h2>
      <p className="field-hint">
        SSO Tray {u.currentVersion || '(unknown version)'}
        {u.lastCheckedAt !== null ? ` · last checked ${when(u.lastCheckedAt)}` : ''}
      </p>
      <p
        id={`${ids}-status`}
        role="status"
        className={status.state === 'failed' ? 'field-error' : 'field-hint'}
        data-state={status.state}
      >
        {updateStatusText(status)}
        {status.state === 'ready' && status.postponedUntil !== null
          ? ` You chose later: asked again ${when(status.postponedUntil)}.`
          : ''}
      </p>
      <div className="button-row">
        {status.state === 'ready' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy !== null}
              onClick={() => void run('restart', () => api.restartToUpdate())}
            >
              {busy === 'restart' ? <Spinner /> : null}
              Restart to update {status.version}
            </button>
            {status.postponedUntil === null ? (
              <button
                type="button"
                disabled={busy !== null}
                aria-describedby={`${ids}-later-hint`}
                onClick={() =>
                  void run('later', () => api.postponeUpdate({ hours: POSTPONE_HOURS.default }))
                }
              >
                Later
              </button>
            ) : null}
          </>
        ) : (
          <button
            type="button"
            disabled={off || working || busy !== null}
            aria-describedby={`${ids}-status`}
            onClick={() => void run('check', () => api.checkForUpdates())}
          >
            {busy === 'check' ? <Spinner /> : null}
            Check for updates
          </button>
        )}
      </div>
      {status.state === 'ready' && status.postponedUntil === null ? (
        <p id={`${ids}-later-hint`} className="muted small">
          Later: you are not asked again until tomorrow.
        </p>
      ) : null}
      <form onSubmit={save} noValidate aria-label="Update settings">
        <SelectField
          id={`${ids}-channel`}
          label="Updates to take"
          options={CHANNEL_OPTIONS}
          value={channel}
          onChange={(v) => {
            setChannel(v);
            setSaved(false);
          }}
        />
        <TextField
          id={`${ids}-feed`}
          label="Update server (optional)"
          value={feed}
          onChange={(v) => {
            setFeed(v);
            setSaved(false);
          }}
          error={problem === null ? null : feedUrlMessage(problem)}
          hint="An https folder holding latest.yml (and beta.yml for beta) instead of the GitHub releases. Empty for the GitHub releases."
          placeholder={FEED_URL_EXAMPLE}
          spellCheck={false}
          autoComplete="off"
          inputMode="url"
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={installOnQuit}
            onChange={(e) => {
              setInstallOnQuit(e.target.checked);
              setSaved(false);
            }}
          />
          Install a downloaded update when SSO Tray quits
        </label>
        {off ? <p className="muted small">These choices apply to installed builds.</p> : null}
        {error !== null ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" disabled={busy !== null || problem !== null}>
            {busy === 'save' ? <Spinner /> : null}
            Save update settings
          </button>
          <span role="status" className="success small">
            {saved ? 'Saved' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
