// The sessions the app shows (the `[sso-session]` sections of the config file the user works
// with, and legacy start URLs), their sign-in state, which one is active, and removing one from
// the list. Adding a session and adopting a legacy one (edits of the config file) are
// ./session-edits.ts; signing in ./sign-in.ts; opening pages (and trusting a start URL host
// outside AWS) ./external-pages.ts.
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError, isSsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { SettingsStore } from '../settings/store';
import type { ConfigIssueView, SessionStatus, SessionView } from '../../../shared/ipc-views';
import type { Handlers } from '../ipc/dispatch';
import { printable } from '../../../shared/schemas';
import type { EventBus } from './events';
import { ExternalPages } from './external-pages';
import { SignIn } from './sign-in';
import type { BrowserPort, ConfigIssue, ConfirmPort, SsoPort, SsoSessionConfig } from './ports';

export interface SessionInfo {
  status: SessionStatus;
  expiresAt: number | null;
}

export interface SessionHooks {
  signedIn(session: string, expiresAt: number | null): void;
  signedOut(session: string): void;
  /** The session can no longer be used (expired, revoked): ask the user to sign in again. */
  ended(session: string): void;
  changed(): void;
}

export interface SessionsOptions {
  env: Env;
  sso: SsoPort;
  settings: SettingsStore;
  browser: BrowserPort;
  bus: EventBus;
  hooks: SessionHooks;
  /** Development only (the emulator): allow opening `http://127.0.0.1` pages. */
  allowLoopbackHttp: boolean;
  /** Questions main asks the user; without one, a start URL host outside AWS is refused. */
  confirm?: ConfirmPort | undefined;
  log?: Logger | undefined;
}

export type SessionChannels = 'sessions.remove' | 'sessions.setActive';

export class Sessions {
  private configs = new Map<string, SsoSessionConfig>();
  /** What in the config file cannot be used, as the window lists it. */
  private configIssues: ConfigIssue[] = [];
  private info = new Map<string, SessionInfo>();
  private endedNotified = new Set<string>();
  private readonly env: Env;
  private readonly sso: SsoPort;
  private readonly settings: SettingsStore;
  private readonly hooks: SessionHooks;
  private readonly log: Logger;
  /** Pages in the user's browser, allow-listed; start URL hosts outside AWS once confirmed. */
  readonly pages: ExternalPages;
  /** Signing in and out of these sessions. */
  readonly signIn: SignIn;

  constructor(o: SessionsOptions) {
    this.env = o.env;
    this.sso = o.sso;
    this.settings = o.settings;
    this.hooks = o.hooks;
    this.log = o.log ?? silentLogger;
    this.pages = new ExternalPages({
      env: o.env,
      settings: o.settings,
      browser: o.browser,
      confirm: o.confirm,
      allowLoopbackHttp: o.allowLoopbackHttp,
      configs: () => [...this.configs.values()],
      log: this.log,
    });
    this.signIn = new SignIn({
      sessions: this,
      sso: o.sso,
      bus: o.bus,
      hooks: o.hooks,
      open: (url) => this.pages.open(url),
      log: this.log,
    });
  }

  handlers(): Pick<Handlers, SessionChannels> {
    return {
      'sessions.remove': async (p) => {
        await this.remove(p.session);
      },
      'sessions.setActive': async (p) => {
        this.setActive(p.session);
      },
    };
  }

  /** Reads the config file and every session's sign-in state. */
  async load(): Promise<void> {
    let list: SsoSessionConfig[] = [];
    try {
      const reading = await this.sso.readConfig();
      list = reading.sessions;
      this.configIssues = reading.issues;
    } catch (e) {
      this.log.warn('the config file could not be read', { error: e });
      this.configIssues = [
        {
          section: null,
          line: 0,
          reason: isSsoTrayError(e) ? e.message : 'the file cannot be read',
          fix: 'Check that the file is a readable text file.',
        },
      ];
    }
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

  setStatus(name: string, info: SessionInfo): void {
    this.info.set(name, info);
  }

  /** The session's sign-in state goes with it to a new name (an adopted legacy session). */
  renameStatus(from: string, to: string): void {
    const info = this.info.get(from);
    if (info !== undefined) this.info.set(to, info);
  }

  /** The session of the config file with this name, if any. */
  find(name: string): SsoSessionConfig | undefined {
    return this.configs.get(name);
  }

  /** A sign-in succeeded: the session is signed in and shown, and may end (notify) again. */
  markSignedIn(name: string, expiresAt: number | null): void {
    this.info.set(name, { status: 'signed-in', expiresAt });
    this.endedNotified.delete(name);
    const sessions = this.settings.get().sessions;
    if (!sessions.includes(name)) this.settings.update({ sessions: [...sessions, name] });
  }

  isSignedIn(name: string): boolean {
    return this.status(name).status === 'signed-in';
  }

  views(): SessionView[] {
    return this.inUse().flatMap((name) => {
      const c = this.configs.get(name);
      if (c === undefined) return [];
      const { status, expiresAt } = this.status(name);
      const profiles = c.profiles.slice(0, MAX_LISTED_PROFILES).map(printable);
      const view: SessionView = {
        name,
        startUrl: c.startUrl,
        region: c.region,
        status,
        expiresAt,
        kind: c.kind,
        profiles,
      };
      return [view];
    });
  }

  /** What in the config file cannot be used, with reasons and fixes (at most 100). */
  issues(): ConfigIssueView[] {
    return this.configIssues.slice(0, MAX_LISTED_ISSUES);
  }

  configFile(): string {
    return awsPaths(this.env).configFile;
  }

  /** Asks the SSO service again (after a refresh of the token, for instance). */
  async refreshStatus(name: string): Promise<SessionInfo> {
    if (this.signIn.pending(name)) return this.status(name);
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
        } catch (e) {
          // Stays expired: the user signs in again.
          this.log.info('expired sign-in could not be refreshed', { session: name, error: e });
        }
      }
    } catch (e) {
      this.log.warn('sign-in state could not be read', { session: name, error: e });
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

  /** Reloads the config file and makes `name` one of the sessions shown (active if first). */
  async show(name: string): Promise<SessionView> {
    await this.load();
    const sessions = this.settings.get().sessions;
    if (!sessions.includes(name)) this.settings.update({ sessions: [...sessions, name] });
    if (this.active() === null || this.inUse().length === 1) {
      this.settings.update({ activeSession: name });
    }
    await this.refreshStatus(name);
    this.hooks.changed();
    const view = this.views().find((v) => v.name === name);
    if (view === undefined) throw new SsoTrayError('CONFIG', `Could not add the session ${name}.`);
    return view;
  }

  /** Stops showing a session (signs out first); the config file keeps its section. */
  async remove(name: string): Promise<void> {
    if (this.configs.has(name) && this.isSignedIn(name)) await this.signIn.logout(name);
    this.signIn.cancel(name);
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

  dispose(): void {
    this.signIn.dispose();
  }
}

const MAX_LISTED_PROFILES = 50;
const MAX_LISTED_ISSUES = 100;
