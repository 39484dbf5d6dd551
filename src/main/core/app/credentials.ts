// Role credentials as the user uses them: fetched (cached by the SSO service until shortly
// before expiry), copied in a chosen format to the clipboard (cleared later only if the
// clipboard still holds our text), written as a profile, verified, and tracked for expiry.
import type { Env } from '../aws-paths';
import type { ExpiryItem } from '../expiry/scheduler';
import type { SettingsStore } from '../settings/store';
import { withRecent, type AutoRefreshProfile } from '../settings/schema';
import type { ActiveCredentials } from '../../../shared/ipc-views';
import type { RoleCredentials } from '../../../shared/schemas';
import {
  defaultProfileName,
  formatCredentials,
  type CopyKind,
} from '../../../shared/credential-formats';
import type { WriteProfileResult, WriteSsoProfileResult } from '../credentials';
import type { ClipboardPort, ClockPort, ProfileWriterPort, SsoPort } from './ports';
import type { CallerIdentity } from './sts-verify';
import type { Sessions } from './sessions';
import { silentLogger, type Logger } from '../log/logger';

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

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
}

export const copiedId = (t: RoleTarget) => `creds:copied:${t.session}:${t.accountId}:${t.roleName}`;
export const writtenId = (session: string, profileName: string) =>
  `creds:written:${session}:${profileName}`;

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

export class CredentialsService {
  /** The text we last put on the clipboard, until it is cleared or replaced. */
  private owned: string | null = null;
  private cancelClear: (() => void) | null = null;
  private readonly recent = new Map<string, { creds: RoleCredentials; obtainedAt: number }>();

  constructor(
    private readonly env: Env,
    private readonly sso: SsoPort,
    private readonly profiles: ProfileWriterPort,
    private readonly sessions: Sessions,
    private readonly settings: SettingsStore,
    private readonly clipboard: ClipboardPort,
    private readonly clock: ClockPort,
    private readonly hooks: CredentialsHooks,
    private readonly log: Logger = silentLogger,
  ) {}

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
    await this.clipboard.writeText(text);
    this.owned = text;
    const clearsAt = this.scheduleClear();
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
    const list = this.settings.get().autoRefreshProfiles;
    const listed = list.some((p) => p.session === t.session && p.profileName === profileName);
    const wanted = autoRefresh ?? (listed || this.autoRefreshDefault());
    const others = list.filter((p) => !(p.session === t.session && p.profileName === profileName));
    if (wanted !== listed) {
      const entry: AutoRefreshProfile = { ...t, profileName };
      this.settings.update({ autoRefreshProfiles: wanted ? [...others, entry] : others });
    }
    this.trackWritten(t, profileName, written.expiresAt, wanted);
    this.used(t);
    return written;
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
    this.cancelClear?.();
    this.cancelClear = null;
    const owned = this.owned;
    this.owned = null;
    if (owned === null) return;
    try {
      if ((await this.clipboard.readText()) === owned) await this.clipboard.writeText('');
    } catch (e) {
      // Nothing more can be done about a clipboard that cannot be read.
      this.log.warn('the clipboard could not be cleared', { error: e });
    }
  }

  /**
   * At start and at each sign-in: the profiles kept fresh (settings) are tracked again, with the
   * expiry the record of written profiles has for them, so the app goes on renewing what it wrote
   * before a restart or a sign-out (at once when that already expired). Only for the given
   * signed-in sessions; a profile the record no longer has (removed) is left alone.
   */
  async restoreAutoRefresh(signedIn: ReadonlySet<string>): Promise<void> {
    const wanted = this.settings.get().autoRefreshProfiles.filter((p) => signedIn.has(p.session));
    if (wanted.length === 0) return;
    const written = await this.profiles.listWritten(this.env);
    for (const p of wanted) {
      const w = written.find(
        (x) =>
          x.session === p.session &&
          x.profileName === p.profileName &&
          x.accountId === p.accountId &&
          x.roleName === p.roleName,
      );
      if (w === undefined) continue;
      const t = { session: p.session, accountId: p.accountId, roleName: p.roleName };
      this.trackWritten(t, p.profileName, w.expiresAt, true, w.writtenAt);
    }
  }

  /** Tracks a written profile for expiry warnings (or auto refresh). */
  private trackWritten(
    t: RoleTarget,
    profileName: string,
    expiresAt: number,
    autoRefresh: boolean,
    obtainedAt?: number,
  ): void {
    this.hooks.track({
      id: writtenId(t.session, profileName),
      kind: 'credentials',
      label: `${t.accountId} · ${t.roleName} (profile ${profileName})`,
      expiresAt,
      ...(obtainedAt === undefined ? {} : { obtainedAt }),
      source: 'written',
      profileName,
      autoRefresh,
      ...t,
    });
  }

  /** Whether profiles written without an explicit choice are kept fresh. */
  autoRefreshDefault(): boolean {
    return this.autoRefreshAll;
  }
  autoRefreshAll = false;

  private scheduleClear(): number | undefined {
    this.cancelClear?.();
    this.cancelClear = null;
    const seconds = this.settings.get().clipboardClearSeconds;
    if (seconds <= 0) return undefined;
    const ms = seconds * 1000;
    const owned = this.owned;
    this.cancelClear = this.clock.setTimer(ms, () => {
      this.cancelClear = null;
      if (this.owned !== owned) return;
      void this.clearOwnedClipboard();
    });
    return this.clock.now() + ms;
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

/** Active credentials as the window and tray show them (no secrets). */
export function activeCredentials(items: readonly ExpiryItem[]): ActiveCredentials[] {
  return items.flatMap((i) => {
    if (i.kind !== 'credentials') return [];
    return [
      {
        session: i.session,
        accountId: i.accountId,
        roleName: i.roleName,
        source: i.source,
        expiresAt: i.expiresAt,
        ...(i.source === 'written' ? { profileName: i.profileName } : {}),
      },
    ];
  });
}
