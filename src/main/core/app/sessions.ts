// The sessions the app shows (the `[sso-session]` sections of the config file the user works
// with), their sign-in state, and sign-in itself: started here, finished in the background,
// reported through `auth` events.
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError, isSsoTrayError } from '../errors';
import {
  allowListFor,
  isAllowedExternalUrl,
  isAwsPortalHost,
  startUrlHost,
} from '../security/external-url';
import { silentLogger, type Logger } from '../log/logger';
import type { SettingsStore } from '../settings/store';
import { DEFAULT_SCOPES, readConfigText } from '../sso/config';
import { ssoSessionKeysToAdd, writeSsoSession } from '../sso/sso-session-writer';
import type { ConfigIssueView, SessionStatus, SessionView } from '../../../shared/ipc-views';
import type { LoginFlow } from '../../../shared/ipc-contract';
import { toErrorInfo } from '../ipc/dispatch';
import { printable, sessionNameFromStartUrl } from '../../../shared/schemas';
import type { EventBus } from './events';
import type { LoginPrompt } from '../sso';
import type { BrowserPort, ConfigIssue, ConfirmPort, SsoPort, SsoSessionConfig } from './ports';

interface SessionInfo {
  status: SessionStatus;
  expiresAt: number | null;
}

interface PendingLogin {
  controller: AbortController;
  prompt?: LoginPrompt;
  /** Each page of this sign-in is opened once, however many parts of the flow ask for it. */
  opening: Map<string, Promise<boolean>>;
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
  /** What in the config file cannot be used, as the window lists it. */
  private configIssues: ConfigIssue[] = [];
  private info = new Map<string, SessionInfo>();
  private logins = new Map<string, PendingLogin>();
  private endedNotified = new Set<string>();
  /** Open questions about a start URL host, so one host gets one dialog at a time. */
  private asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly env: Env,
    private readonly sso: SsoPort,
    private readonly settings: SettingsStore,
    private readonly browser: BrowserPort,
    private readonly bus: EventBus,
    private readonly hooks: SessionHooks,
    private readonly allowLoopbackHttp: boolean,
    private readonly confirmer: ConfirmPort | undefined = undefined,
    private readonly log: Logger = silentLogger,
  ) {}

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

  /**
   * Adds `[sso-session NAME]` to the config file. A start URL outside AWS's portal hosts is
   * added only after the user confirmed its host in main's dialog (once per host); refused, it
   * is a CANCELLED error and the file is not touched.
   */
  async add(input: { name?: string; startUrl: string; region: string }): Promise<SessionView> {
    const name = input.name ?? sessionNameFromStartUrl(input.startUrl);
    const configFile = this.configFile();
    const section = {
      name,
      startUrl: input.startUrl,
      region: input.region,
      scopes: [...DEFAULT_SCOPES],
    };
    // A clash is reported before the user is asked anything.
    ssoSessionKeysToAdd((await readConfigText(configFile)) ?? '', section, configFile);
    if (!(await this.trustStartUrl(input.startUrl, 'add'))) {
      throw new SsoTrayError(
        'CANCELLED',
        `The session was not added: ${startUrlHost(input.startUrl) ?? 'its host'} is not an AWS access portal address and was not confirmed.`,
      );
    }
    await writeSsoSession(configFile, section);
    return this.show(name);
  }

  /**
   * Adds an `[sso-session]` for the start URL of legacy SSO profiles (which stay as they are).
   * The new session takes the legacy one's name unless another is given, so favourites and
   * recents keep pointing at it; the sign-in carries over (the SSO service reads the legacy
   * token of the same start URL until the session has its own).
   */
  async adoptLegacy(legacy: string, newName?: string): Promise<SessionView> {
    const c = this.config(legacy);
    if (c.kind !== 'legacy') {
      throw new SsoTrayError('INVALID_INPUT', `${legacy} is already an [sso-session].`);
    }
    const name = newName ?? legacy;
    const other = this.configs.get(name);
    if (other !== undefined && other.kind !== 'legacy') {
      throw new SsoTrayError(
        'CONFIG',
        `The config file already has a session named ${name}. Choose another name.`,
      );
    }
    await writeSsoSession(this.configFile(), {
      name,
      startUrl: c.startUrl,
      region: c.region,
      scopes: c.scopes,
    });
    if (name !== legacy) this.renameInSettings(legacy, name);
    return this.show(name);
  }

  /** Settings that refer to a session by name follow it to its new name. */
  private renameInSettings(from: string, to: string): void {
    const s = this.settings.get();
    const rename = <T extends { session: string }>(list: readonly T[]): T[] =>
      list.map((x) => (x.session === from ? { ...x, session: to } : x));
    this.settings.update({
      sessions: s.sessions.map((n) => (n === from ? to : n)),
      activeSession: s.activeSession === from ? to : s.activeSession,
      favourites: rename(s.favourites),
      recents: rename(s.recents),
      autoRefreshProfiles: rename(s.autoRefreshProfiles),
    });
    const info = this.info.get(from);
    if (info !== undefined) this.info.set(to, info);
  }

  /** Reloads the config file and makes `name` one of the sessions shown (active if first). */
  private async show(name: string): Promise<SessionView> {
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

  /**
   * Signs in again: signs out first (the portal's Logout ends its session), then signs in, so
   * the new sign-in gets a fresh expiry. Signing in while the portal's session is still active
   * continues that session and keeps its end.
   */
  async loginAgain(name: string, flow: LoginFlow = 'pkce'): Promise<void> {
    this.config(name);
    if (this.status(name).status !== 'signed-out') await this.logout(name);
    this.login(name, flow);
  }

  /** Starts signing in and returns at once; the outcome arrives as `auth` events. */
  login(name: string, flow: LoginFlow = 'pkce'): void {
    this.config(name);
    this.cancel(name);
    const pending: PendingLogin = { controller: new AbortController(), opening: new Map() };
    this.logins.set(name, pending);
    const before = this.status(name);
    this.info.set(name, { status: 'signing-in', expiresAt: before.expiresAt });
    this.hooks.changed();

    // The device flow announces its page (onPrompt) and asks for it to be opened; the first ask
    // opens it and the second shares that answer, so the user gets one browser tab.
    const openBrowser = (url: string): Promise<boolean> => {
      let opening = pending.opening.get(url);
      if (opening === undefined) {
        opening = this.open(url);
        pending.opening.set(url, opening);
      }
      return opening;
    };
    const onPrompt = (prompt: LoginPrompt): void => {
      pending.prompt = prompt;
      void openBrowser(prompt.url);
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
        if (isSsoTrayError(e, 'CANCELLED')) this.log.info('sign-in cancelled', { session: name });
        else this.log.warn('sign-in failed', { session: name, error: e });
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

  /**
   * Opens an external page when it is on the allow-list; false otherwise. A page on the start
   * URL host of a configured session outside AWS (already in the user's config file) is opened
   * only once the user confirmed that host in main's dialog.
   */
  async open(url: string): Promise<boolean> {
    if (!isAllowedExternalUrl(url, this.allowList())) {
      const host = startUrlHost(url);
      const configured =
        host !== null &&
        [...this.configs.values()].some((c) => startUrlHost(c.startUrl) === host) &&
        isAllowedExternalUrl(url, this.allowList([host]));
      if (!configured || !(await this.trustStartUrl(url, 'open'))) {
        // the host only: a URL may carry a code or a token in its query
        this.log.warn('refused to open a page off the allow-list', { host: host ?? 'unparsable' });
        return false;
      }
    }
    try {
      return await this.browser.openExternal(url);
    } catch (e) {
      this.log.warn('the browser could not be opened', { error: e });
      return false;
    }
  }

  /**
   * True when the start URL's host may be used: an AWS portal host, a host confirmed before, or
   * one the user confirms now (remembered in settings). Questions for the same host at the same
   * time share one dialog.
   */
  private async trustStartUrl(url: string, why: 'add' | 'open'): Promise<boolean> {
    const host = startUrlHost(url);
    if (host === null) return false;
    if (isAwsPortalHost(host) || this.trustedHosts().includes(host)) return true;
    if (this.confirmer === undefined) return false;
    let asking = this.asking.get(host);
    if (asking === undefined) {
      asking = this.confirmer
        .confirm(customHostQuestion(host, why))
        .catch((e: unknown) => {
          this.log.warn('the question about a start URL host could not be asked', {
            host,
            error: e,
          });
          return false;
        })
        .finally(() => this.asking.delete(host));
      this.asking.set(host, asking);
    }
    const yes = await asking;
    if (yes && !this.trustedHosts().includes(host)) {
      try {
        this.settings.update({ trustedStartUrlHosts: [...this.trustedHosts(), host] });
      } catch (e) {
        // Not remembered (settings full or unwritable): the user is asked again next time.
        this.log.warn('a confirmed start URL host could not be remembered', { host, error: e });
      }
    }
    return yes;
  }

  private trustedHosts(): string[] {
    return this.settings.get().trustedStartUrlHosts;
  }

  private allowList(alsoHosts: readonly string[] = []) {
    return allowListFor([...this.configs.values()], this.env, {
      allowLoopbackHttp: this.allowLoopbackHttp,
      trustedStartUrlHosts: [...this.trustedHosts(), ...alsoHosts],
    });
  }

  dispose(): void {
    for (const pending of this.logins.values()) pending.controller.abort();
    this.logins.clear();
  }
}

const MAX_LISTED_PROFILES = 50;
const MAX_LISTED_ISSUES = 100;

/** The question main asks before a start URL host outside AWS is used. */
function customHostQuestion(host: string, why: 'add' | 'open') {
  return {
    title: 'Sign-in portal outside AWS',
    message:
      why === 'add'
        ? `Add a session whose start URL is on ${host}?`
        : `Open a page on ${host} in your browser?`,
    detail:
      `${host} is not an address of the AWS access portal (such as awsapps.com or app.aws). ` +
      'Some companies put the portal behind their own domain; continue only if your ' +
      `administrator gave you this address. SSO Tray will then open pages on ${host} in your ` +
      'browser without asking again.',
    confirmLabel: why === 'add' ? 'Add session' : 'Open page',
  };
}
