// Settings: the quick pick's global shortcut, checked as typed with the same rule main applies
// (src/shared/accelerator), saved on its own, and whether it works now: registered, off, or
// refused by the system (then why, and that another one is needed).
import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_PALETTE_SHORTCUT, readAccelerator } from '../../../shared/accelerator';
import type { StateSnapshot } from '../../../shared/ipc-views';
import { errorMessage, toInfo } from '../../lib/errors';
import { useApi } from '../api-context';
import { TextField } from '../fields/TextField';

interface Props {
  snapshot: StateSnapshot;
}

function statusText(status: StateSnapshot['paletteShortcut']): string {
  switch (status.state) {
    case 'registered':
      return `${status.accelerator} opens the quick pick from anywhere.`;
    case 'off':
      return 'No shortcut: the quick pick is off.';
    default:
      return status.message ?? 'The shortcut does not work here.';
  }
}

export function ShortcutSection({ snapshot }: Props) {
  const api = useApi();
  const ids = useId();
  const [text, setText] = useState(snapshot.settings.paletteShortcut);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const trimmed = text.trim();
  const check = trimmed === '' ? ({ ok: true, value: '' } as const) : readAccelerator(trimmed);
  const status = snapshot.paletteShortcut;
  const problem = status.state === 'failed' || status.state === 'unavailable';

  async function save(value: string) {
    setSaving(true);
    setError(null);
    try {
      const next = await api.updateSettings({ patch: { paletteShortcut: value } });
      setText(next.paletteShortcut);
    } catch (e) {
      setError(errorMessage(toInfo(e)));
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (check.ok) void save(check.value);
  }

  return (
    <section className="shortcut-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title">
        Quick pick
      </h2>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-title`}>
        <TextField
          id={`${ids}-key`}
          label="Shortcut that opens the quick pick"
          value={text}
          onChange={setText}
          error={check.ok ? null : check.message}
          hint={`Keys joined by “+”, such as ${DEFAULT_PALETTE_SHORTCUT} (the default); empty for none.`}
          describedBy={`${ids}-status`}
          spellCheck={false}
          autoComplete="off"
        />
        <p
          id={`${ids}-status`}
          role="status"
          className={problem ? 'field-error' : 'field-hint'}
          data-state={status.state}
        >
          {statusText(status)}
        </p>
        {error !== null ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" disabled={saving || !check.ok}>
            Save shortcut
          </button>
          {snapshot.settings.paletteShortcut !== DEFAULT_PALETTE_SHORTCUT ? (
            <button
              type="button"
              disabled={saving}
              onClick={() => void save(DEFAULT_PALETTE_SHORTCUT)}
            >
              Use the default
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
