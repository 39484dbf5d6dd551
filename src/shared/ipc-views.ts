// The data main shows the window: the state snapshot and its parts, and the two bulk shapes (the
// `accounts.list` result and the `accounts` event). These are wire shapes of the IPC contract
// (./ipc-contract); the domain rules they are built from live in ./schemas.
// Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import {
  accountIdSchema,
  accountSchema,
  epochMsSchema,
  errorInfoSchema,
  profileNameSchema,
  recentSchema,
  regionSchema,
  roleNameSchema,
  roleRefSchema,
  sessionNameSchema,
  startUrlSchema,
} from './schemas';
import { clipboardClearSecondsSchema, themeSchema, thresholdsSchema } from './setting-rules';
import { paletteShortcutSchema, paletteShortcutStatusSchema } from './accelerator';
import { listingChangesSchema } from './session-status';
import { updatesViewSchema } from './updates';

export const PLATFORMS = ['darwin', 'win32', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const SESSION_STATUSES = ['signed-out', 'signed-in', 'expired', 'signing-in'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const SESSION_KINDS = ['sso-session', 'legacy'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const sessionViewSchema = z.object({
  name: sessionNameSchema,
  startUrl: startUrlSchema,
  region: regionSchema,
  status: z.enum(SESSION_STATUSES),
  /** When the sign-in ends (epoch ms); null when unknown or signed out. */
  expiresAt: epochMsSchema.nullable(),
  /**
   * `sso-session`: an `[sso-session]` of the config file. `legacy`: the start URL of legacy SSO
   * profiles (sso_start_url in the profile, no sso_session), which the window offers to turn into
   * an `[sso-session]`.
   */
  kind: z.enum(SESSION_KINDS),
  /** For a legacy session: the profiles that use its start URL (at most 50 listed). */
  profiles: z.array(z.string().max(100)).max(50),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const settingsViewSchema = z.object({
  /** Minutes before an expiry at which to warn, largest first. */
  thresholdsMinutes: thresholdsSchema,
  /** Seconds after which copied secrets are cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: clipboardClearSecondsSchema,
  /** Keep profiles written by the app refreshed while the session lasts. */
  autoRefreshProfiles: z.boolean(),
  launchAtLogin: z.boolean(),
  theme: themeSchema,
  /** Serve role credentials to local processes on 127.0.0.1 (container credentials format). */
  credentialsEndpoint: z.boolean(),
  /** The global shortcut of the quick pick (an Electron accelerator); '' for none. */
  paletteShortcut: paletteShortcutSchema,
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** Something in the config file SSO Tray cannot use, and how to fix it (never fatal). */
export const configIssueSchema = z.object({
  /** The section as written (e.g. `sso-session has space`); null for the whole file. */
  section: z.string().max(200).nullable(),
  /** botocore's name for the session of that section, when it has one. */
  session: z.string().max(300).optional(),
  /** 1-based line; 0 when the file could not be read at all. */
  line: z.number().int().nonnegative(),
  reason: z.string().max(600),
  fix: z.string().max(1000),
});
export type ConfigIssueView = z.infer<typeof configIssueSchema>;

/** Role credentials the user copied or wrote, whose expiry the app counts down. No secrets. */
export const activeCredentialsSchema = z.object({
  session: sessionNameSchema,
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  source: z.enum(['copied', 'written']),
  expiresAt: epochMsSchema,
  profileName: profileNameSchema.optional(),
});
export type ActiveCredentials = z.infer<typeof activeCredentialsSchema>;

export const stateSnapshotSchema = z.object({
  /**
   * Main numbers its state: every change gets the next revision, and `state.get` answers with the
   * current one. A window that gets the state both as an answer and as events (which need not
   * arrive in the order main sent them, e.g. the web host's HTTP answers and its event stream)
   * keeps the highest (src/renderer/lib/newest-state.ts).
   */
  revision: z.number().int().nonnegative(),
  platform: z.enum(PLATFORMS),
  sessions: z.array(sessionViewSchema),
  /** The config file the sessions come from (AWS_CONFIG_FILE or ~/.aws/config). */
  configFile: z.string().max(4096),
  /** Sections of it that cannot be used, with reasons; every other session still works. */
  configIssues: z.array(configIssueSchema).max(100),
  /** Where the app's log is (shown in Settings and in unexpected-error messages); null: none. */
  logsLocation: z.string().max(4096).nullable(),
  activeSession: sessionNameSchema.nullable(),
  settings: settingsViewSchema,
  favourites: z.array(roleRefSchema),
  /** Most recent first. */
  recents: z.array(recentSchema),
  credentials: z.array(activeCredentialsSchema),
  /** Whether the quick pick's global shortcut works (shown in Settings). */
  paletteShortcut: paletteShortcutStatusSchema,
  /** The app's updates: the user's choices and what the updater is doing (off, with why). */
  updates: updatesViewSchema,
});
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;

/**
 * Role names by account id. On the wire a role is only its name: repeating the account id in
 * every role object made a 10,000-account list 3.4 MB instead of 2 MB. The window's api decodes
 * the names back into `Role` objects (`AccountListView`, `AccountsEventView` in ./ipc-renderer).
 */
const rolesByAccountSchema = z.record(accountIdSchema, z.array(roleNameSchema));

export const accountListSchema = z.object({
  accounts: z.array(accountSchema),
  /** Roles of the accounts whose roles are known so far (missing key = not loaded yet). */
  roles: rolesByAccountSchema,
  fromCache: z.boolean(),
  /** When the list was last fetched from the portal (epoch ms); null if never. */
  updatedAt: epochMsSchema.nullable(),
  /** A background load of this session is under way (progress follows as `accounts` events). */
  loading: z.boolean(),
  /**
   * How many accounts the whole list has. Equal to `accounts.length` unless the request asked for
   * only the `first` ones (the window's first screen, sent ahead of the whole list).
   */
  total: z.number().int().nonnegative(),
});
/** The `accounts.list` result as main sends it (role names). */
export type AccountList = z.infer<typeof accountListSchema>;

export const accountsEventSchema = z.object({
  session: sessionNameSchema,
  /** The whole account list when it changed; absent when only roles filled in. */
  accounts: z.array(accountSchema).optional(),
  /** Role lists that arrived since the last event, to merge into what the window holds. */
  roles: rolesByAccountSchema,
  progress: z.object({
    rolesLoaded: z.number().int().nonnegative(),
    accounts: z.number().int().nonnegative(),
  }),
  /** True while the background load goes on. */
  loading: z.boolean(),
  updatedAt: epochMsSchema.nullable().optional(),
  /** A background failure (never THROTTLED: background loading retries those quietly). */
  error: errorInfoSchema.optional(),
  /**
   * On the event that ends a listing, when accounts or roles were added or removed since the
   * previous listing (never on a session's first listing, never when nothing changed).
   */
  changes: listingChangesSchema.optional(),
});
/** The `accounts` event as main sends it (role names). */
export type AccountsEvent = z.infer<typeof accountsEventSchema>;
