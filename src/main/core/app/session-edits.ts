// The edits of the config file the window asks for: adding an `[sso-session]`, and adopting a
// legacy start URL as one. Each is checked before anything is written (a clash of names, a start
// URL host outside AWS the user did not confirm), then the list of sessions is read again.
import { SsoTrayError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { startUrlHost } from '../security/external-url';
import type { SettingsStore } from '../settings/store';
import { DEFAULT_SCOPES, readConfigText } from '../sso/config';
import { ssoSessionKeysToAdd, writeSsoSession } from '../sso/sso-session-writer';
import type { SessionView } from '../../../shared/ipc-views';
import { sessionNameFromStartUrl } from '../../../shared/schemas';
import type { Sessions } from './sessions';

export interface SessionEditsOptions {
  sessions: Sessions;
  settings: SettingsStore;
}

export type SessionEditChannels = 'sessions.add' | 'sessions.adoptLegacy';

export class SessionEdits {
  constructor(private readonly o: SessionEditsOptions) {}

  handlers(): Pick<Handlers, SessionEditChannels> {
    return {
      'sessions.add': (p) => this.add(p),
      'sessions.adoptLegacy': (p) => this.adoptLegacy(p.session, p.name),
    };
  }

  /**
   * Adds `[sso-session NAME]` to the config file. A start URL outside AWS's portal hosts is
   * added only after the user confirmed its host in main's dialog (once per host); refused, it
   * is a CANCELLED error and the file is not touched.
   */
  async add(input: { name?: string; startUrl: string; region: string }): Promise<SessionView> {
    const { sessions } = this.o;
    const name = input.name ?? sessionNameFromStartUrl(input.startUrl);
    const configFile = sessions.configFile();
    const section = {
      name,
      startUrl: input.startUrl,
      region: input.region,
      scopes: [...DEFAULT_SCOPES],
    };
    // A clash is reported before the user is asked anything.
    ssoSessionKeysToAdd((await readConfigText(configFile)) ?? '', section, configFile);
    if (!(await sessions.pages.trustStartUrl(input.startUrl, 'add'))) {
      throw new SsoTrayError(
        'CANCELLED',
        `The session was not added: ${startUrlHost(input.startUrl) ?? 'its host'} is not an AWS access portal address and was not confirmed.`,
      );
    }
    await writeSsoSession(configFile, section);
    return sessions.show(name);
  }

  /**
   * Adds an `[sso-session]` for the start URL of legacy SSO profiles (which stay as they are).
   * The new session takes the legacy one's name unless another is given, so favourites and
   * recents keep pointing at it; the sign-in carries over (the SSO service reads the legacy
   * token of the same start URL until the session has its own).
   */
  async adoptLegacy(legacy: string, newName?: string): Promise<SessionView> {
    const { sessions } = this.o;
    const c = sessions.config(legacy);
    if (c.kind !== 'legacy') {
      throw new SsoTrayError('INVALID_INPUT', `${legacy} is already an [sso-session].`);
    }
    const name = newName ?? legacy;
    const other = sessions.find(name);
    if (other !== undefined && other.kind !== 'legacy') {
      throw new SsoTrayError(
        'CONFIG',
        `The config file already has a session named ${name}. Choose another name.`,
      );
    }
    await writeSsoSession(sessions.configFile(), {
      name,
      startUrl: c.startUrl,
      region: c.region,
      scopes: c.scopes,
    });
    if (name !== legacy) this.rename(legacy, name);
    return sessions.show(name);
  }

  /** Settings that refer to a session by name, and its sign-in state, follow it to its new name. */
  private rename(from: string, to: string): void {
    const { settings } = this.o;
    const s = settings.get();
    const rename = <T extends { session: string }>(list: readonly T[]): T[] =>
      list.map((x) => (x.session === from ? { ...x, session: to } : x));
    settings.update({
      sessions: s.sessions.map((n) => (n === from ? to : n)),
      activeSession: s.activeSession === from ? to : s.activeSession,
      favourites: rename(s.favourites),
      recents: rename(s.recents),
      autoRefreshProfiles: rename(s.autoRefreshProfiles),
    });
    this.o.sessions.renameStatus(from, to);
  }
}
