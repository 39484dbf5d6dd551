// A scripted updater for the web host's browser tests: it offers the version a test sets
// (POST /_debug/updates), downloads in two steps of progress, fails when told to, and records
// what the app asked of it (configurations, checks, "Restart to update") instead of restarting.
// Used only with the web host's `scriptedUpdates` option; by default the web host is a
// development build and its updates are off.
import type { UpdaterConfig, UpdaterEvent, UpdaterPort } from '../../src/main/core/updates/port';

export class ScriptedUpdater implements UpdaterPort {
  /** The version the next check finds; null: none. */
  offered: string | null = null;
  /** The message the next check fails with, once; null: it does not fail. */
  failNext: string | null = null;
  readonly configs: UpdaterConfig[] = [];
  checks = 0;
  downloads = 0;
  /** The versions "Restart to update" would have installed. */
  readonly restarts: string[] = [];
  private readonly listeners = new Set<(event: UpdaterEvent) => void>();

  constructor(readonly currentVersion: string) {}

  configure(config: UpdaterConfig): void {
    this.configs.push({ ...config });
  }

  async check(): Promise<{ version: string } | null> {
    this.checks += 1;
    const fail = this.failNext;
    if (fail !== null) {
      this.failNext = null;
      throw new Error(fail);
    }
    return this.offered === null ? null : { version: this.offered };
  }

  async download(): Promise<void> {
    this.downloads += 1;
    const version = this.offered ?? '';
    this.emit({ type: 'progress', percent: 50 });
    this.emit({ type: 'progress', percent: 100 });
    this.emit({ type: 'downloaded', version });
  }

  installAndRestart(): void {
    this.restarts.push(this.offered ?? '');
  }

  subscribe(listener: (event: UpdaterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: UpdaterEvent): void {
    for (const l of this.listeners) l(event);
  }
}
