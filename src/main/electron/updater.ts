// The updates port (src/main/core/updates/port.ts) over electron-updater's autoUpdater. The
// core decides (check on start and daily, which version, when to ask); this only translates:
//  - autoDownload is off here and the core downloads as soon as its decision takes an offered
//    version, so a version the decision refuses is never fetched (the user still never clicks
//    "Download": for them updates download by themselves);
//  - autoInstallOnAppQuit follows the user's "install when quitting";
//  - the beta channel sets allowPrerelease; a custom feed is setFeedURL({provider:'generic'})
//    (its channel file is latest.yml or beta.yml), and clearing it goes back to the feed the
//    build was published with (app-update.yml, read by `builtInFeed`);
//  - electron-updater's own log lines go to the app's log through `updateErrorMessage`, which
//    keeps only a first line without URLs' queries or anything token-like.
// electron-updater requires the real `electron` when it is loaded, so src/main/electron/index.ts
// loads it with import() only in a packaged build and hands the autoUpdater in here.
import { updateErrorMessage } from '../core/updates/error-message';
import type { UpdaterConfig, UpdaterEvent, UpdaterPort } from '../core/updates/port';
import type { Logger } from '../core/log/logger';

/** A feed as setFeedURL takes it. */
export type FeedOptions =
  | { provider: 'generic'; url: string; channel?: string }
  | { provider: 'github'; owner: string; repo: string; [key: string]: unknown };

interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
  debug?(message: string): void;
}

/** The part of electron-updater's AppUpdater the adapter uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: UpdaterLogger | null;
  setFeedURL(options: FeedOptions): void;
  checkForUpdates(): Promise<{
    isUpdateAvailable: boolean;
    updateInfo: { version: string };
  } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface ElectronUpdaterOptions {
  autoUpdater: AutoUpdaterLike;
  /** The running version (app.getVersion()). */
  version: string;
  /** The feed the build was published with, to go back to when a custom one is cleared. */
  builtInFeed?: () => FeedOptions | null;
  log: Logger;
}

function asText(message: unknown): string {
  return updateErrorMessage(message instanceof Error ? message : String(message));
}

export function electronUpdater(o: ElectronUpdaterOptions): UpdaterPort {
  const u = o.autoUpdater;
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const emit = (event: UpdaterEvent) => {
    for (const l of listeners) l(event);
  };
  let customFeed: string | null = null;

  u.autoDownload = false;
  u.logger = {
    info: (m) => o.log.debug(asText(m)),
    warn: (m) => o.log.warn(asText(m)),
    error: (m) => o.log.warn(asText(m)),
  };
  u.on('download-progress', (info) => emit({ type: 'progress', percent: info.percent }));
  u.on('update-downloaded', (info) => emit({ type: 'downloaded', version: info.version }));
  u.on('error', (error) => emit({ type: 'error', error }));

  return {
    currentVersion: o.version,
    configure(config: UpdaterConfig): void {
      u.autoInstallOnAppQuit = config.installOnQuit;
      u.allowPrerelease = config.channel === 'beta';
      if (config.feedUrl !== null) {
        // A generic feed has a file per channel; setting the channel turns on allowDowngrade,
        // which the core never wants (it takes only newer versions).
        u.setFeedURL({ provider: 'generic', url: config.feedUrl, channel: config.channel });
        u.channel = config.channel;
        u.allowDowngrade = false;
        customFeed = config.feedUrl;
      } else if (customFeed !== null) {
        const feed = o.builtInFeed?.() ?? null;
        if (feed !== null) {
          u.setFeedURL(feed);
          u.channel = null;
          u.allowDowngrade = false;
          customFeed = null;
        } else {
          o.log.warn('the published update feed is used again after a restart');
        }
      }
    },
    async check() {
      const result = await u.checkForUpdates();
      if (result === null || !result.isUpdateAvailable) return null;
      return { version: result.updateInfo.version };
    },
    async download() {
      await u.downloadUpdate();
    },
    installAndRestart() {
      // Not silent (the installer shows on Windows); the app starts again afterwards.
      u.quitAndInstall(false, true);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The feed in a packaged build's app-update.yml (electron-builder writes flat `key: value`
 * lines there from `publish`), or null when it cannot be read.
 */
export function parseAppUpdateYml(text: string): FeedOptions | null {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z]+):\s*(.*?)\s*$/.exec(line);
    if (m === null) continue;
    fields[m[1] as string] = (m[2] as string).replace(/^(['"])(.*)\1$/, '$2');
  }
  if (fields.provider === 'github' && fields.owner && fields.repo) {
    return { ...fields, provider: 'github', owner: fields.owner, repo: fields.repo };
  }
  if (fields.provider === 'generic' && fields.url) return { provider: 'generic', url: fields.url };
  return null;
}

/**
 * electron-updater's autoUpdater, loaded on demand (it requires the real `electron` and reads
 * the packaged app's resources as it loads). A CommonJS module: its getter-defined export may
 * only be on the namespace's default.
 */
export async function loadElectronAutoUpdater(): Promise<AutoUpdaterLike> {
  const m = (await import('electron-updater')) as {
    autoUpdater?: AutoUpdaterLike;
    default?: { autoUpdater?: AutoUpdaterLike };
  };
  const autoUpdater = m.autoUpdater ?? m.default?.autoUpdater;
  if (autoUpdater === undefined) throw new Error('electron-updater has no autoUpdater');
  return autoUpdater;
}
