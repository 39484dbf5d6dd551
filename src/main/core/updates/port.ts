// What the updates service needs of an updater: electron-updater's autoUpdater in the packaged
// app (src/main/electron/updater.ts), a scripted one in tests. Platform-free.
import type { UpdateChannel } from './decide';

export interface UpdaterConfig {
  channel: UpdateChannel;
  /** A generic feed (https) in place of the publish target built in (GitHub releases). */
  feedUrl: string | null;
  /** Install a downloaded update when the app quits. */
  installOnQuit: boolean;
}

export type UpdaterEvent =
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; error: unknown };

export interface UpdaterPort {
  /** The running version (semver). */
  readonly currentVersion: string;
  /** Applied before the first check and whenever the user changes a setting. */
  configure(config: UpdaterConfig): void;
  /** Asks the feed; the newest version it offers, or null when there is none. */
  check(): Promise<{ version: string } | null>;
  /** Downloads what the last check offered; resolves once it is downloaded. */
  download(): Promise<void>;
  /** Quits the app, installs the downloaded update and starts the new version. */
  installAndRestart(): void;
  /** Progress, the end of a download and errors, as they happen. */
  subscribe(listener: (event: UpdaterEvent) => void): () => void;
}
