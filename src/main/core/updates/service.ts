// The app's updates: looks for a new version on start and once a day on the core's clock,
// downloads what the decision (./decide.ts) takes, and leaves the restart to the user: "Restart
// to update" installs it, "Later" puts the question off (until tomorrow by default). A build
// that must not check (development, demo, not packaged, or a host without an updater) is off,
// and says why. The updater itself is a port (./port.ts): electron-updater in the app.
// Platform-free: no Electron, no network of its own.
//
// The parts: the timers (./schedule.ts), the updater's configuration and progress
// (./updater-glue.ts), the options (./service-options.ts) and the wording of failures
// (./error-message.ts); here, the state machine from idle to ready or failed.
import { SsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { UpdateStatus, UpdatesView } from '../../../shared/updates';
import { decideOffer, shouldCheck } from './decide';
import { updateErrorMessage } from './error-message';
import type { UpdaterPort, UpdaterEvent } from './port';
import { postponementEnd, UpdateTimers } from './schedule';
import { OFF_REASONS, type Postponed, type UpdatesServiceOptions } from './service-options';
import { UpdaterConfigSync, withProgress } from './updater-glue';

export { updateErrorMessage } from './error-message';
export { CHECK_INTERVAL_MS } from './schedule';
export {
  type Postponed,
  type PostponedStore,
  type UpdatePreferences,
  type UpdatesServiceOptions,
} from './service-options';

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
  private readonly timers: UpdateTimers;
  private readonly config: UpdaterConfigSync | undefined;
  private unsubscribe: (() => void) | null = null;
  private disposed = false;

  constructor(private readonly o: UpdatesServiceOptions) {
    this.log = o.log ?? silentLogger;
    this.timers = new UpdateTimers(o.clock);
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
    this.config = this.port === undefined ? undefined : new UpdaterConfigSync(this.port);
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
    this.config?.apply(this.o.preferences());
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
    if (this.config === undefined || this.disposed) return;
    const applied = this.config.apply(this.o.preferences());
    if (applied === 'same') return;
    if (applied === 'source') void this.check();
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
    const until = postponementEnd(this.o.clock.now(), hours);
    this.postponed = { version, until };
    this.asked.delete(version);
    await this.savePostponed();
    this.armPostpone();
    this.set({ state: 'ready', version, postponedUntil: until });
    this.log.info('update postponed', { version, until: new Date(until).toISOString() });
  }

  dispose(): void {
    this.disposed = true;
    this.timers.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  // ---- internals ----------------------------------------------------------------------------

  private offReason(): string {
    return this.current.state === 'off' ? this.current.reason : OFF_REASONS.unavailable;
  }

  private armDaily(): void {
    this.timers.daily(() => void this.check());
  }

  /** When the postponement ends, the user is asked again (if the update still waits). */
  private armPostpone(): void {
    this.timers.postponeEnds(this.postponed, (p) => {
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
      const next = withProgress(this.current, event.percent);
      if (next !== null) this.set(next);
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
