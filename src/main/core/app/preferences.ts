// What the user chooses in Settings and with the star of a role: the settings as the window
// sees them, their patches (`settings.update`), whether written profiles are kept fresh (kept in
// the data folder's app-state.json, since it also decides what happens to profiles already
// written) and the favourites (`favourites.toggle`).
import { join } from 'node:path';
import { z } from 'zod';
import type { WrittenExpiryItem } from '../expiry/scheduler';
import type { Handlers } from '../ipc/dispatch';
import { toggledFavourite, sameRole, type Settings, type SettingsPatch } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import type { SettingsView } from '../../../shared/ipc-views';
import type { CredentialsService, RoleTarget } from './credentials';
import type { ExpiryService } from './expiry';
import { readJsonFile, writeJsonFile } from './json-file';

const appStateSchema = z.object({ autoRefreshProfiles: z.boolean().catch(false) });

export interface PreferencesOptions {
  /** The app's data folder, where app-state.json is kept. */
  dataDir: string;
  settings: SettingsStore;
  credentials: CredentialsService;
  expiry: ExpiryService;
  /** The account's name as the listing has it, for a favourite the window did not name. */
  accountName(session: string, accountId: string): string | undefined;
  /** Called when the user turns "launch at login" on or off. */
  setLaunchAtLogin?: ((enabled: boolean) => void) | undefined;
  /** The local credentials endpoint, started and stopped as its setting changes. */
  endpoint?: { readonly enabled: boolean; apply(on: boolean): Promise<void> } | undefined;
  /** The quick pick's global shortcut, registered again as its setting changes. */
  paletteShortcut?: { apply(accelerator: string, retry?: boolean): void } | undefined;
  changed(): void;
}

export type PreferenceChannels = 'settings.update' | 'favourites.toggle';

export class PreferencesService {
  private readonly appStatePath: string;
  private readonly unsubscribe: () => void;

  constructor(private readonly o: PreferencesOptions) {
    this.appStatePath = join(o.dataDir, 'app-state.json');
    this.unsubscribe = o.settings.onChange((s) => {
      o.expiry.scheduler.setThresholds(s.thresholdsMinutes);
      o.paletteShortcut?.apply(s.paletteShortcut);
      if (o.endpoint && s.credentialsEndpoint !== o.endpoint.enabled) {
        void o.endpoint.apply(s.credentialsEndpoint);
      }
      o.changed();
    });
  }

  /** Reads whether written profiles are kept fresh (false when the file is missing or bad). */
  async load(): Promise<void> {
    const saved = appStateSchema.safeParse(await readJsonFile(this.appStatePath));
    this.o.credentials.autoRefreshAll = saved.success && saved.data.autoRefreshProfiles;
  }

  view(s: Settings = this.o.settings.get()): SettingsView {
    return {
      thresholdsMinutes: s.thresholdsMinutes,
      clipboardClearSeconds: s.clipboardClearSeconds,
      autoRefreshProfiles: this.o.credentials.autoRefreshAll,
      launchAtLogin: s.launchAtLogin,
      theme: s.theme,
      credentialsEndpoint: s.credentialsEndpoint,
      paletteShortcut: s.paletteShortcut,
    };
  }

  async update(patch: Partial<SettingsView>): Promise<SettingsView> {
    const { credentials, expiry, settings } = this.o;
    const { autoRefreshProfiles, ...rest } = patch;
    const next: SettingsPatch = { ...rest };
    if (autoRefreshProfiles !== undefined && autoRefreshProfiles !== credentials.autoRefreshAll) {
      credentials.autoRefreshAll = autoRefreshProfiles;
      await writeJsonFile(this.appStatePath, { autoRefreshProfiles });
      // Profiles written so far follow the new choice.
      const written = expiry.scheduler
        .list()
        .filter((i): i is WrittenExpiryItem => i.kind === 'credentials' && i.source === 'written');
      next.autoRefreshProfiles = autoRefreshProfiles
        ? written.map((i) => ({
            session: i.session,
            accountId: i.accountId,
            roleName: i.roleName,
            profileName: i.profileName,
          }))
        : [];
      for (const item of written) {
        expiry.track({ ...item, autoRefresh: autoRefreshProfiles });
      }
    }
    // Saving the same shortcut again retries it (the app that held it may be gone); a new one
    // is applied by the settings listener.
    const retryShortcut = rest.paletteShortcut === settings.get().paletteShortcut;
    const updated = settings.update(next);
    if (retryShortcut) this.o.paletteShortcut?.apply(updated.paletteShortcut, true);
    if (rest.credentialsEndpoint !== undefined) {
      await this.o.endpoint?.apply(rest.credentialsEndpoint);
    }
    if (rest.launchAtLogin !== undefined) this.o.setLaunchAtLogin?.(rest.launchAtLogin);
    this.o.changed();
    return this.view(updated);
  }

  /** Stars the role, or unstars it when it was a favourite. */
  toggleFavourite(t: RoleTarget & { accountName?: string }): { favourite: boolean } {
    const name = t.accountName ?? this.o.accountName(t.session, t.accountId);
    const ref = {
      session: t.session,
      accountId: t.accountId,
      roleName: t.roleName,
      ...(name === undefined ? {} : { accountName: name }),
    };
    const favourites = toggledFavourite(this.o.settings.get().favourites, ref);
    this.o.settings.update({ favourites });
    return { favourite: favourites.some((f) => sameRole(f, ref)) };
  }

  handlers(): Pick<Handlers, PreferenceChannels> {
    return {
      'settings.update': (p) => this.update(p.patch),
      'favourites.toggle': async (p) => this.toggleFavourite(p),
    };
  }

  dispose(): void {
    this.unsubscribe();
  }
}
