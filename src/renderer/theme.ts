// Light/dark follows the system unless the user picked one in Settings.
import type { Api } from '../shared/ipc-renderer';
import type { StateSnapshot } from '../shared/ipc-views';

export function setTheme(theme: StateSnapshot['settings']['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** `initial`: the snapshot request already under way, if any. */
export function applyTheme(api: Api, initial: Promise<StateSnapshot> = api.getState()): void {
  api.onState((s) => setTheme(s.settings.theme));
  initial.then((s) => setTheme(s.settings.theme)).catch(() => undefined);
}
