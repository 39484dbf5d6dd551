// Light/dark follows the system unless the user picked one in Settings.
import type { Api } from '../shared/ipc-renderer';
import type { StateSnapshot } from '../shared/ipc-views';
import { newestState } from './lib/newest-state';

export function setTheme(theme: StateSnapshot['settings']['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** `initial`: the snapshot request already under way, if any. The newest snapshot's theme wins. */
export function applyTheme(api: Api, initial: Promise<StateSnapshot> = api.getState()): void {
  let shown: StateSnapshot | null = null;
  const show = (s: StateSnapshot) => {
    shown = newestState(shown, s);
    setTheme(shown.settings.theme);
  };
  api.onState(show);
  initial.then(show).catch(() => undefined);
}
