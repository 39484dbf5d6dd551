// What the updates service (./service.ts) is given: the updater port, the build, the user's
// preferences, where "Later" is kept and the hooks it calls; and why a build is off. Types and
// words only.
import type { TimerClock } from '../clock';
import type { Logger } from '../log/logger';
import type { UpdateChannelName } from '../../../shared/updates';
import type { BuildKind, UpdateChannel } from './decide';
import type { UpdaterPort } from './port';

// The window's list of channels (src/shared/updates.ts) and the decision's are the same list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const channelsAgree: Same<UpdateChannelName, UpdateChannel> = true;
void channelsAgree;

/** The reason shown in Settings when a build never checks. */
export const OFF_REASONS = {
  development: 'Updates are off in development builds.',
  demo: 'Updates are off in demo builds.',
  'not-packaged': 'Updates are off: this copy of SSO Tray is not an installed build.',
  unavailable: 'This build of SSO Tray cannot update itself.',
} as const;

export interface UpdatePreferences {
  channel: UpdateChannel;
  /** '' for the built-in feed (the GitHub releases). */
  feedUrl: string;
  installOnQuit: boolean;
}

export interface Postponed {
  version: string;
  until: number;
}

/** Where the user's "Later" is kept, so a restart of the app does not forget it. */
export interface PostponedStore {
  load(): Promise<Postponed | undefined>;
  save(value: Postponed | undefined): Promise<void>;
}

export interface UpdatesServiceOptions {
  /** The updater; without one the service is off (`unavailable`). */
  port: UpdaterPort | undefined;
  build: BuildKind;
  /** The running version, shown while off (the port knows it otherwise). */
  appVersion: string;
  clock: TimerClock;
  preferences(): UpdatePreferences;
  postponed: PostponedStore;
  /** The status changed. */
  changed(): void;
  /** An update is downloaded and the user is to be asked (once per version and postponement). */
  ask(version: string): void;
  log?: Logger;
}
