// The views the first screen does not show, loaded on demand so that the window's first chunk
// (React, the app frame, sign-in and the accounts screen) is smaller to download, compile and
// evaluate: Settings, the Get credentials dialog and the quick pick. They are fetched while the
// window is idle after the first screen was painted (`preloadViews`), and the window opens them in
// a transition (App): the dialog and the quick pick sit in boundaries that are always mounted, so
// one opened before its chunk arrived shows when it has (together with the window turning
// inert), with no empty fallback first; Settings shows its title at once and its form then.
import { lazy } from 'react';

const load = {
  settings: () => import('./SettingsView'),
  dialog: () => import('./CredentialsDialog'),
  palette: () => import('./Palette'),
};

export const SettingsView = lazy(() => load.settings().then((m) => ({ default: m.SettingsView })));
export const CredentialsDialog = lazy(() =>
  load.dialog().then((m) => ({ default: m.CredentialsDialog })),
);
export const Palette = lazy(() => load.palette().then((m) => ({ default: m.Palette })));

let preloaded = false;

/** Fetches (and evaluates) the views' chunks, once, when the window has nothing else to do. */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  const run = () => {
    for (const get of Object.values(load)) void get().catch(() => (preloaded = false));
  };
  const whenIdle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  };
  // Not before the first screen is painted: the window can be idle between the first render and
  // its frame, and evaluating the views' chunks (zod with them) there would hold the frame back.
  // A frame callback runs before that frame's paint; a task it queues runs after it.
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(whenIdle, 0));
  } else whenIdle();
}
