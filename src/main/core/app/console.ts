// "Open console" for a role, the two ways: the access portal's shortcut link (the default: it
// relies on the portal's browser session and keeps the console's multi-session behaviour), or
// the direct sign-in (GetRoleCredentials, the federation endpoint's sign-in token, its login
// URL). Each session has its own choice of way, page, region and browser, kept in the settings.
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import {
  consoleDestination,
  federationEndpoint,
  getSigninToken,
  loginUrl,
  type FetchFn,
} from '../console/federation';
import { consoleUrl } from '../security/web-security';
import type { SettingsStore } from '../settings/store';
import {
  defaultConsoleSettings,
  type BrowserChoice,
  type ConsoleSettings,
} from '../../../shared/console-settings';
import type { Handlers } from '../ipc/dispatch';
import { roleTarget, type CredentialsService, type RoleTarget } from './credentials';
import type { Sessions } from './sessions';

/** What one opening may change from the session's settings (the CLI's flags). */
export interface ConsoleOverrides {
  way?: ConsoleSettings['way'];
  destination?: string;
  region?: string;
  browser?: BrowserChoice;
}

export type ConsoleChannels = 'console.open' | 'console.getSettings' | 'console.setSettings';

export interface ConsoleServiceOptions {
  env: Env;
  sessions: Sessions;
  settings: SettingsStore;
  credentials: CredentialsService;
  log?: Logger;
  /** The federation endpoint's HTTP client (the default fetch when absent). */
  fetchFn?: FetchFn;
}

export class ConsoleService {
  private readonly env: Env;
  private readonly sessions: Sessions;
  private readonly settings: SettingsStore;
  private readonly credentials: CredentialsService;
  private readonly log: Logger;
  private readonly fetchFn: FetchFn | undefined;

  constructor(o: ConsoleServiceOptions) {
    this.env = o.env;
    this.sessions = o.sessions;
    this.settings = o.settings;
    this.credentials = o.credentials;
    this.log = o.log ?? silentLogger;
    this.fetchFn = o.fetchFn;
  }

  handlers(): Pick<Handlers, ConsoleChannels> {
    return {
      'console.open': async (p) => {
        await this.open(roleTarget(p));
      },
      'console.getSettings': async (p) => this.settingsFor(p.session),
      'console.setSettings': async (p) => this.update(p.session, p.settings),
    };
  }

  /** The session's console settings (the defaults until the user chose). */
  settingsFor(session: string): ConsoleSettings {
    this.sessions.config(session);
    return this.settings.get().consoleSessions[session] ?? defaultConsoleSettings();
  }

  /** Replaces the session's console settings; the defaults are not stored. */
  update(session: string, next: ConsoleSettings): ConsoleSettings {
    this.sessions.config(session);
    // A destination must fit the region's console before it is kept.
    if (next.destination !== undefined) {
      consoleDestination(next.region ?? this.sessions.config(session).region, next.destination);
    }
    const all = { ...this.settings.get().consoleSessions };
    const isDefault =
      next.way === 'shortcut' &&
      next.browser.browser === 'default' &&
      next.destination === undefined &&
      next.region === undefined;
    if (isDefault) delete all[session];
    else all[session] = next;
    this.settings.update({ consoleSessions: all });
    return this.settingsFor(session);
  }

  /**
   * The direct sign-in URL for the role: new or cached role credentials, exchanged for a sign-in
   * token. The URL is a secret for 15 minutes (it signs a browser in): it is never logged.
   */
  async signInUrl(t: RoleTarget, overrides: ConsoleOverrides = {}): Promise<string> {
    const config = this.sessions.config(t.session);
    const saved = this.settingsFor(t.session);
    const region = overrides.region ?? saved.region ?? config.region;
    const destination = consoleDestination(region, overrides.destination ?? saved.destination);
    const endpoint = federationEndpoint(region, this.env);
    const creds = await this.credentials.get(t);
    const token = await getSigninToken(endpoint, creds, {
      ...(this.fetchFn === undefined ? {} : { fetch: this.fetchFn }),
    });
    // Issuer: where the console sends the user when this console session ends, the portal.
    return loginUrl(endpoint, token, destination, config.startUrl);
  }

  /** Opens the console as the role, the session's way, in the session's browser. */
  async open(t: RoleTarget, overrides: ConsoleOverrides = {}): Promise<void> {
    const saved = this.settingsFor(t.session);
    const way = overrides.way ?? saved.way;
    const browser = overrides.browser ?? saved.browser;
    let url: string;
    if (way === 'direct') {
      url = await this.signInUrl(t, overrides);
    } else {
      const { startUrl } = this.sessions.config(t.session);
      url = consoleUrl(startUrl, t.accountId, t.roleName);
    }
    if (!(await this.sessions.pages.open(url, browser))) {
      this.log.warn('the console could not be opened', { way, browser: browser.browser });
      throw new SsoTrayError(
        'INVALID_INPUT',
        browser.browser === 'default'
          ? 'The AWS console could not be opened.'
          : `The AWS console could not be opened in ${browserLabel(browser)}: is it installed?`,
      );
    }
    this.credentials.used(t);
  }
}

function browserLabel(b: BrowserChoice): string {
  const names = {
    default: 'the default browser',
    chrome: 'Chrome',
    edge: 'Edge',
    brave: 'Brave',
    firefox: 'Firefox',
  };
  return names[b.browser];
}
