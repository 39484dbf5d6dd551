// Profiles kept fresh: which written profiles SSO Tray renews by itself before they expire (the
// settings' list, and the app's choice for a profile written without one), tracking each
// written profile for expiry, and tracking them again at start and at each sign-in from the
// record of written profiles.
import type { Env } from '../aws-paths';
import type { ExpiryItem } from '../expiry/scheduler';
import type { SettingsStore } from '../settings/store';
import type { AutoRefreshProfile } from '../settings/schema';
import type { RoleTarget } from '../tray/actions';
import type { ProfileWriterPort } from './ports';

const writtenId = (session: string, profileName: string) =>
  `creds:written:${session}:${profileName}`;

export interface KeptFreshOptions {
  env: Env;
  profiles: Pick<ProfileWriterPort, 'listWritten'>;
  settings: SettingsStore;
  /** Start or restart counting down these credentials. */
  track(item: ExpiryItem): void;
}

export class KeptFreshProfiles {
  /** Whether profiles written without an explicit choice are kept fresh (the app's setting). */
  all = false;

  constructor(private readonly o: KeptFreshOptions) {}

  /**
   * Records whether the profile just written is kept fresh: `autoRefresh` when the user chose,
   * else as it was, else the app's setting. Returns the answer.
   */
  choose(t: RoleTarget, profileName: string, autoRefresh: boolean | undefined): boolean {
    const { settings } = this.o;
    const list = settings.get().autoRefreshProfiles;
    const listed = list.some((p) => p.session === t.session && p.profileName === profileName);
    const wanted = autoRefresh ?? (listed || this.all);
    const others = list.filter((p) => !(p.session === t.session && p.profileName === profileName));
    if (wanted !== listed) {
      const entry: AutoRefreshProfile = { ...t, profileName };
      settings.update({ autoRefreshProfiles: wanted ? [...others, entry] : others });
    }
    return wanted;
  }

  /** Tracks a written profile for expiry warnings (or auto refresh). */
  trackWritten(
    t: RoleTarget,
    profileName: string,
    expiresAt: number,
    autoRefresh: boolean,
    obtainedAt?: number,
  ): void {
    this.o.track({
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

  /**
   * At start and at each sign-in: the profiles kept fresh (settings) are tracked again, with the
   * expiry the record of written profiles has for them, so the app goes on renewing what it wrote
   * before a restart or a sign-out (at once when that already expired). Only for the given
   * signed-in sessions; a profile the record no longer has (removed) is left alone.
   */
  async restore(signedIn: ReadonlySet<string>): Promise<void> {
    const wanted = this.o.settings.get().autoRefreshProfiles.filter((p) => signedIn.has(p.session));
    if (wanted.length === 0) return;
    const written = await this.o.profiles.listWritten(this.o.env);
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
}
