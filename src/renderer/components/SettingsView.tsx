// Settings: warning thresholds, clipboard clearing, auto-refresh, launch at login and theme; then
// the quick pick (./settings/ShortcutSection), updates (./settings/UpdatesSection), the sign-in
// sessions (./settings/SessionsSection) and the log (./settings/LogSection).
import { useId, useState, type FormEvent } from 'react';
import type { NoticeEvent } from '../../shared/ipc-contract';
import type { SettingsView as Settings, StateSnapshot } from '../../shared/ipc-views';
import type { ErrorInfo } from '../../shared/schemas';
import {
  CLIPBOARD_CLEAR_SECONDS,
  MAX_THRESHOLDS,
  normaliseThresholds,
  THEMES,
  THRESHOLD_MINUTES,
  type Theme,
} from '../../shared/setting-rules';
import { toInfo } from '../lib/errors';
import { useApi } from './api-context';
import { Spinner } from './icons';
import { LogSection } from './settings/LogSection';
import { NumberField, wholeNumber, type Parsed } from './settings/NumberField';
import { SessionsSection } from './settings/SessionsSection';
import { ErrorAlert } from './ErrorAlert';
import { optionsOf, SelectField } from './fields/SelectField';
import { ShortcutSection } from './settings/ShortcutSection';
import { ProfilesSection } from './settings/ProfilesSection';
import { UpdatesSection } from './settings/UpdatesSection';

const { min: MIN_MINUTES, max: MAX_MINUTES } = THRESHOLD_MINUTES;
const { min: MIN_SECONDS, max: MAX_SECONDS } = CLIPBOARD_CLEAR_SECONDS;

/** "15, 5" → [15, 5]; a message when it is not a few whole minutes in THRESHOLD_MINUTES. */
export function parseThresholds(text: string): Parsed<number[]> {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: true, value: [] };
  if (parts.length > MAX_THRESHOLDS) {
    return { ok: false, message: `At most ${MAX_THRESHOLDS} warnings.` };
  }
  const value: number[] = [];
  for (const p of parts) {
    const n = wholeNumber(p, MIN_MINUTES, MAX_MINUTES);
    if (n === undefined) {
      return {
        ok: false,
        message: `“${p}” is not a number of minutes between ${MIN_MINUTES} and ${MAX_MINUTES}.`,
      };
    }
    value.push(n);
  }
  return { ok: true, value: normaliseThresholds(value) };
}

/** "60" → 60; 0 means never. */
export function parseClipboardSeconds(text: string): Parsed<number> {
  const n = wholeNumber(text.trim(), MIN_SECONDS, MAX_SECONDS);
  if (n === undefined) {
    return {
      ok: false,
      message: `Enter a number of seconds between ${MIN_SECONDS} (never) and ${MAX_SECONDS}.`,
    };
  }
  return { ok: true, value: n };
}

const THEME_OPTIONS = optionsOf<Theme>(THEMES, {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
});

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
  const [endpoint, setEndpoint] = useState(s.credentialsEndpoint);
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
      credentialsEndpoint: endpoint,
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
        <NumberField
          id={`${ids}-thr`}
          label="Warn before credentials expire (minutes)"
          value={thresholds}
          onChange={(v) => {
            setThresholds(v);
            setSaved(false);
          }}
          check={t}
          hint="For example “15, 5”. Leave empty for no warnings."
        />
        <NumberField
          id={`${ids}-clip`}
          label="Clear copied credentials from the clipboard after (seconds)"
          value={clipboard}
          onChange={(v) => {
            setClipboard(v);
            setSaved(false);
          }}
          check={c}
          hint="0 means never."
        />
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
        <label className="checkbox">
          <input
            type="checkbox"
            checked={endpoint}
            aria-describedby={`${ids}-endpoint-hint`}
            onChange={(e) => {
              setEndpoint(e.target.checked);
              setSaved(false);
            }}
          />
          Serve credentials to local processes
        </label>
        <p id={`${ids}-endpoint-hint`} className="muted small">
          On 127.0.0.1 only, while SSO Tray runs, in the AWS container credentials format: a process
          given the two lines from Access keys gets fresh credentials by itself. Any program that
          has those lines can get the role&rsquo;s credentials.
        </p>
        <SelectField
          id={`${ids}-theme`}
          label="Appearance"
          options={THEME_OPTIONS}
          value={theme}
          onChange={(v) => {
            setTheme(v);
            setSaved(false);
          }}
        />
        <ErrorAlert error={error} />
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

      <ShortcutSection snapshot={snapshot} />
      <UpdatesSection snapshot={snapshot} />
      <SessionsSection snapshot={snapshot} onSignIn={onSignIn} notify={notify} />
      <ProfilesSection snapshot={snapshot} />
      <LogSection location={snapshot.logsLocation} notify={notify} />
    </div>
  );
}
