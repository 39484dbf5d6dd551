// Role credentials as the user uses them: fetched (cached by the SSO service until shortly
// before expiry), copied in a chosen format to the clipboard (cleared later only if the
// clipboard still holds our text), written as a profile (kept fresh or not: ./kept-fresh.ts),
// verified, and tracked for expiry.
import type { Env } from '../aws-paths';
import { isSsoTrayError } from '../errors';
import type { ExpiryItem, WrittenExpiryItem } from '../expiry/scheduler';
import type { SettingsStore } from '../settings/store';
import { withRecent } from '../settings/schema';
import type { RoleCredentials } from '../../../shared/schemas';
import {
  defaultProfileName,
  formatCredentials,
  type CopyKind,
} from '../../../shared/credential-formats';
import type { WriteProfileResult, WriteSsoProfileResult } from '../credentials';
import type { ErrorInfo } from '../../../shared/schemas';
import type { Handlers } from '../ipc/dispatch';
import { KeptFreshProfiles } from './kept-fresh';
import { OwnedClipboard } from './owned-clipboard';
import type { ClipboardPort, ClockPort, ProfileWriterPort, SsoPort } from './ports';
import type { CallerIdentity } from './sts-verify';
import type { Sessions } from './sessions';
import { silentLogger, type Logger } from '../log/logger';

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

/** The role a request names, without the payload's other fields. */
export const roleTarget = (p: RoleTarget): RoleTarget => ({
  session: p.session,
  accountId: p.accountId,
  roleName: p.roleName,
});

export type CredentialChannels =
  | 'credentials.get'
  | 'credentials.copy'
  | 'credentials.writeProfile'
  | 'credentials.writeSsoProfile'
  | 'credentials.verify';

export interface FetchOptions {
  /** New credentials even when cached ones are still good (a refresh the user asked for). */
  fresh?: boolean;
}

export interface WriteOptions extends FetchOptions {
  /** Replace a profile SSO Tray did not write: only once the user confirmed it in the window. */
  replace?: boolean;
}

export interface CredentialsHooks {
  /** Start or restart counting down these credentials. */
  track(item: ExpiryItem): void;
  changed(): void;
  accountName(session: string, accountId: string): string | undefined;
  /** An auto refresh left a profile alone because SSO Tray did not write it. */
  profileNotOurs(t: RoleTarget, profileName: string, error: ErrorInfo): void;
}

const copiedId = (t: RoleTarget) => `creds:copied:${t.session}:${t.accountId}:${t.roleName}`;

/** The text a copy puts on the clipboard (a profile block is named ACCOUNTID_ROLENAME unless told). */
function copyText(
  creds: RoleCredentials,
  what: CopyKind,
  target: RoleTarget,
  profileName?: string,
): string {
  const name = profileName ?? defaultProfileName(target.accountId, target.roleName);
  return formatCredentials(creds, what, name);
}

export interface CredentialsOptions {
  env: Env;
  sso: SsoPort;
  profiles: ProfileWriterPort;
  sessions: Sessions;
  settings: SettingsStore;
  clipboard: ClipboardPort;
  clock: ClockPort;
  hooks: CredentialsHooks;
  log?: Logger | undefined;
}

export class CredentialsService {
  private readonly recent = new Map<string, { creds: RoleCredentials; obtainedAt: number }>();

  private readonly env: Env;
  private readonly sso: SsoPort;
  private readonly profiles: ProfileWriterPort;
  private readonly sessions: Sessions;
  private readonly settings: SettingsStore;
  private readonly clipboard: OwnedClipboard;
  private readonly keptFresh: KeptFreshProfiles;
  private readonly clock: ClockPort;
  private readonly hooks: CredentialsHooks;
  private readonly log: Logger;

  constructor(o: CredentialsOptions) {
    this.env = o.env;
    this.sso = o.sso;
    this.profiles = o.profiles;
    this.sessions = o.sessions;
    this.settings = o.settings;
    this.clock = o.clock;
    this.hooks = o.hooks;
    this.log = o.log ?? silentLogger;
    this.clipboard = new OwnedClipboard({
      clipboard: o.clipboard,
      clock: o.clock,
      clearSeconds: () => o.settings.get().clipboardClearSeconds,
      log: this.log,
    });
    this.keptFresh = new KeptFreshProfiles({
      env: o.env,
      profiles: o.profiles,
      settings: o.settings,
      track: (item) => o.hooks.track(item),
    });
  }

  handlers(): Pick<Handlers, CredentialChannels> {
    return {
      'credentials.get': (p) => this.get(roleTarget(p), { fresh: p.forceRefresh === true }),
      'credentials.copy': (p) => this.copy(roleTarget(p), p.what, p.profileName),
      'credentials.writeProfile': (p) =>
        this.writeProfile(roleTarget(p), p.profileName, p.autoRefresh, {
          replace: p.replace === true,
        }),
      'credentials.writeSsoProfile': (p) =>
        this.writeSsoProfile(roleTarget(p), p.profileName, p.region, {
          replace: p.replace === true,
        }),
      'credentials.verify': (p) => this.verify(roleTarget(p)),
    };
  }

  /** What a notification's click uses instead: a refresh fetches new credentials. */
  freshHandlers(): Pick<Handlers, 'credentials.copy' | 'credentials.writeProfile'> {
    return {
      'credentials.copy': (p) => this.copy(roleTarget(p), p.what, p.profileName, { fresh: true }),
      'credentials.writeProfile': (p) =>
        this.writeProfile(roleTarget(p), p.profileName, p.autoRefresh, { fresh: true }),
    };
  }

  async get(t: RoleTarget, options: FetchOptions = {}): Promise<RoleCredentials> {
    this.sessions.config(t.session);
    const key = `${t.session}\u0000${t.accountId}\u0000${t.roleName}`;
    const last = this.recent.get(key);
    // Short-lived credentials (under the SSO service's 5-minute cache margin) would otherwise be
    // new on every call: the dialog would show other keys than the Copy button copies. The ones
    // just handed out are reused while most of their lifetime is left.
    if (options.fresh !== true && last !== undefined) {
      const left = last.creds.expiration - Date.now();
      if (left > (last.creds.expiration - last.obtainedAt) / 2) return last.creds;
    }
    try {
      const creds = await this.sso.getRoleCredentials(t.session, t.accountId, t.roleName, {
        forceRefresh: options.fresh === true,
      });
      if (last?.creds.accessKeyId !== creds.accessKeyId) {
        this.recent.set(key, { creds, obtainedAt: Date.now() });
      }
      return creds;
    } catch (e) {
      this.sessions.noteError(t.session, e);
      throw e;
    }
  }

  /** Forgets the credentials handed out for a session (sign-out). */
  forgetSession(session: string): void {
    for (const key of this.recent.keys()) {
      if (key.startsWith(`${session}\u0000`)) this.recent.delete(key);
    }
  }

  async copy(
    t: RoleTarget,
    what: CopyKind,
    profileName: string | undefined,
    options: FetchOptions = {},
  ): Promise<{ clearsAt?: number }> {
    const creds = await this.get(t, options);
    const text = copyText(creds, what, t, profileName);
    const clearsAt = await this.clipboard.write(text);
    this.hooks.track({
      id: copiedId(t),
      kind: 'credentials',
      label: `${t.accountId} · ${t.roleName}`,
      expiresAt: creds.expiration,
      source: 'copied',
      ...t,
    });
    this.used(t);
    return clearsAt === undefined ? {} : { clearsAt };
  }

  /** Puts `text` (a secret) on the clipboard, cleared later like a copy of credentials. */
  async copySecretText(text: string): Promise<{ clearsAt?: number }> {
    const clearsAt = await this.clipboard.write(text);
    return clearsAt === undefined ? {} : { clearsAt };
  }

  async writeProfile(
    t: RoleTarget,
    profileName: string,
    autoRefresh: boolean | undefined,
    options: WriteOptions = {},
  ): Promise<WriteProfileResult> {
    const creds = await this.get(t, options);
    const written = await this.profiles.writeProfile({
      env: this.env,
      profileName,
      credentials: creds,
      accountId: t.accountId,
      roleName: t.roleName,
      session: t.session,
      ...(options.replace === true ? { force: true } : {}),
    });
    const wanted = this.keptFresh.choose(t, profileName, autoRefresh);
    this.keptFresh.trackWritten(t, profileName, written.expiresAt, wanted);
    this.used(t);
    return written;
  }

  /**
   * Renews a profile kept fresh (the expiry scheduler calls it shortly before expiry). A profile
   * SSO Tray did not write is never replaced without the user: they are told, and how.
   */
  async autoRefresh(item: WrittenExpiryItem): Promise<void> {
    const target = roleTarget(item);
    try {
      await this.writeProfile(target, item.profileName, true, { fresh: true });
    } catch (e) {
      if (isSsoTrayError(e, 'PROFILE_NOT_OURS')) {
        this.hooks.profileNotOurs(target, item.profileName, e);
      }
      throw e;
    }
  }

  async writeSsoProfile(
    t: RoleTarget,
    profileName: string | undefined,
    region: string | undefined,
    options: { replace?: boolean } = {},
  ): Promise<WriteSsoProfileResult> {
    const session = this.sessions.config(t.session);
    return this.profiles.writeSsoProfile({
      env: this.env,
      profileName: profileName ?? defaultProfileName(t.accountId, t.roleName),
      session,
      accountId: t.accountId,
      roleName: t.roleName,
      ...(region === undefined ? {} : { region }),
      ...(options.replace === true ? { force: true } : {}),
    });
  }

  async verify(t: RoleTarget): Promise<CallerIdentity> {
    const creds = await this.get(t);
    const region = this.sessions.config(t.session).region;
    return this.profiles.verify({ env: this.env, region, credentials: creds });
  }

  /** Clears the clipboard now if it still holds what we copied (quit, sign-out). */
  async clearOwnedClipboard(): Promise<void> {
    await this.clipboard.clear();
  }

  /** Tracks the profiles kept fresh of these signed-in sessions again (./kept-fresh.ts). */
  async restoreAutoRefresh(signedIn: ReadonlySet<string>): Promise<void> {
    await this.keptFresh.restore(signedIn);
  }

  /** Whether profiles written without an explicit choice are kept fresh (the app's setting). */
  get autoRefreshAll(): boolean {
    return this.keptFresh.all;
  }
  set autoRefreshAll(all: boolean) {
    this.keptFresh.all = all;
  }

  /** The role was just used (copied, written, its console opened): first among the recents. */
  used(t: RoleTarget): void {
    const accountName = this.hooks.accountName(t.session, t.accountId);
    const ref = { ...t, ...(accountName === undefined ? {} : { accountName }) };
    this.settings.update({
      recents: withRecent(this.settings.get().recents, ref, this.clock.now()),
    });
    this.hooks.changed();
  }
}
