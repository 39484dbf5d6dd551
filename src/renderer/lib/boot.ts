// The window's first requests, started before React renders: the state snapshot once (shared by
// the theme and the App), and as soon as it names a signed-in active session, that session's
// account list. Accounts events that arrive before the accounts screen subscribes are kept and
// handed over with the list, so none is lost; so are state events until the window takes the
// snapshot (the newest of the answer and those events is handed over). What is not taken within
// BOOT_TTL_MS is dropped.
//
// The session the window showed last time is remembered (a name, no secret): its list is asked
// for together with the snapshot instead of after it, and used when the snapshot confirms it is
// still the active, signed-in session (otherwise it is dropped and the right one is asked for).
// A page that came with these answers (lib/boot-answers, in the web host) names the session whose
// list it carries instead, and the api hands those answers over without asking.
//
// Boot asks only for the first screen of that list (FIRST_SCREEN accounts, in
// shared/boot-answers): with thousands of accounts the whole list takes a while to arrive and to
// read, the first screen does not. The accounts screen shows it at once and asks for the whole
// list once it is painted, so that reading the big answer never holds the first screen back.
import { bootSession, firstScreenPayload } from '../../shared/boot-answers';
import type { AccountListView, AccountsEventView, Api } from '../../shared/ipc-renderer';
import type { StateSnapshot } from '../../shared/ipc-views';
import { newestState } from './newest-state';

const BOOT_TTL_MS = 30_000;

/** The boot's request for one session: the first screen of its account list. */
export interface BootAccounts {
  session: string;
  first: Promise<AccountListView>;
  /** The first screen once it arrived (so that the accounts screen can start with it). */
  value?: AccountListView;
}

function requestAccounts(api: Api, session: string): BootAccounts {
  const first = api.listAccounts(firstScreenPayload(session));
  const accounts: BootAccounts = { session, first };
  // Whoever takes it handles its failure.
  first.then((v) => (accounts.value = v)).catch(() => undefined);
  return accounts;
}

/** Where the name of the last shown session is kept between starts (localStorage in the app). */
export interface SessionHint {
  read(): string | null;
  write(session: string | null): void;
}

const LAST_SESSION_KEY = 'sso-tray-last-session';

/**
 * The hint in the page's localStorage; a page without one (or where it throws) has none. Storage
 * is read once (the entry and the boot both ask at start); a write is kept for later reads too.
 */
export function localStorageHint(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): SessionHint {
  let known: { value: string | null } | undefined;
  return {
    read() {
      if (known === undefined) {
        try {
          known = { value: storage?.getItem(LAST_SESSION_KEY) ?? null };
        } catch {
          known = { value: null };
        }
      }
      return known.value;
    },
    write(session) {
      known = { value: session };
      try {
        if (session === null) storage?.removeItem(LAST_SESSION_KEY);
        else storage?.setItem(LAST_SESSION_KEY, session);
      } catch {
        // storage full or disabled: the next start just asks in order
      }
    },
  };
}

interface Boot {
  state: Promise<StateSnapshot> | null;
  /** The newest snapshot so far: the answer or a state event, whichever is newer. */
  stateValue?: StateSnapshot;
  stopStateBuffering: () => void;
  /** The accounts screen took its part (takeBootAccounts). */
  accountsTaken: boolean;
  accounts: BootAccounts | null;
  events: AccountsEventView[];
  stopBuffering: () => void;
  /** Settles once the snapshot and the first screen it calls for have arrived (or failed). */
  answered: Promise<void>;
}

const boots = new WeakMap<Api, Boot>();

export function startBoot(api: Api, hint?: SessionHint): Promise<StateSnapshot> {
  const state = api.getState();
  const events: AccountsEventView[] = [];
  const off = api.onAccounts((e) => events.push(e));
  // A change main sends after it answered must not be lost before the window subscribes.
  const offState = api.onState((s) => (boot.stateValue = newestState(boot.stateValue ?? null, s)));
  const boot: Boot = {
    state,
    accounts: null,
    events,
    stopBuffering: off,
    stopStateBuffering: offState,
    accountsTaken: false,
    answered: Promise.resolve(),
  };
  boots.set(api, boot);
  const guess = hint?.read() ?? null;
  const early = guess === null ? null : requestAccounts(api, guess);
  boot.accounts = early;
  const confirmed = state.then(
    (answer) => {
      // A state event newer than the answer (one came first) decides which list to ask for.
      const s = newestState(boot.stateValue ?? null, answer);
      boot.stateValue = s;
      const signedIn = bootSession(s);
      hint?.write(signedIn);
      if (boot.events !== events) return; // taken or dropped meanwhile
      if (early !== null && early.session === signedIn) return;
      boot.accounts = null;
      if (signedIn === null) return;
      boot.accounts = requestAccounts(api, signedIn);
    },
    () => undefined,
  );
  boot.answered = confirmed.then(() =>
    boot.accounts?.first.then(
      () => undefined,
      () => undefined,
    ),
  );
  setTimeout(() => {
    if (boots.get(api) === boot) drop(api, boot);
  }, BOOT_TTL_MS);
  return state;
}

function drop(api: Api, boot: Boot): void {
  boot.stopBuffering();
  boot.stopStateBuffering();
  boot.accounts = null;
  boot.state = null;
  boot.events = [];
  boots.delete(api);
}

/**
 * Settles when the boot's answers are in (the snapshot, and the first screen when the snapshot
 * calls for one), or after `maxWaitMs`. The window renders once they are, so that its first render
 * already shows the accounts (peekBootState, peekBootAccounts) instead of a spinner and then an
 * empty screen, each a render and a commit of its own.
 */
export function bootAnswered(api: Api, maxWaitMs: number): Promise<void> {
  const boot = boots.get(api);
  if (boot === undefined) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    void boot.answered.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The boot's newest snapshot (the answer, or a state event since) if one has arrived (it stays for
 * takeBootState); null otherwise.
 */
export function peekBootState(api: Api): StateSnapshot | null {
  const boot = boots.get(api);
  return boot?.state != null ? (boot.stateValue ?? null) : null;
}

/** The boot's first screen of `session` if it has arrived (it stays for takeBootAccounts). */
export function peekBootAccounts(api: Api, session: string): AccountListView | null {
  const accounts = boots.get(api)?.accounts;
  return accounts?.session === session ? (accounts.value ?? null) : null;
}

/**
 * The snapshot request started at boot, once, settling with the newest of its answer and the state
 * events since; null when there is none (ask again). The caller subscribes to state events before
 * taking: later events reach it directly, and it keeps the newest (newestState).
 */
export function takeBootState(api: Api): Promise<StateSnapshot> | null {
  const boot = boots.get(api);
  if (boot === undefined || boot.state === null) return null;
  const state = boot.state;
  boot.state = null;
  boot.stopStateBuffering();
  if (boot.accountsTaken) boots.delete(api);
  const buffered = boot.stateValue ?? null;
  return state.then((s) => newestState(buffered, s));
}

/**
 * The first screen of the account list requested at boot for `session`, once, with the accounts
 * events that arrived since boot (oldest first). The caller subscribes to events before taking,
 * so that every later event reaches it directly. Null when there is none for this session.
 */
export function takeBootAccounts(
  api: Api,
  session: string,
): { first: Promise<AccountListView>; events: AccountsEventView[] } | null {
  const boot = boots.get(api);
  if (boot === undefined) return null;
  const accounts = boot.accounts;
  const events = boot.events;
  // The buffer serves only the first accounts screen, whichever session it shows. The snapshot
  // stays for takeBootState (the accounts screen, a child, takes its part first).
  boot.stopBuffering();
  boot.accounts = null;
  boot.events = [];
  boot.accountsTaken = true;
  if (boot.state === null) boots.delete(api);
  if (accounts === null || accounts.session !== session) return null;
  return { first: accounts.first, events };
}
