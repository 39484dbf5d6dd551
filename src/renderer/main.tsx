// Entry of the window. In Electron the preload provides `window.api`; in a plain browser (the
// web host) the web bridge installs the same api over HTTP first.
//
// Startup order (the account list is the slow part, so it is asked for as early as possible):
// this small entry installs the api and requests the state snapshot, then the active session's
// account list (lib/boot). React and the components are a separate chunk, loaded and evaluated
// while those requests are under way; the first React render waits until the list request is sent
// (at most BOOT_WAIT_MS), so the snapshot answer is not queued behind the mount.
import { bootRequested, startBoot } from './lib/boot';
import { applyTheme } from './theme';
import { ensureApi } from './web-bridge';

const BOOT_WAIT_MS = 300;

// Asked for first: a host that answers one request at a time serves it before the list.
const app = import('./root');
const api = ensureApi();
applyTheme(api, startBoot(api));

const root = document.getElementById('root');
if (root !== null) {
  const container = root;
  void Promise.all([app, bootRequested(api, BOOT_WAIT_MS)]).then(([{ renderApp }]) =>
    renderApp(container, api),
  );
}
