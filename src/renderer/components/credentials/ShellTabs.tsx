// The shell tabs of the "Get credentials" dialog: which shell Option 1's commands are for. The
// tab list, its labels and the ids tying tabs to the panel live here only.
import type { KeyboardEvent } from 'react';
import {
  ENV_FORMATS,
  platformEnvFormat,
  type EnvFormat,
  type EnvShell,
} from '../../../shared/credential-formats';
import type { Platform } from '../../../shared/ipc-views';

export type Shell = EnvShell;

/** A tab: one of the environment formats of the shared list (its id is what Copy asks for). */
export type ShellTab = EnvFormat;

const TABS: readonly ShellTab[] = ENV_FORMATS;

/** The tab selected when the dialog opens: the one for the platform the app runs on. */
export function defaultShell(platform: Platform): Shell {
  return platformEnvFormat(platform).shell;
}

export function tabFor(shell: Shell): ShellTab {
  return TABS.find((t) => t.shell === shell) ?? TABS[0]!;
}

/** The id of a tab, from the dialog's `useId()` prefix. */
export function tabId(ids: string, shell: Shell): string {
  return `${ids}-tab-${shell}`;
}

/** The id of the one panel all tabs control. */
export function panelId(ids: string): string {
  return `${ids}-panel`;
}

interface Props {
  ids: string;
  shell: Shell;
  onSelect: (shell: Shell) => void;
}

/** The tab list; the arrow keys move between tabs (and select them). */
export function ShellTabs({ ids, shell, onSelect }: Props) {
  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, t: ShellTab) {
    const i = TABS.indexOf(t);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length]!;
    onSelect(next.shell);
    document.getElementById(tabId(ids, next.shell))?.focus();
  }

  return (
    <div role="tablist" aria-label="Shell" className="tabs">
      {TABS.map((t) => (
        <button
          key={t.shell}
          type="button"
          role="tab"
          id={tabId(ids, t.shell)}
          aria-selected={t.shell === shell}
          aria-controls={panelId(ids)}
          tabIndex={t.shell === shell ? 0 : -1}
          onClick={() => onSelect(t.shell)}
          onKeyDown={(e) => onKeyDown(e, t)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
