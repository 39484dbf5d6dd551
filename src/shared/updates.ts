// Updates of the desktop app, as the settings, the IPC contract and the window see them: the
// channels, the rule for a custom feed URL, and the status main reports (checking, up to date,
// downloading, ready to restart, failed, off). One home for each rule; the decision itself
// (which version to take, when to ask) is main's (src/main/core/updates/decide.ts).
// Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import { epochMsSchema } from './schemas';
import { httpsUrlProblem } from './url-rules';

/** `latest`: releases only. `beta`: prereleases too (1.3.0-beta.1). */
export const UPDATE_CHANNEL_NAMES = ['latest', 'beta'] as const;
export type UpdateChannelName = (typeof UPDATE_CHANNEL_NAMES)[number];
export const updateChannelSchema = z.enum(UPDATE_CHANNEL_NAMES);

const MAX_FEED_URL_LENGTH = 2048;
export const FEED_URL_EXAMPLE = 'https://updates.example.com/sso-tray/';

/**
 * What is wrong with a custom update feed URL, as the end of "this one …", or null when it is
 * usable. Empty means none (the GitHub releases). Otherwise an https URL (./url-rules.ts: at
 * most 2048 characters, a host name that has a domain, no user name or password) without a
 * query or fragment: settings never hold a secret, and the updater adds the files' names to the
 * path.
 */
export function feedUrlProblem(url: string): string | null {
  if (url === '') return null;
  const problem = httpsUrlProblem(url, MAX_FEED_URL_LENGTH);
  if (problem !== null) return problem;
  const parsed = new URL(url);
  if (parsed.search !== '' || parsed.hash !== '' || /[?#]/.test(url)) {
    return 'must not have a query (?…) or a fragment (#…)';
  }
  return null;
}

export function feedUrlMessage(problem: string): string {
  return `The update feed is an https address such as ${FEED_URL_EXAMPLE}: this one ${problem}.`;
}

/** A feed URL as settings keep it: '' for none (the GitHub releases). */
export const feedUrlSchema = z.string().superRefine((url, ctx) => {
  const problem = feedUrlProblem(url);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: feedUrlMessage(problem) });
});

/** "Later": how long the user may put off the question, in hours (24: until tomorrow). */
export const POSTPONE_HOURS = { min: 1, max: 7 * 24, default: 24 } as const;

const versionText = z.string().min(1).max(100);

export const updateStatusSchema = z.discriminatedUnion('state', [
  /** This build never looks for updates (development, demo, or no updater); `reason` says why. */
  z.object({ state: z.literal('off'), reason: z.string().min(1).max(300) }),
  /** On, not checked yet. */
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('up-to-date') }),
  /** A newer version was offered and is being downloaded. */
  z.object({
    state: z.literal('downloading'),
    version: versionText,
    percent: z.number().int().min(0).max(100),
  }),
  /** Downloaded: installed when the user restarts (or, if they chose so, when the app quits). */
  z.object({
    state: z.literal('ready'),
    version: versionText,
    /** The user said "later": not asked again before then (epoch ms); null when not postponed. */
    postponedUntil: epochMsSchema.nullable(),
  }),
  /** The user chose "Restart to update": the app quits and the installer takes over. */
  z.object({ state: z.literal('installing'), version: versionText }),
  z.object({ state: z.literal('failed'), message: z.string().min(1).max(500) }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updatesViewSchema = z.object({
  /** The running version. */
  currentVersion: z.string().max(100),
  channel: updateChannelSchema,
  /** '' when updates come from the GitHub releases. */
  feedUrl: z.string().max(MAX_FEED_URL_LENGTH),
  /** Install a downloaded update when the app quits, without asking. */
  installOnQuit: z.boolean(),
  status: updateStatusSchema,
  /** When the last check ended (epoch ms); null before the first. */
  lastCheckedAt: epochMsSchema.nullable(),
});
export type UpdatesView = z.infer<typeof updatesViewSchema>;

/** What Settings → Updates changes (`updates.setOptions`). */
export const updateOptionsSchema = z
  .object({
    channel: updateChannelSchema,
    feedUrl: feedUrlSchema,
    installOnQuit: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateOptions = z.infer<typeof updateOptionsSchema>;

/** The status in a few words (Settings, the tray). */
export function updateStatusText(status: UpdateStatus): string {
  switch (status.state) {
    case 'off':
      return status.reason;
    case 'idle':
      return 'Not checked yet.';
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return 'SSO Tray is up to date.';
    case 'downloading':
      return `Downloading version ${status.version}… ${status.percent}%`;
    case 'ready':
      return `Version ${status.version} is ready: restart SSO Tray to update.`;
    case 'installing':
      return `Restarting to install version ${status.version}…`;
    case 'failed':
      return `The update failed: ${status.message}`;
  }
}
