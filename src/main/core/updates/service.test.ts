// The updates service over a scripted updater and the fake clock: off (with why) in builds that
// never check, a check on start and one a day, downloads only what the decision takes, the user
// asked once per version, "Later" kept across restarts, "Restart to update" only once ready,
// failures in words without secrets.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import type { BuildKind } from './decide';
import type { UpdaterConfig, UpdaterEvent, UpdaterPort } from './port';
import {
  CHECK_INTERVAL_MS,
  UpdatesService,
  updateErrorMessage,
  type Postponed,
  type PostponedStore,
  type UpdatePreferences,
} from './service';

/** Lets the promise callbacks of a check run (the fake clock fires timers synchronously). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const PACKAGED: BuildKind = { isPackaged: true, dev: false, demo: false };
const HOUR = 3600_000;

class ScriptedPort implements UpdaterPort {
  offered: string | null = null;
  fail: Error | null = null;
  checks = 0;
  downloads = 0;
  installs = 0;
  readonly configs: UpdaterConfig[] = [];
  private readonly listeners = new Set<(e: UpdaterEvent) => void>();
  constructor(readonly currentVersion = '1.2.0') {}
  configure(config: UpdaterConfig): void {
    this.configs.push(config);
  }
  async check() {
    this.checks += 1;
    if (this.fail !== null) throw this.fail;
    return this.offered === null ? null : { version: this.offered };
  }
  async download() {
    this.downloads += 1;
    this.emit({ type: 'progress', percent: 41.7 });
  }
  installAndRestart(): void {
    this.installs += 1;
  }
  subscribe(l: (e: UpdaterEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: UpdaterEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function memoryStore(initial?: Postponed): PostponedStore & { value: Postponed | undefined } {
  const store = {
    value: initial,
    load: async () => store.value,
    save: async (v: Postponed | undefined) => {
      store.value = v;
    },
  };
  return store;
}

function setup(
  o: {
    build?: BuildKind;
    port?: ScriptedPort | null;
    prefs?: Partial<UpdatePreferences>;
    store?: ReturnType<typeof memoryStore>;
    clock?: FakeClock;
  } = {},
) {
  const clock = o.clock ?? new FakeClock(1_000_000);
  const port = o.port === null ? undefined : (o.port ?? new ScriptedPort());
  const prefs: UpdatePreferences = {
    channel: 'latest',
    feedUrl: '',
    installOnQuit: true,
    ...o.prefs,
  };
  const asked: string[] = [];
  const statuses: string[] = [];
  const store = o.store ?? memoryStore();
  const service = new UpdatesService({
    port,
    build: o.build ?? PACKAGED,
    appVersion: '1.2.0',
    clock,
    preferences: () => prefs,
    postponed: store,
    changed: () => {
      const s = service.status();
      statuses.push(s.state === 'downloading' ? `downloading ${s.percent}` : s.state);
    },
    ask: (v) => asked.push(v),
  });
  return { service, clock, port, prefs, asked, statuses, store };
}

describe('builds that never check', () => {
  it.each([
    [{ isPackaged: false, dev: true, demo: false }, 'Updates are off in development builds.'],
    [{ isPackaged: false, dev: false, demo: true }, 'Updates are off in demo builds.'],
    [{ isPackaged: true, dev: false, demo: true }, 'Updates are off in demo builds.'],
    [{ isPackaged: false, dev: false, demo: false }, 'not an installed build'],
  ])('%j is off with the reason, and never asks the updater', async (build, reason) => {
    const t = setup({ build });
    await t.service.start();
    await t.service.check();
    t.clock.advance(3 * CHECK_INTERVAL_MS);
    const status = t.service.status();
    expect(status.state).toBe('off');
    expect(status.state === 'off' && status.reason).toContain(reason);
    expect(t.port?.checks).toBe(0);
    expect(t.port?.configs).toEqual([]);
    await expect(t.service.restart()).rejects.toThrow(reason);
  });

  it('a packaged build without an updater is off too', async () => {
    const t = setup({ port: null });
    await t.service.start();
    expect(t.service.status()).toEqual({
      state: 'off',
      reason: 'This build of SSO Tray cannot update itself.',
    });
    expect(t.service.view().currentVersion).toBe('1.2.0');
  });
});

describe('checking', () => {
  it('configures the updater, checks on start and then once every 24 hours', async () => {
    const t = setup({ prefs: { channel: 'beta', feedUrl: 'https://u.example.com/' } });
    await t.service.start();
    expect(t.port?.configs).toEqual([
      { channel: 'beta', feedUrl: 'https://u.example.com/', installOnQuit: true },
    ]);
    expect(t.port?.checks).toBe(1);
    expect(t.service.status()).toEqual({ state: 'up-to-date' });
    expect(t.service.view().lastCheckedAt).toBe(1_000_000);
    t.clock.advance(CHECK_INTERVAL_MS - 1);
    expect(t.port?.checks).toBe(1);
    t.clock.advance(1);
    expect(t.port?.checks).toBe(2);
    await settle();
    t.clock.advance(CHECK_INTERVAL_MS);
    expect(t.port?.checks).toBe(3);
    await settle();
    t.service.dispose();
    t.clock.advance(5 * CHECK_INTERVAL_MS);
    expect(t.port?.checks).toBe(3);
  });

  it('downloads a newer version (progress in whole percent), then asks once', async () => {
    const t = setup();
    t.port!.offered = 'v1.3.0';
    await t.service.start();
    expect(t.statuses).toEqual(['checking', 'downloading 0', 'downloading 41', 'ready']);
    expect(t.service.status()).toEqual({ state: 'ready', version: '1.3.0', postponedUntil: null });
    expect(t.asked).toEqual(['1.3.0']);
    // The next check finds the same version: nothing downloaded or asked again.
    await t.service.check();
    expect(t.port?.downloads).toBe(1);
    expect(t.asked).toEqual(['1.3.0']);
    expect(t.service.status().state).toBe('ready');
  });

  it('takes neither an older version nor, on latest, a prerelease; beta takes it', async () => {
    const t = setup();
    t.port!.offered = '1.1.0';
    await t.service.start();
    expect(t.service.status()).toEqual({ state: 'up-to-date' });
    t.port!.offered = '1.3.0-beta.1';
    await t.service.check();
    expect(t.service.status()).toEqual({ state: 'up-to-date' });
    expect(t.port?.downloads).toBe(0);
    t.prefs.channel = 'beta';
    t.service.preferencesChanged();
    await t.service.check();
    expect(t.port?.configs.at(-1)).toEqual({ channel: 'beta', feedUrl: null, installOnQuit: true });
    expect(t.service.status()).toEqual({
      state: 'ready',
      version: '1.3.0-beta.1',
      postponedUntil: null,
    });
    expect(t.asked).toEqual(['1.3.0-beta.1']);
  });

  it('a new channel or feed is looked at at once; other settings changes are not', async () => {
    const t = setup();
    await t.service.start();
    t.service.preferencesChanged();
    expect(t.port?.checks).toBe(1);
    t.prefs.installOnQuit = false;
    t.service.preferencesChanged();
    expect(t.port?.configs.at(-1)?.installOnQuit).toBe(false);
    expect(t.port?.checks).toBe(1);
    t.prefs.feedUrl = 'https://updates.example.com/';
    t.service.preferencesChanged();
    expect(t.port?.checks).toBe(2);
  });

  it('a failure ends in failed, in words without secrets; a ready update stays ready', async () => {
    const t = setup();
    const err = Object.assign(
      new Error(
        'Cannot find latest.yml at https://user:pw@u.example.com/a/latest.yml?X-Amz-Signature=abcdef: HttpError: 403\n' +
          'Headers: {"authorization":"token ghp_0123456789abcdefghijklmnopqrstuvwxyzABCD"}',
      ),
      { code: 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND' },
    );
    t.port!.fail = err;
    await t.service.start();
    const status = t.service.status();
    expect(status.state).toBe('failed');
    const message = status.state === 'failed' ? status.message : '';
    expect(message).toContain('Cannot find latest.yml at https://u.example.com/a/latest.yml');
    expect(message).not.toMatch(/pw|Signature|abcdef|ghp_|authorization/);
    // Found later, downloaded; a failed check after that loses nothing.
    t.port!.fail = null;
    t.port!.offered = '1.3.0';
    await t.service.check();
    t.port!.fail = new Error('getaddrinfo ENOTFOUND u.example.com');
    await t.service.check();
    expect(t.service.status()).toEqual({ state: 'ready', version: '1.3.0', postponedUntil: null });
  });

  it('says the server could not be reached for network errors', () => {
    expect(updateErrorMessage(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatch(
      /could not be reached/,
    );
    expect(updateErrorMessage(new Error('net::ERR_INTERNET_DISCONNECTED'))).toMatch(
      /could not be reached/,
    );
    expect(updateErrorMessage('')).toBe('The updater failed without saying why.');
    expect(updateErrorMessage(new Error('word '.repeat(80)))).toHaveLength(300);
  });
});

describe("the user's choices", () => {
  it('"Restart to update" installs only a ready update, and only after the user chose it', async () => {
    const t = setup();
    await t.service.start();
    await expect(t.service.restart()).rejects.toThrow('No update is ready');
    t.port!.offered = '1.3.0';
    await t.service.check();
    // Ready and asked: nothing is installed until the user accepts.
    expect(t.port?.installs).toBe(0);
    for (let day = 0; day < 3; day++) {
      t.clock.advance(CHECK_INTERVAL_MS);
      await settle();
    }
    expect(t.port?.checks).toBe(5);
    expect(t.port?.installs).toBe(0);
    await t.service.restart();
    expect(t.port?.installs).toBe(1);
    expect(t.service.status()).toEqual({ state: 'installing', version: '1.3.0' });
    // An installer failure arrives as an event: failed, with the reason.
    t.port!.emit({ type: 'error', error: new Error('The installer could not be started') });
    expect(t.service.status()).toEqual({
      state: 'failed',
      message: 'The installer could not be started',
    });
  });

  it('"Later" is not asked again before its time, then is; kept across a restart', async () => {
    const store = memoryStore();
    const clock = new FakeClock(1_000_000);
    const t = setup({ store, clock });
    t.port!.offered = '1.3.0';
    await t.service.start();
    expect(t.asked).toEqual(['1.3.0']);
    await t.service.postpone(24);
    const until = 1_000_000 + 24 * HOUR;
    expect(t.service.status()).toEqual({ state: 'ready', version: '1.3.0', postponedUntil: until });
    expect(store.value).toEqual({ version: '1.3.0', until });
    clock.advance(12 * HOUR);
    await t.service.check();
    expect(t.asked).toEqual(['1.3.0']);
    clock.advance(12 * HOUR);
    await Promise.resolve();
    expect(t.asked).toEqual(['1.3.0', '1.3.0']);
    expect(t.service.status()).toEqual({ state: 'ready', version: '1.3.0', postponedUntil: null });

    // The app starts again within a new postponement: downloaded again, not asked.
    await t.service.postpone(5);
    t.service.dispose();
    const again = setup({ store, clock });
    again.port!.offered = '1.3.0';
    await again.service.start();
    expect(again.asked).toEqual([]);
    expect(again.service.status()).toEqual({
      state: 'ready',
      version: '1.3.0',
      postponedUntil: clock.now() + 5 * HOUR,
    });
    // A newer version than the one put off is asked about at once.
    again.port!.offered = '1.3.1';
    await again.service.check();
    expect(again.asked).toEqual(['1.3.1']);
    // Restarting clears the postponement.
    await again.service.restart();
    expect(store.value).toBeUndefined();
  });

  it('"Later" needs a ready update', async () => {
    const t = setup();
    await t.service.start();
    await expect(t.service.postpone(24)).rejects.toThrow('no update to put off');
  });
});
