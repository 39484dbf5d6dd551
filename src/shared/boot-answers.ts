// The window's first two answers, carried by the page itself. Over HTTP (the web host) every
// request of the window costs a round trip through a loaded browser and a busy machine, and the
// first screen waited for two of them: the state snapshot and the first screen of the active
// session's accounts. So the host that serves the page puts those answers into it, as the
// contract's own envelopes (each computed by the same dispatch as a request, payload and result
// checked), in a JSON data block: `<script type="application/json">`, which the browser never
// runs, so the page's CSP (no inline script) stays as it is. The window takes them before it
// sends anything (renderer/lib/boot-answers.ts) and asks only for what is not there.
//
// The page is served with them only to a request that carries the host's token, and never cached
// (`no-store`). Neither answer holds a secret: the snapshot has names, addresses and times, the
// list account names, ids, e-mail addresses and role names.
//
// Imports types only from the contract: the window reads this before zod is loaded.
import type { InvokeChannel } from './ipc-contract';
import type { StateSnapshot } from './ipc-views';

/** The id of the page's data block. */
export const BOOT_ANSWERS_ID = 'sso-tray-boot-answers';

/** Accounts in the first-screen request: more than any window shows without scrolling. */
export const FIRST_SCREEN = 100;

/** One answer the page carries: what would have been asked, and main's envelope for it. */
export interface BootAnswer {
  channel: InvokeChannel;
  payload: Record<string, unknown>;
  envelope: unknown;
}

/** The session whose accounts the window opens with: the active one, when it is signed in. */
export function bootSession(state: StateSnapshot): string | null {
  const active = state.sessions.find((s) => s.name === state.activeSession);
  return active?.status === 'signed-in' ? active.name : null;
}

/** The payload of the first-screen request for `session` (the same in the page and in a request). */
export function firstScreenPayload(session: string): { session: string; first: number } {
  return { session, first: FIRST_SCREEN };
}
