// What the core does across its services when it starts, when a session signs in or out, and
// when it stops, in that order: the composition root (./index.ts) builds the services and calls
// these. A sign-in is like a start for one session: its expiry is counted down, its accounts
// listed and the profiles kept fresh for it renewed again; a sign-out forgets all of that.
import type { Logger } from '../log/logger';
import type { AccountsService } from './accounts';
import type { CredentialsService } from './credentials';
import type { EndpointService } from './endpoint';
import type { EventBus } from './events';
import type { ExpiryService } from './expiry';
import type { PaletteShortcut } from './palette-shortcut';
import type { PreferencesService } from './preferences';
import type { Sessions } from './sessions';
import type { AppUpdates } from './updates';

export interface LifecycleServices {
  preferences: Pick<PreferencesService, 'load' | 'dispose'>;
  sessions: Pick<Sessions, 'load' | 'views' | 'dispose'>;
  expiry: Pick<ExpiryService, 'trackSession' | 'forgetSession' | 'dispose'>;
  accounts: Pick<AccountsService, 'refresh' | 'forget' | 'dispose'>;
  credentials: Pick<
    CredentialsService,
    'restoreAutoRefresh' | 'forgetSession' | 'clearOwnedClipboard'
  >;
  updates: Pick<AppUpdates, 'start' | 'dispose'>;
  paletteShortcut: Pick<PaletteShortcut, 'dispose'>;
  endpoint: Pick<EndpointService, 'dispose'>;
  bus: Pick<EventBus, 'clear'>;
  log: Logger;
}

/**
 * Loads the settings and the sessions, counts down each signed-in session and tracks the
 * profiles kept fresh again, then starts the updates. The promise is the core's `ready`: its
 * failure (every session left signed out) is logged here, and the updates do not start.
 */
export function start(s: LifecycleServices): Promise<void> {
  const ready = (async () => {
    await s.preferences.load();
    await s.sessions.load();
    const signedIn = new Set<string>();
    for (const view of s.sessions.views()) {
      if (view.status !== 'signed-in') continue;
      signedIn.add(view.name);
      s.expiry.trackSession(view.name, view.expiresAt);
    }
    try {
      await s.credentials.restoreAutoRefresh(signedIn);
    } catch (e) {
      // An unreadable record only means nothing is renewed until the user writes again.
      s.log.warn('profiles kept fresh could not be tracked again', { error: e });
    }
  })();
  ready.catch((e: unknown) => s.log.error('the app core did not start', { error: e }));
  void ready.then(
    () => s.updates.start(),
    () => undefined,
  );
  return ready;
}

/** A session just signed in (see the top of this file); failures only go to the log. */
export function signedIn(s: LifecycleServices, name: string, expiresAt: number | null): void {
  s.expiry.trackSession(name, expiresAt);
  void s.accounts
    .refresh(name)
    .catch((e: unknown) => s.log.warn('listing after sign-in failed', { session: name, error: e }));
  // Profiles kept fresh for this session are renewed again from now on.
  void s.credentials
    .restoreAutoRefresh(new Set([name]))
    .catch((e: unknown) =>
      s.log.warn('profiles kept fresh could not be tracked again', { session: name, error: e }),
    );
}

/** A session signed out: its expiry, accounts and credentials forgotten, our copy cleared. */
export function signedOut(s: LifecycleServices, name: string): void {
  s.expiry.forgetSession(name);
  s.accounts.forget(name);
  s.credentials.forgetSession(name);
  void s.credentials.clearOwnedClipboard();
}

/**
 * Stops timers, the shortcut, the updates and the endpoint, waits for the accounts cache writes
 * under way (nothing is written once this resolves), drops the listeners, and clears the
 * clipboard if it still holds our copy.
 */
export async function stop(s: LifecycleServices): Promise<void> {
  s.preferences.dispose();
  s.paletteShortcut.dispose();
  s.updates.dispose();
  s.sessions.dispose();
  s.expiry.dispose();
  await s.endpoint.dispose();
  await s.accounts.dispose();
  s.bus.clear();
  await s.credentials.clearOwnedClipboard();
}
