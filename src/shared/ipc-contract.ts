// The IPC contract between the window (renderer) and the app (Electron main or the web host). Here:
// the map of request channels (payload and result schemas). In ./ipc-events, re-exported here:
// the map of pushed events and the envelope every answer travels in. Main checks payloads, results
// and events with these schemas and the window's api takes its types from them, so the type of
// `window.api` and the checks in main cannot drift apart. The data shapes
// the results carry are in ./ipc-views; main's dispatcher is src/main/core/ipc/dispatch.ts, the
// window's client ./ipc-renderer. Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import {
  accountIdSchema,
  epochMsSchema,
  newSessionNameSchema,
  profileNameSchema,
  regionSchema,
  roleCredentialsSchema,
  roleNameSchema,
  roleSchema,
  sessionNameSchema,
  startUrlSchema,
} from './schemas';
import { COPY_KINDS } from './credential-formats';
import { lazyEntries } from './lazy-entries';
import { consoleSettingsSchema } from './console-settings';
import {
  profileSettingsSchema,
  profilesPlanSchema,
  profilesWriteResultSchema,
  typedTemplateSchema,
} from './profile-settings';
import {
  accountListSchema,
  sessionViewSchema,
  settingsViewSchema,
  stateSnapshotSchema,
} from './ipc-views';
import { LOGIN_FLOWS } from './ipc-events';
import { statusResultSchema } from './session-status';
import { POSTPONE_HOURS, updateOptionsSchema, updatesViewSchema } from './updates';

// ---------------------------------------------------------------------------------------------
// Request channels
// ---------------------------------------------------------------------------------------------

const none = z.object({}).strict();
/** A result with no value: `{ok:true}` or `{ok:true, value:null}`. */
const nothing = z
  .null()
  .optional()
  .transform((): void => undefined);
const session = z.object({ session: sessionNameSchema }).strict();
/** The largest first screen `accounts.list` serves ahead of the whole list. */
const MAX_FIRST_ACCOUNTS = 1000;
const roleTarget = z
  .object({ session: sessionNameSchema, accountId: accountIdSchema, roleName: roleNameSchema })
  .strict();
/** A role and the shell its endpoint lines are for (the dialog's shell tabs). */
const endpointTarget = roleTarget
  .extend({ shell: z.enum(['macos', 'windows', 'powershell']) })
  .strict();

export const invokeChannels = lazyEntries({
  'state.get': () => ({ payload: none, result: stateSnapshotSchema }),
  'sessions.add': () => ({
    payload: z
      .object({
        name: newSessionNameSchema.optional(),
        startUrl: startUrlSchema,
        region: regionSchema,
      })
      .strict(),
    result: sessionViewSchema,
  }),
  /** Adds an `[sso-session]` for a legacy session's start URL (the legacy profiles stay). */
  'sessions.adoptLegacy': () => ({
    payload: session.extend({ name: newSessionNameSchema.optional() }).strict(),
    result: sessionViewSchema,
  }),
  'sessions.remove': () => ({ payload: session, result: nothing }),
  /** Makes a session the one the window and tray show. */
  'sessions.setActive': () => ({ payload: session, result: nothing }),
  /** Starts signing in and returns at once; progress arrives as `auth` events. */
  'auth.login': () => ({
    /**
     * `again`: sign out first (the portal's Logout), so the portal starts a new session with a
     * fresh expiry; signing in while a session is active keeps that session's end.
     */
    payload: session
      .extend({ flow: z.enum(LOGIN_FLOWS).optional(), again: z.boolean().optional() })
      .strict(),
    result: nothing,
  }),
  'auth.cancel': () => ({ payload: session, result: nothing }),
  /** Opens the sign-in (verification) page in the browser again. */
  'auth.openVerification': () => ({ payload: session, result: nothing }),
  'auth.logout': () => ({ payload: session, result: nothing }),
  /**
   * The last known list at once (from the cache when there is one); refreshes in background.
   * The accounts in display order (src/shared/account-order.ts) and the roles known so far. With
   * `first`, only that many accounts (and their roles): the first screen, ahead of the rest.
   */
  'accounts.list': () => ({
    payload: session
      .extend({ first: z.number().int().min(1).max(MAX_FIRST_ACCOUNTS).optional() })
      .strict(),
    result: accountListSchema,
  }),
  /** Fetches accounts and roles again; progress arrives as `accounts` events. */
  'accounts.refresh': () => ({ payload: session, result: nothing }),
  'roles.list': () => ({
    payload: session.extend({ accountId: accountIdSchema }).strict(),
    result: z.array(roleSchema),
  }),
  'credentials.get': () => ({
    payload: roleTarget.extend({ forceRefresh: z.boolean().optional() }).strict(),
    result: roleCredentialsSchema,
  }),
  /** Main formats the cached credentials and writes the clipboard; no secret travels back. */
  'credentials.copy': () => ({
    payload: roleTarget
      .extend({ what: z.enum(COPY_KINDS), profileName: profileNameSchema.optional() })
      .strict(),
    /** When the clipboard will be cleared (epoch ms), if it will. */
    result: z.object({ clearsAt: epochMsSchema.optional() }),
  }),
  /**
   * Writes the role's credentials as a profile of the credentials file. A profile SSO Tray did
   * not write is refused with PROFILE_NOT_OURS unless `replace` (the user confirmed).
   */
  'credentials.writeProfile': () => ({
    payload: roleTarget
      .extend({
        profileName: profileNameSchema,
        autoRefresh: z.boolean().optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    result: z.object({
      path: z.string().min(1),
      profileName: profileNameSchema,
      expiresAt: epochMsSchema,
    }),
  }),
  /**
   * Writes an `sso_session`-based profile into the config file (refreshes by itself). A profile
   * SSO Tray did not write is refused with PROFILE_NOT_OURS unless `replace` (the user confirmed).
   */
  'credentials.writeSsoProfile': () => ({
    payload: roleTarget
      .extend({
        profileName: profileNameSchema.optional(),
        region: regionSchema.optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ path: z.string().min(1), profileName: profileNameSchema }),
  }),
  /** STS GetCallerIdentity with the role's credentials. */
  'credentials.verify': () => ({
    payload: roleTarget,
    result: z.object({ arn: z.string().min(1), account: z.string(), userId: z.string() }),
  }),
  /** Opens the console as the role, the session's way (shortcut link or direct sign-in). */
  'console.open': () => ({ payload: roleTarget, result: nothing }),
  /** How "Open console" works for a session: the way, the page, the region, the browser. */
  'console.getSettings': () => ({ payload: session, result: consoleSettingsSchema }),
  'console.setSettings': () => ({
    payload: session.extend({ settings: consoleSettingsSchema }).strict(),
    result: consoleSettingsSchema,
  }),
  'favourites.toggle': () => ({
    payload: roleTarget.extend({ accountName: z.string().max(256).optional() }).strict(),
    result: z.object({ favourite: z.boolean() }),
  }),
  'settings.update': () => ({
    payload: z.object({ patch: settingsViewSchema.partial().strict() }).strict(),
    result: settingsViewSchema,
  }),
  'window.hide': () => ({ payload: none, result: nothing }),
  /** Opens the folder of the app's log in the file manager. */
  'logs.openFolder': () => ({ payload: none, result: nothing }),
  /**
   * The two lines that point a shell at the local credentials endpoint for a role, with the
   * token left out (`preview`); null values while the endpoint is off.
   */
  'endpoint.lines': () => ({
    payload: endpointTarget,
    result: z.object({
      url: z.string().max(2000).nullable(),
      preview: z.string().max(4000).nullable(),
    }),
  }),
  /** Copies those lines, token included, to the clipboard; no secret travels back. */
  'endpoint.copy': () => ({
    payload: endpointTarget,
    result: z.object({ clearsAt: epochMsSchema.optional() }),
  }),
  /** Settings → Profiles: the template and region a session's profiles were last written with. */
  'profiles.settings': () => ({ payload: session, result: profileSettingsSchema }),
  /**
   * What writing a profile for every role would add and change, and what pruning would remove,
   * without writing. Waits for a complete listing (progress as `accounts` events); a template
   * the rule refuses comes back as `problem`.
   */
  'profiles.preview': () => ({
    payload: session
      .extend({ template: typedTemplateSchema.optional(), region: regionSchema.optional() })
      .strict(),
    result: profilesPlanSchema,
  }),
  /**
   * Writes them in one atomic edit of the config file. With `prune`, also removes the ones an
   * earlier write made that no role calls for, after main asked the user (`cancelled` if not).
   */
  'profiles.write': () => ({
    payload: session
      .extend({
        template: typedTemplateSchema.optional(),
        region: regionSchema.optional(),
        prune: z.boolean().optional(),
      })
      .strict(),
    result: profilesWriteResultSchema,
  }),
  /** Closes the quick pick (its own window in the app; the web host's page closes it itself). */
  'palette.close': () => ({ payload: none, result: nothing }),
  /** Every session's status from the files and memory of main (no network call, no token). */
  'status.get': () => ({ payload: none, result: statusResultSchema }),
  /** Looks for an update now; resolves when the check (and any download) ended. */
  'updates.check': () => ({ payload: none, result: updatesViewSchema }),
  /** The user accepts the downloaded update: the app quits, installs it and starts again. */
  'updates.restart': () => ({ payload: none, result: nothing }),
  /** "Later": not asked about the downloaded update again for `hours` (default 24). */
  'updates.postpone': () => ({
    payload: z
      .object({
        hours: z.number().int().min(POSTPONE_HOURS.min).max(POSTPONE_HOURS.max).optional(),
      })
      .strict(),
    result: updatesViewSchema,
  }),
  /** Settings → Updates: the channel, a custom feed URL (https), install when quitting. */
  'updates.setOptions': () => ({
    payload: z.object({ options: updateOptionsSchema }).strict(),
    result: updatesViewSchema,
  }),
});

export type InvokeChannel = keyof typeof invokeChannels;
export type PayloadOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['payload']>;
export type ParsedPayloadOf<C extends InvokeChannel> = z.output<
  (typeof invokeChannels)[C]['payload']
>;
/** What the main side returns (before the envelope). */
export type ResultOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['result']>;
/**
 * What the result schema yields: what the renderer receives, except `accounts.list`, whose role
 * names the api decodes into an `AccountListView`.
 */
export type ParsedResultOf<C extends InvokeChannel> = z.output<
  (typeof invokeChannels)[C]['result']
>;

// The events, the envelope and the sign-in flows live in ./ipc-events; importers of the contract
// get them from here too.
export {
  describeIssues,
  envelopeSchema,
  eventChannel,
  eventChannels,
  type AuthEvent,
  type Envelope,
  type EventName,
  type EventOf,
  type LoginFlow,
  type NavigateEvent,
  type NoticeEvent,
} from './ipc-events';
