// The app's settings: what the user chose, never a secret. Stored by electron-store in the app
// and as a JSON file by other hosts. Every field falls back to its default on its own, so one
// bad value (hand-edited file, older or newer app) never costs the user the rest.
import { z } from 'zod';
import {
  profileNameSchema,
  recentSchema,
  roleRefSchema,
  sessionNameSchema,
  type Recent,
  type RoleRef,
} from '../../../shared/schemas';
import {
  clipboardClearSecondsSchema,
  normaliseThresholds,
  themeSchema,
  thresholdsSchema,
} from '../../../shared/setting-rules';
import { DEFAULT_PALETTE_SHORTCUT, paletteShortcutSchema } from '../../../shared/accelerator';
import { consoleSettingsSchema, type ConsoleSettings } from '../../../shared/console-settings';
import { profileSettingsSchema, type ProfileSettings } from '../../../shared/profile-settings';
import { feedUrlSchema, updateChannelSchema } from '../../../shared/updates';

export const SETTINGS_VERSION = 1;
export const MAX_RECENTS = 10;
const MAX_FAVOURITES = 200;

// The domain rules (names, ids) are the shared ones, so a setting the window can send is one
// the store keeps, and the reverse.
export { type RoleRef, type Recent } from '../../../shared/schemas';

export const autoRefreshProfileSchema = roleRefSchema.extend({
  profileName: profileNameSchema,
});
export type AutoRefreshProfile = z.infer<typeof autoRefreshProfileSchema>;

/** Keep well-formed entries of a list, drop the others (instead of losing the whole list). */
function listOf<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((values) =>
      values
        .map((v) => item.safeParse(v))
        .filter((r) => r.success)
        .map((r) => r.data as z.infer<T>)
        .slice(0, max),
    );
}

const MAX_TRUSTED_HOSTS = 100;
/** A host name or IPv4 address as `URL.hostname` gives it (lower case, punycode), no final dot. */
const trustedHost = z
  .string()
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);

/** Console settings per session name; an entry that does not parse is dropped, not the rest. */
const consoleSessions = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((entries) => {
    const kept: Record<string, ConsoleSettings> = {};
    for (const [name, value] of Object.entries(entries)) {
      if (!sessionNameSchema.safeParse(name).success) continue;
      const parsed = consoleSettingsSchema.safeParse(value);
      if (parsed.success) kept[name] = parsed.data;
    }
    return kept;
  });

/** Settings → Profiles per session name; an entry that does not parse is dropped, not the rest. */
const profileSessions = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((entries) => {
    const kept: Record<string, ProfileSettings> = {};
    for (const [name, value] of Object.entries(entries)) {
      if (!sessionNameSchema.safeParse(name).success) continue;
      const parsed = profileSettingsSchema.safeParse(value);
      if (parsed.success) kept[name] = parsed.data;
    }
    return kept;
  });

const DEFAULT_THRESHOLDS = [15, 5];

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).catch(SETTINGS_VERSION),
  /** Names of the `[sso-session]` sections the user signs in to. */
  sessions: listOf(sessionNameSchema, 50).transform((names) => [...new Set(names)]),
  activeSession: sessionNameSchema.nullable().catch(null),
  favourites: listOf(roleRefSchema, MAX_FAVOURITES),
  /** Most recent first, at most MAX_RECENTS. */
  recents: listOf(recentSchema, 1000).transform((list) =>
    [...list].sort((a, b) => b.usedAt - a.usedAt).slice(0, MAX_RECENTS),
  ),
  /** Minutes before expiry at which to warn, any order in input, stored descending. */
  thresholdsMinutes: thresholdsSchema.catch(DEFAULT_THRESHOLDS).transform(normaliseThresholds),
  /** Seconds after which copied credentials are cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: clipboardClearSecondsSchema.catch(60),
  autoRefreshProfiles: listOf(autoRefreshProfileSchema, 500),
  launchAtLogin: z.boolean().catch(false),
  theme: themeSchema.catch('system'),
  /** Serve role credentials to local processes on 127.0.0.1 (the credentials endpoint). */
  credentialsEndpoint: z.boolean().catch(false),
  /**
   * Start URL hosts outside AWS (a company's own domain) the user confirmed, so pages there may
   * be opened in the browser; asked once per host.
   */
  trustedStartUrlHosts: listOf(trustedHost, MAX_TRUSTED_HOSTS).transform((hosts) => [
    ...new Set(hosts),
  ]),
  /** The global shortcut that opens the quick pick (an Electron accelerator); '' for none. */
  paletteShortcut: paletteShortcutSchema.catch(DEFAULT_PALETTE_SHORTCUT),
  /** How "Open console" works for each session (way, page, region, browser); absent: defaults. */
  consoleSessions,
  /** Settings → Profiles: the name template and region each session's profiles are written with. */
  profileSessions,
  /** Which updates the app takes: `latest` (releases) or `beta` (prereleases too). */
  updateChannel: updateChannelSchema.catch('latest'),
  /** A generic update feed in place of the GitHub releases; '' for none. */
  updateFeedUrl: feedUrlSchema.catch(''),
  /** Install a downloaded update when the app quits, without asking. */
  updateInstallOnQuit: z.boolean().catch(true),
});

export type Settings = z.output<typeof settingsSchema>;

/**
 * A change asked for by the user or the app. Unlike loading, an invalid value here is an error
 * rather than a silent reset to the default.
 */
export const settingsPatchSchema = z
  .object({
    sessions: z.array(sessionNameSchema).max(50),
    activeSession: sessionNameSchema.nullable(),
    favourites: z.array(roleRefSchema).max(MAX_FAVOURITES),
    recents: z.array(recentSchema).max(1000),
    thresholdsMinutes: thresholdsSchema,
    clipboardClearSeconds: clipboardClearSecondsSchema,
    autoRefreshProfiles: z.array(autoRefreshProfileSchema).max(500),
    launchAtLogin: z.boolean(),
    theme: themeSchema,
    credentialsEndpoint: z.boolean(),
    trustedStartUrlHosts: z.array(trustedHost).max(MAX_TRUSTED_HOSTS),
    paletteShortcut: paletteShortcutSchema,
    consoleSessions: z.record(sessionNameSchema, consoleSettingsSchema),
    profileSessions: z.record(sessionNameSchema, profileSettingsSchema),
    updateChannel: updateChannelSchema,
    updateFeedUrl: feedUrlSchema,
    updateInstallOnQuit: z.boolean(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

export const sameRole = (a: RoleRef, b: RoleRef): boolean =>
  a.session === b.session && a.accountId === b.accountId && a.roleName === b.roleName;

/** `recents` with `ref` moved to the front (used now), capped at MAX_RECENTS. */
export function withRecent(recents: readonly Recent[], ref: RoleRef, now: number): Recent[] {
  const entry: Recent = { ...ref, usedAt: now };
  return [entry, ...recents.filter((r) => !sameRole(r, ref))].slice(0, MAX_RECENTS);
}

/** `favourites` with `ref` added, or removed when already there. */
export function toggledFavourite(favourites: readonly RoleRef[], ref: RoleRef): RoleRef[] {
  return favourites.some((f) => sameRole(f, ref))
    ? favourites.filter((f) => !sameRole(f, ref))
    : [...favourites, ref];
}
