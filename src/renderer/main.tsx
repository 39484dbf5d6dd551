// Entry of the window. In Electron the preload provides `window.api`; in a plain browser (the
// web host) the web bridge installs the same api over HTTP first.
//
// Startup order: the first screen needs two answers, the state snapshot and the first screen of
// the active session's accounts (lib/boot). Over HTTP the host serves the page with both in it
// (shared/boot-answers.ts): they are taken from the page before anything is sent, and only a
// missing one is asked for (a reload, which carries no token in its address, comes without).
// In Electron they are asked for over IPC, which answers within a millisecond. React and the
// components are imported statically, as one module graph with this entry: a dynamic import of
// even a preloaded chunk resolves several milliseconds later while the page loads, and with the
// answers already in the page nothing is left to do meanwhile. The window renders once the
// answers are in (or after ANSWER_WAIT_MS, with a spinner): its first render shows the accounts,
// with no spinner or empty screen before.
import type { Api } from '../shared/ipc-renderer';
import { firstScreenPayload } from '../shared/boot-answers';
import { configSessionNameProblem } from '../shared/rules';
import { bootAnswered, localStorageHint, startBoot, type SessionHint } from './lib/boot';
import { takeBootAnswers } from './lib/boot-answers';
import { withPrefetch } from './lib/prefetch';
import { renderApp } from './root';
import { applyTheme } from './theme';
import { createWebTransport, pageEnv } from './web-transport';
import { ensureApi } from './web-bridge';

/** How long the first render waits for the boot's answers before it shows a spinner instead. */
const ANSWER_WAIT_MS = 300;

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled for this origin
  }
}

const stored = localStorageHint(pageStorage());

/** The web host's api: the page's answers put in, the boot's other requests sent, then the api. */
function webApi(): { api: Api; hint: SessionHint } {
  const transport = withPrefetch(createWebTransport(pageEnv()));
  let pageSession: string | null = null;
  for (const a of takeBootAnswers(document)) {
    transport.seed(a.channel, a.payload, a.envelope);
    if (a.channel === 'accounts.list' && typeof a.payload.session === 'string') {
      pageSession = a.payload.session;
    }
  }
  // The session whose list the page carries is the one to open with; else the last one shown.
  const hint: SessionHint =
    pageSession === null ? stored : { read: () => pageSession, write: (s) => stored.write(s) };
  transport.prefetch('state.get', {});
  const guess = hint.read();
  // Main refuses a payload that breaks the contract; this one is checked by the same rule before
  // it is sent, so that a bad stored name never leaves the window.
  if (guess !== null && configSessionNameProblem(guess) === null) {
    transport.prefetch('accounts.list', firstScreenPayload(guess));
  }
  transport.connect();
  return { api: ensureApi(transport), hint };
}

function start(api: Api, hint: SessionHint): void {
  applyTheme(api, startBoot(api, hint));
  const root = document.getElementById('root');
  if (root === null) return;
  void bootAnswered(api, ANSWER_WAIT_MS).then(() => renderApp(root, api));
}

if ('api' in window && window.api !== undefined) start(window.api, stored);
else {
  const web = webApi();
  start(web.api, web.hint);
}
