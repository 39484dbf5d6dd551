// Carries out a tray (or notification) action through the same handlers the window uses, so a
// click in the tray and a click in the window cannot behave differently. Never throws: the
// outcome is an envelope the host can turn into a notice.
import type { Envelope, NavigateEvent } from '../../../shared/ipc-contract';
import { toErrorInfo, type Handlers } from '../ipc/dispatch';
import { defaultProfileName } from '../../../shared/credential-formats';
import type { TrayAction } from './actions';

export type TrayActionHandlers = Pick<
  Handlers,
  | 'credentials.copy'
  | 'endpoint.copy'
  | 'credentials.writeProfile'
  | 'console.open'
  | 'favourites.toggle'
  | 'sessions.setActive'
  | 'accounts.refresh'
  | 'auth.login'
  | 'auth.logout'
  | 'updates.check'
  | 'updates.restart'
>;

export interface TrayActionHost {
  handlers: TrayActionHandlers;
  activeSession(): string | null;
  /** Shows (and focuses) the app window. */
  showWindow(): void;
  /** Tells the window which view to show. */
  navigate(event: NavigateEvent): void;
  quit(): void;
}

export async function runTrayAction(
  action: TrayAction,
  host: TrayActionHost,
): Promise<Envelope<unknown>> {
  try {
    const value = await run(action, host);
    return { ok: true, value: value ?? null };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) };
  }
}

async function run(action: TrayAction, host: TrayActionHost): Promise<unknown> {
  const h = host.handlers;
  switch (action.kind) {
    case 'copy': {
      const { session, accountId, roleName, format } = action;
      return h['credentials.copy']({ session, accountId, roleName, what: format });
    }
    case 'copyEndpoint': {
      const { session, accountId, roleName, shell } = action;
      return h['endpoint.copy']({ session, accountId, roleName, shell });
    }
    case 'writeProfile': {
      const { session, accountId, roleName } = action;
      const profileName = action.profileName ?? defaultProfileName(accountId, roleName);
      return h['credentials.writeProfile']({ session, accountId, roleName, profileName });
    }
    case 'openConsole': {
      const { session, accountId, roleName } = action;
      return h['console.open']({ session, accountId, roleName });
    }
    case 'openAccessKeys': {
      const { session, accountId, roleName } = action;
      host.showWindow();
      host.navigate({ to: 'accessKeys', session, accountId, roleName });
      return null;
    }
    case 'toggleFavourite': {
      const { session, accountId, roleName } = action;
      return h['favourites.toggle']({ session, accountId, roleName });
    }
    case 'selectSession':
      return h['sessions.setActive']({ session: action.session });
    case 'refresh': {
      const session = host.activeSession();
      return session === null ? null : h['accounts.refresh']({ session });
    }
    case 'signIn': {
      const session = action.session ?? host.activeSession();
      // No session configured yet: the window asks for the start URL and region.
      host.showWindow();
      return session === null ? null : h['auth.login']({ session });
    }
    case 'signOut':
      return h['auth.logout']({ session: action.session });
    case 'open':
      host.showWindow();
      return null;
    case 'settings':
      host.showWindow();
      host.navigate({ to: 'settings' });
      return null;
    case 'checkUpdates':
      return h['updates.check']({});
    case 'restartToUpdate':
      return h['updates.restart']({});
    case 'quit':
      host.quit();
      return null;
  }
}
