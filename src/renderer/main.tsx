// Entry of the window. In Electron the preload provides `window.api`; in a plain browser (the
// web host) the web bridge installs the same api over HTTP first.
//
// Startup order (the account list is the slow part, so it is asked for as early as possible):
// this small entry installs the api and requests the state snapshot and the first screen of the
// active session's account list (lib/boot). React and the components are a separate chunk: the page preloads it
// (a modulepreload link added at build time, tools/vite-renderer.ts) while this entry runs, and
// it is evaluated only once the list request is sent (or after BOOT_WAIT_MS), so that evaluating
// it does not hold the answer to the snapshot request, and with it the list request, back.
import { bootRequested, localStorageHint, startBoot } from './lib/boot';
import { applyTheme } from './theme';
import { ensureApi } from './web-bridge';

const BOOT_WAIT_MS = 300;

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled for this origin
  }
}

const api = ensureApi();
applyTheme(api, startBoot(api, localStorageHint(pageStorage())));

const root = document.getElementById('root');
if (root !== null) {
  const container = root;
  void bootRequested(api, BOOT_WAIT_MS)
    .then(() => import('./root'))
    .then(({ renderApp }) => renderApp(container, api));
}
