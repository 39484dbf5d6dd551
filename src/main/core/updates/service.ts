// The app's updates: looks for a new version on start and once a day on the core's clock,
// downloads what the decision (./decide.ts) takes, and leaves the restart to the user: "Restart
// to update" installs it, "Later" puts the question off (until tomorrow by default). A build
// that must not check (development, demo, not packaged, or a host without an updater) is off,
// and says why. The updater itself is a port (./port.ts): electron-updater in the app.
// Platform-free: no Electron, no network of its own.
import type { TimerClock } from '../clock';
import { SsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { UpdateChannelName, UpdateStatus, UpdatesView } from '../../../shared/updates';
import { decideOffer, shouldCheck, type BuildKind, type UpdateChannel } from './decide';
import type { UpdaterPort, UpdaterEvent } from './port';

// The window's list of channels (src/shared/updates.ts) and the decision's are the same list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const channelsAgree: Same<UpdateChannelName, UpdateChannel> = true;
void channelsAgree;

export const CHECK_INTERVAL_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

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

/**
 * A failure in words fit for the window and the log: the first line only (electron-updater adds
 * response headers after it), URLs without user info, query or fragment, long token-like runs
 * cut out, at most 300 characters.
 */
export function updateErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const code =
    typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
      ? (e as { code: string }).code
      : '';
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|net::ERR_/.test(`${code} ${raw}`)) {
    return 'The update server could not be reached. Check the network and try again.';
  }
  const first = (raw.split(/\r?\n/)[0] ?? '').trim();
  const cleaned = first
    .replace(/\b(https?:\/\/)(?:[^\s/@]*@)?([^\s?#]*)(?:[?#]\S*?)?(?=[,:;.)"']*(?:\s|$))/gi, '$1$2')
    .replace(/[A-Za-z0-9+/_=-]{40,}/g, '…')
    .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '');
  if (cleaned === '') return 'The updater failed without saying why.';
  return cleaned.length > 300 ? `${cleaned.slice(0, 299)}…` : cleaned;
}

const versionOf = (offered: string) => offered.trim().replace(/^v/, '');

export class UpdatesService {
  private current: UpdateStatus;
  private readonly port: UpdaterPort | undefined;
  private readonly log: Logger;
  private lastCheckedAt: number | null = null;
  /** The version downloaded and waiting for a restart. */
  private ready: string | null = null;
  private postponed: Postponed | undefined;
  /** Versions the user was asked about since the last postponement. */
  private readonly asked = new Set<string>();
  private inFlight: Promise<void> | null = null;
  private stopDaily: (() => void) | null = null;
  private stopPostpone: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private applied: UpdatePreferences | null = null;
  private disposed = false;

  constructor(private readonly o: UpdatesServiceOptions) {
    this.log = o.log ?? silentLogger;
    const decision = shouldCheck(o.build);
    if (!decision.check) {
      this.port = undefined;
      this.current = { state: 'off', reason: OFF_REASONS[decision.reason] };
    } else if (o.port === undefined) {
      this.port = undefined;
      this.current = { state: 'off', reason: OFF_REASONS.unavailable };
    } else {
      this.port = o.port;
      this.current = { state: 'idle' };
    }
  }

  get enabled(): boolean {
    return this.port !== undefined;
  }

  status(): UpdateStatus {
    return this.current;
  }

  view(): UpdatesView {
    const p = this.o.preferences();
    return {
      currentVersion: this.port?.currentVersion ?? this.o.appVersion,
      channel: p.channel,
      feedUrl: p.feedUrl,
      installOnQuit: p.installOnQuit,
      status: this.current,
      lastCheckedAt: this.lastCheckedAt,
    };
  }

  /** Configures the updater, checks once now and then every CHECK_INTERVAL_MS. */
  async start(): Promise<void> {
    const port = this.port;
    if (port === undefined) {
      this.log.info('updates are off', {
        reason: this.current.state === 'off' ? this.current.reason : '',
      });
      return;
    }
    this.unsubscribe = port.subscribe((event) => this.onEvent(event));
    try {
      this.postponed = await this.o.postponed.load();
    } catch (error) {
      this.log.warn('the postponed update could not be read', { error: updateErrorMessage(error) });
    }
    if (this.disposed) return;
    this.applyPreferences();
    this.armDaily();
    await this.check();
  }

  /** Looks for an update now (the tray's and Settings' "Check for updates"); never throws. */
  check(): Promise<void> {
    if (this.port === undefined || this.disposed) return Promise.resolve();
    if (this.current.state === 'installing') return Promise.resolve();
    this.inFlight ??= this.run(this.port).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The settings changed: a new channel or feed is applied and looked at at once. */
  preferencesChanged(): void {
    if (this.port === undefined || this.disposed) return;
    const before = this.applied;
    if (!this.applyPreferences()) return;
    const p = this.o.preferences();
    if (before !== null && (before.channel !== p.channel || before.feedUrl !== p.feedUrl)) {
      void this.check();
    }
    this.o.changed();
  }

  /** "Restart to update": only a downloaded version the decision still takes is installed. */
  async restart(): Promise<void> {
    const port = this.port;
    if (port === undefined) {
      throw new SsoTrayError('INVALID_INPUT', this.offReason());
    }
    const version = this.ready;
    if (version === null || this.current.state !== 'ready') {
      throw new SsoTrayError('INVALID_INPUT', 'No update is ready to install yet.');
    }
    const decision = decideOffer({
      current: port.currentVersion,
      offered: version,
      channel: this.o.preferences().channel,
      accepted: true,
      now: this.o.clock.now(),
    });
    if (decision.action !== 'install') {
      throw new SsoTrayError('INVALID_INPUT', `Version ${version} is no longer offered here.`);
    }
    this.postponed = undefined;
    await this.savePostponed();
    this.set({ state: 'installing', version });
    this.log.info('restarting to install the update', { version });
    try {
      port.installAndRestart();
    } catch (error) {
      this.fail(error);
      throw new SsoTrayError('INVALID_INPUT', updateErrorMessage(error));
    }
  }

  /** "Later": not asked about this version again for `hours`. */
  async postpone(hours: number): Promise<void> {
    if (this.port === undefined) throw new SsoTrayError('INVALID_INPUT', this.offReason());
    const version = this.ready;
    if (version === null || this.current.state !== 'ready') {
      throw new SsoTrayError('INVALID_INPUT', 'There is no update to put off.');
    }
    const until = this.o.clock.now() + Math.round(hours * HOUR_MS);
    this.postponed = { version, until };
    this.asked.delete(version);
    await this.savePostponed();
    this.armPostpone();
    this.set({ state: 'ready', version, postponedUntil: until });
    this.log.info('update postponed', { version, until: new Date(until).toISOString() });
  }

  dispose(): void {
    this.disposed = true;
    this.stopDaily?.();
    this.stopPostpone?.();
    this.unsubscribe?.();
    this.stopDaily = this.stopPostpone = this.unsubscribe = null;
  }

  // ---- internals ----------------------------------------------------------------------------

  private offReason(): string {
    return this.current.state === 'off' ? this.current.reason : OFF_REASONS.unavailable;
  }

  /** Gives the updater the user's choices; false when they are the ones it has. */
  private applyPreferences(): boolean {
    const p = { ...this.o.preferences() };
    const a = this.applied;
    if (
      a !== null &&
      a.channel === p.channel &&
      a.feedUrl === p.feedUrl &&
      a.installOnQuit === p.installOnQuit
    ) {
      return false;
    }
    this.applied = p;
    this.port?.configure({
      channel: p.channel,
      feedUrl: p.feedUrl === '' ? null : p.feedUrl,
      installOnQuit: p.installOnQuit,
    });
    return true;
  }

  private armDaily(): void {
    this.stopDaily?.();
    this.stopDaily = this.o.clock.setTimer(CHECK_INTERVAL_MS, () => {
      if (this.disposed) return;
      this.armDaily();
      void this.check();
    });
  }

  /** When the postponement ends, the user is asked again (if the update still waits). */
  private armPostpone(): void {
    this.stopPostpone?.();
    this.stopPostpone = null;
    const p = this.postponed;
    if (p === undefined) return;
    this.stopPostpone = this.o.clock.setTimer(Math.max(0, p.until - this.o.clock.now()), () => {
      this.stopPostpone = null;
      if (this.disposed || this.ready !== p.version || this.current.state !== 'ready') return;
      this.set({ state: 'ready', version: p.version, postponedUntil: null });
      this.askOnce(p.version);
    });
  }

  private async run(port: UpdaterPort): Promise<void> {
    const readyBefore = this.ready;
    // A downloaded update stays on offer while a newer one is looked for.
    if (readyBefore === null) this.set({ state: 'checking' });
    try {
      const offered = await port.check();
      this.lastCheckedAt = this.o.clock.now();
      if (this.disposed) return;
      const { channel } = this.o.preferences();
      const decision =
        offered === null
          ? null
          : decideOffer({
              current: port.currentVersion,
              offered: offered.version,
              channel,
              ...(this.postponed === undefined ? {} : { postponed: this.postponed }),
              now: this.o.clock.now(),
            });
      if (decision === null || decision.action === 'ignore') {
        if (decision !== null) {
          this.log.info('update not taken', { offered: offered?.version, reason: decision.reason });
        }
        if (readyBefore !== null) this.showReady(readyBefore);
        else this.set({ state: 'up-to-date' });
        return;
      }
      const version = offered === null ? '' : versionOf(offered.version);
      if (readyBefore !== version) {
        this.log.info('update found', { version, channel });
        this.set({ state: 'downloading', version, percent: 0 });
        await port.download();
        if (this.disposed) return;
        this.ready = version;
        this.log.info('update downloaded', { version });
      }
      this.showReady(version);
      if (decision.action === 'ask') this.askOnce(version);
      else this.armPostpone();
    } catch (error) {
      this.lastCheckedAt = this.o.clock.now();
      if (this.disposed) return;
      // A version downloaded before stays ready: a failed look for a newer one loses nothing.
      if (readyBefore !== null) {
        this.log.warn('update check failed', { error: updateErrorMessage(error) });
        this.showReady(readyBefore);
      } else {
        this.fail(error);
      }
    }
  }

  private showReady(version: string): void {
    const p = this.postponed;
    const postponedUntil =
      p !== undefined && p.version === version && p.until > this.o.clock.now() ? p.until : null;
    this.set({ state: 'ready', version, postponedUntil });
  }

  private askOnce(version: string): void {
    if (this.asked.has(version)) return;
    this.asked.add(version);
    this.o.ask(version);
  }

  private onEvent(event: UpdaterEvent): void {
    if (this.disposed) return;
    if (event.type === 'progress') {
      if (this.current.state !== 'downloading') return;
      const percent = Math.max(0, Math.min(100, Math.floor(event.percent)));
      if (!Number.isFinite(percent) || percent === this.current.percent) return;
      this.set({ ...this.current, percent });
    } else if (event.type === 'error') {
      // Failures of a check or download also reject its promise (handled there); one while
      // installing is the only one that arrives alone.
      if (this.current.state === 'installing') this.fail(event.error);
      else this.log.debug('updater error event', { error: updateErrorMessage(event.error) });
    }
  }

  private fail(error: unknown): void {
    const message = updateErrorMessage(error);
    this.log.warn('update failed', { error: message });
    this.set({ state: 'failed', message });
  }

  private async savePostponed(): Promise<void> {
    try {
      await this.o.postponed.save(this.postponed);
    } catch (error) {
      this.log.warn('the postponed update could not be saved', {
        error: updateErrorMessage(error),
      });
    }
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    if (!this.disposed) this.o.changed();
  }
}
