// Entry of the window. In Electron the preload provides `window.api`; in a plain browser (the
// web host) the web bridge installs the same api over HTTP first.
//
// Startup order (the account list is the slow part, so it is asked for as early as possible):
// this small entry starts the state snapshot request and the first screen of the active
// session's account list (lib/boot). It loads neither zod nor the contract nor React: in the web
// host it sends those two requests itself (lib/prefetch) and then makes the api (./web-bridge,
// part of this entry: it only decodes, main checked what it sends), which takes their answers as
// it takes any answer; in Electron the preload's api is there already. The bridge is imported
// statically: a dynamic import of even a preloaded chunk resolves several milliseconds later
// while the page loads, and the window would wait for it. React and the components are a
// separate chunk: the page preloads the chunks (a modulepreload link added at build time,
// tools/vite-renderer.ts) while this entry runs, and React's is evaluated only once the list
// request is sent (or after BOOT_WAIT_MS), so that evaluating it does not hold the answer to the
// snapshot request, and with it the list request, back. The window then renders once those
// answers are in (or after ANSWER_WAIT_MS): its first render shows the accounts, with no spinner
// or empty screen before.
import type { Api } from '../shared/ipc-renderer';
import { configSessionNameProblem } from '../shared/rules';
import { FIRST_SCREEN, bootAnswered, bootRequested, localStorageHint, startBoot } from './lib/boot';
import { withPrefetch } from './lib/prefetch';
import { applyTheme } from './theme';
import { createWebTransport, pageEnv } from './web-transport';
import { ensureApi } from './web-bridge';

const BOOT_WAIT_MS = 300;
/** How long the first render waits for the boot's answers before it shows a spinner instead. */
const ANSWER_WAIT_MS = 300;

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled for this origin
  }
}

const hint = localStorageHint(pageStorage());

/** The web host's api: the boot's requests are sent first, then the api is made over them. */
function webApi(): Api {
  const transport = withPrefetch(createWebTransport(pageEnv()));
  transport.prefetch('state.get', {});
  const guess = hint.read();
  // Main refuses a payload that breaks the contract; this one is checked by the same rule before
  // it is sent, so that a bad stored name never leaves the window.
  if (guess !== null && configSessionNameProblem(guess) === null) {
    transport.prefetch('accounts.list', { session: guess, first: FIRST_SCREEN });
  }
  transport.connect();
  return ensureApi(transport);
}

function start(api: Api): void {
  applyTheme(api, startBoot(api, hint));
  const root = document.getElementById('root');
  if (root === null) return;
  void bootRequested(api, BOOT_WAIT_MS)
    .then(() => Promise.all([import('./root'), bootAnswered(api, ANSWER_WAIT_MS)]))
    .then(([{ renderApp }]) => renderApp(root, api));
}

if ('api' in window && window.api !== undefined) start(window.api);
else start(webApi());
