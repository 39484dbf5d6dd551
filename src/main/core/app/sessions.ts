// The sessions the app shows (the `[sso-session]` sections of the config file the user works
// with), their sign-in state, and sign-in itself: started here, finished in the background,
// reported through `auth` events.
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError, isSsoTrayError } from '../errors';
import { editIniFile } from '../files/ini-file';
import { allowListFor, isAllowedExternalUrl } from '../security/external-url';
import type { SettingsStore } from '../settings/store';
import { sessionNameFromStartUrl } from '../sso/validate';
import type { LoginFlow, SessionStatus, SessionView } from '../../../shared/ipc';
import { toErrorInfo } from '../../../shared/ipc';
import type { EventBus } from './events';
import type { BrowserPort, SsoLoginPrompt, SsoPort, SsoSessionConfig } from './ports';

interface SessionInfo {
  status: SessionStatus;
  expiresAt: number | null;
}

interface PendingLogin {
  controller: AbortController;
  prompt?: SsoLoginPrompt;
  opened: Set<string>;
}

export interface SessionHooks {
  signedIn(session: string, expiresAt: number | null): void;
  signedOut(session: string): void;
  /** The session can no longer be used (expired, revoked): ask the user to sign in again. */
  ended(session: string): void;
  changed(): void;
}

export class Sessions {
  private configs = new Map<string, SsoSessionConfig>();
  private info = new Map<string, SessionInfo>();
  private logins = new Map<string, PendingLogin>();
  private endedNotified = new Set<string>();

  constructor(
    private readonly env: Env,
    private readonly sso: SsoPort,
    private readonly settings: SettingsStore,
    private readonly browser: BrowserPort,
    private readonly bus: EventBus,
    private readonly hooks: SessionHooks,
    private readonly allowLoopbackHttp: boolean,
  ) {}

  /** Reads the config file and every session's sign-in state. */
  async load(): Promise<void> {
    const list = await this.sso.listSessions().catch(() => [] as SsoSessionConfig[]);
    this.configs = new Map(list.map((c) => [c.name, c]));
    const s = this.settings.get();
    // First start: adopt every session of the config file.
    if (s.sessions.length === 0 && list.length > 0) {
      this.settings.update({ sessions: list.map((c) => c.name) });
    }
    const active = this.settings.get().activeSession;
    if (active === null || !this.inUse().includes(active)) {
      const first = this.inUse()[0];
      if (first !== undefined) this.settings.update({ activeSession: first });
    }
    await Promise.all(this.inUse().map((name) => this.refreshStatus(name)));
  }

  /** Names of the sessions the user works with that exist in the config file. */
  inUse(): string[] {
    return this.settings.get().sessions.filter((n) => this.configs.has(n));
  }

  active(): string | null {
    const active = this.settings.get().activeSession;
    return active !== null && this.configs.has(active) ? active : (this.inUse()[0] ?? null);
  }

  config(name: string): SsoSessionConfig {
    const config = this.configs.get(name);
    if (config === undefined) {
      throw new SsoTrayError('CONFIG', `There is no sso-session named ${name} in the config file.`);
    }
    return config;
  }

  status(name: string): SessionInfo {
    return this.info.get(name) ?? { status: 'signed-out', expiresAt: null };
  }

  isSignedIn(name: string): boolean {
    return this.status(name).status === 'signed-in';
  }

  views(): SessionView[] {
    return this.inUse().flatMap((name) => {
      const c = this.configs.get(name);
      if (c === undefined) return [];
      const { status, expiresAt } = this.status(name);
      return [{ name, startUrl: c.startUrl, region: c.region, status, expiresAt }];
    });
  }

  /** Asks the SSO service again (after a refresh of the token, for instance). */
  async refreshStatus(name: string): Promise<SessionInfo> {
    if (this.logins.has(name)) return this.status(name);
    let info: SessionInfo;
    try {
      const st = await this.sso.status(name);
      info = { status: st.state, expiresAt: st.expiresAt ?? null };
      if (st.state === 'expired') {
        // An expired access token may still be refreshable with the refresh token.
        try {
          await this.sso.accessToken(name);
          const again = await this.sso.status(name);
          info = { status: again.state, expiresAt: again.expiresAt ?? null };
        } catch {
          // Stays expired: the user signs in again.
        }
      }
    } catch {
      info = { status: 'signed-out', expiresAt: null };
    }
    this.info.set(name, info);
    if (info.status === 'signed-in') this.endedNotified.delete(name);
    return info;
  }

  /**
   * Called with every error of a call that needed the session: an expired or missing sign-in
   * turns the session to "sign in again" (one notification), then the error goes on.
   */
  noteError(name: string, e: unknown): void {
    if (!isSsoTrayError(e)) return;
    if (e.code !== 'SESSION_EXPIRED' && e.code !== 'NOT_SIGNED_IN') return;
    const current = this.status(name);
    if (current.status === 'signing-in') return;
    const status: SessionStatus = e.code === 'SESSION_EXPIRED' ? 'expired' : 'signed-out';
    if (current.status !== status) {
      this.info.set(name, { status, expiresAt: current.expiresAt });
      this.hooks.changed();
    }
    if (!this.endedNotified.has(name)) {
      this.endedNotified.add(name);
      this.hooks.ended(name);
    }
  }

  /** The sign-in ran out (the scheduler saw its end); no notification from here. */
  markExpired(name: string): void {
    const current = this.status(name);
    if (current.status !== 'signed-in') return;
    this.info.set(name, { status: 'expired', expiresAt: current.expiresAt });
    this.hooks.changed();
  }

  /** Whether a "sign in again" notice was already given since the last sign-in. */
  markEndedNotified(name: string): boolean {
    if (this.endedNotified.has(name)) return false;
    this.endedNotified.add(name);
    return true;
  }

  async add(input: { name?: string; startUrl: string; region: string }): Promise<SessionView> {
    const name = input.name ?? sessionNameFromStartUrl(input.startUrl);
    const configFile = awsPaths(this.env).configFile;
    const header = `sso-session ${name}`;
    await editIniFile(configFile, (ini) => {
      const existing = ini.read(header);
      if (existing !== undefined) {
        const same =
          sameStartUrl(existing.sso_start_url, input.startUrl) &&
          existing.sso_region === input.region;
        if (same) return;
        throw new SsoTrayError(
          'CONFIG',
          `The config file already has an sso-session named ${name} with another start URL or region. Choose another name.`,
        );
      }
      ini.upsert(header, [
        ['sso_start_url', input.startUrl],
        ['sso_region', input.region],
        ['sso_registration_scopes', 'sso:account:access'],
      ]);
    });
    await this.load();
    const sessions = this.settings.get().sessions;
    if (!sessions.includes(name)) this.settings.update({ sessions: [...sessions, name] });
    if (this.active() === null || this.inUse().length === 1) {
      this.settings.update({ activeSession: name });
    }
    this.hooks.changed();
    const view = this.views().find((v) => v.name === name);
    if (view === undefined) throw new SsoTrayError('CONFIG', `Could not add the session ${name}.`);
    return view;
  }

  /** Stops showing a session (signs out first); the config file keeps its section. */
  async remove(name: string): Promise<void> {
    if (this.configs.has(name) && this.isSignedIn(name)) await this.logout(name);
    this.cancel(name);
    const s = this.settings.get();
    const sessions = s.sessions.filter((n) => n !== name);
    this.settings.update({
      sessions,
      activeSession: s.activeSession === name ? (sessions[0] ?? null) : s.activeSession,
    });
    this.info.delete(name);
    this.hooks.changed();
  }

  setActive(name: string): void {
    this.config(name);
    const sessions = this.settings.get().sessions;
    this.settings.update({
      activeSession: name,
      ...(sessions.includes(name) ? {} : { sessions: [...sessions, name] }),
    });
    this.hooks.changed();
  }

  /** Starts signing in and returns at once; the outcome arrives as `auth` events. */
  login(name: string, flow: LoginFlow = 'pkce'): void {
    this.config(name);
    this.cancel(name);
    const pending: PendingLogin = { controller: new AbortController(), opened: new Set() };
    this.logins.set(name, pending);
    const before = this.status(name);
    this.info.set(name, { status: 'signing-in', expiresAt: before.expiresAt });
    this.hooks.changed();

    const openBrowser = async (url: string): Promise<boolean> => {
      const opened = await this.open(url);
      if (opened) pending.opened.add(url);
      return opened;
    };
    const onPrompt = (prompt: SsoLoginPrompt): void => {
      pending.prompt = prompt;
      // The device flow's page is not opened by the SSO service itself: open it for the user.
      if (!pending.opened.has(prompt.url)) void openBrowser(prompt.url);
      this.bus.emit('auth', {
        type: 'prompt',
        session: name,
        flow: prompt.flow,
        url: prompt.url,
        ...(prompt.userCode === undefined ? {} : { userCode: prompt.userCode }),
      });
    };

    void (async () => {
      try {
        const st = await this.sso.login({
          session: name,
          flow,
          openBrowser,
          onPrompt,
          signal: pending.controller.signal,
        });
        if (this.logins.get(name) !== pending) return;
        this.logins.delete(name);
        const expiresAt = st.expiresAt ?? null;
        this.info.set(name, { status: 'signed-in', expiresAt });
        this.endedNotified.delete(name);
        const sessions = this.settings.get().sessions;
        if (!sessions.includes(name)) this.settings.update({ sessions: [...sessions, name] });
        this.bus.emit('auth', { type: 'success', session: name, expiresAt: expiresAt ?? 0 });
        this.hooks.signedIn(name, expiresAt);
        this.hooks.changed();
      } catch (e) {
        if (this.logins.get(name) !== pending) return;
        this.logins.delete(name);
        this.info.set(
          name,
          before.status === 'signing-in' ? { status: 'signed-out', expiresAt: null } : before,
        );
        this.bus.emit('auth', { type: 'failure', session: name, error: toErrorInfo(e) });
        this.hooks.changed();
      }
    })();
  }

  cancel(name: string): void {
    const pending = this.logins.get(name);
    if (pending === undefined) return;
    this.logins.delete(name);
    pending.controller.abort();
    void this.refreshStatus(name).then(() => {
      this.bus.emit('auth', {
        type: 'failure',
        session: name,
        error: { code: 'CANCELLED', message: 'Sign-in cancelled.' },
      });
      this.hooks.changed();
    });
  }

  async openVerification(name: string): Promise<void> {
    const prompt = this.logins.get(name)?.prompt;
    if (prompt === undefined) {
      throw new SsoTrayError('INVALID_INPUT', 'No sign-in is waiting for this session.');
    }
    if (!(await this.open(prompt.url))) {
      throw new SsoTrayError('INVALID_INPUT', 'The sign-in page could not be opened.');
    }
  }

  async logout(name: string): Promise<void> {
    this.cancel(name);
    try {
      await this.sso.logout(name);
    } finally {
      this.info.set(name, { status: 'signed-out', expiresAt: null });
      this.hooks.signedOut(name);
      this.hooks.changed();
    }
  }

  /** Opens an external page when it is on the allow-list; false otherwise. */
  async open(url: string): Promise<boolean> {
    if (!isAllowedExternalUrl(url, this.allowList())) return false;
    try {
      return await this.browser.openExternal(url);
    } catch {
      return false;
    }
  }

  private allowList() {
    return allowListFor([...this.configs.values()], this.env, {
      allowLoopbackHttp: this.allowLoopbackHttp,
    });
  }

  dispose(): void {
    for (const pending of this.logins.values()) pending.controller.abort();
    this.logins.clear();
  }
}

function sameStartUrl(a: string | undefined, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+$/, '').replace(/#.*$/, '').toLowerCase();
  return a !== undefined && norm(a) === norm(b);
}
