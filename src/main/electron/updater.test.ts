// The real main process with updates, against the electron mock. electron-updater requires the
// real `electron` as it loads (a `vi.mock('electron')` does not reach a CommonJS package in
// node_modules), so these tests do not load it: they inject an autoUpdater-shaped object
// through `loadAutoUpdater`, the same seam src/main/electron/index.ts fills with
// electron-updater's autoUpdater. That keeps the test about what this code asks of the updater
// (what it sets, when it checks, when it installs), which is what the adapter owns.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutoUpdaterLike, FeedOptions } from './updater';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { launch, REPO_ROOT } = await import('./testing/launch');
type Launched = Awaited<ReturnType<typeof launch>>;

class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = false;
  channel: string | null = null;
  logger: AutoUpdaterLike['logger'] = null;
  readonly feeds: FeedOptions[] = [];
  readonly installs: Array<[boolean | undefined, boolean | undefined]> = [];
  checks = 0;
  downloads = 0;
  offered: string | null = null;
  failWith: Error | null = null;

  setFeedURL(options: FeedOptions): void {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.checks += 1;
    const e = this.failWith;
    if (e !== null) {
      // Like electron-updater: an error event with the stack, then the rejection.
      this.emit('error', e, `Cannot check for updates: ${e.stack ?? ''}`);
      throw e;
    }
    const version = this.offered ?? '0.0.0-test';
    return { isUpdateAvailable: this.offered !== null, updateInfo: { version } };
  }
  async downloadUpdate() {
    this.downloads += 1;
    this.emit('download-progress', { percent: 37.5 });
    this.emit('update-downloaded', { version: this.offered });
    return ['/tmp/update'];
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

let running: Launched | null = null;
let updater: FakeAutoUpdater;
let loads = 0;

async function start(o: Parameters<typeof launch>[0] = {}): Promise<Launched> {
  running = await launch({
    loadAutoUpdater: async () => {
      loads += 1;
      return updater;
    },
    ...o,
  });
  // A window, so IPC has a sender as it has in the app.
  fake.app.emit('second-instance', {}, [], REPO_ROOT);
  return running;
}

async function invoke(channel: string, payload: unknown = {}) {
  return (await fake.ipcMain.invoke(channel, payload)) as {
    ok: boolean;
    value?: { status?: { state: string } } & Record<string, unknown>;
    error?: { message: string };
  };
}

/** The updates status, asked by the window (served from `origin`: app://, or the dev server). */
async function updatesState(origin = 'app://sso-tray') {
  const frame = { url: `${origin}/index.html`, parent: null };
  const r = (await fake.ipcMain.invoke('state.get', {}, frame)) as {
    value?: { updates: { status: Record<string, unknown> } };
  };
  if (r.value === undefined) throw new Error(`state.get: ${JSON.stringify(r)}`);
  return r.value.updates.status;
}

const trayItem = (id: string) => fake.trays[0]?.contextMenu?.item(id);

beforeEach(() => {
  fake.reset();
  updater = new FakeAutoUpdater();
  loads = 0;
});

afterEach(async () => {
  vi.useRealTimers();
  if (running !== null) {
    await running.quit();
    await running.cleanup();
    running = null;
  }
});

describe('updates in the main process', () => {
  it('is not started when not packaged, nor in development or a demo', async () => {
    await start({ packaged: false });
    expect(loads).toBe(0);
    expect(await updatesState()).toEqual({
      state: 'off',
      reason: 'Updates are off: this copy of SSO Tray is not an installed build.',
    });
    await running!.quit();
    await running!.cleanup();

    fake.reset();
    await start({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(await updatesState('http://localhost:5173')).toEqual({
      state: 'off',
      reason: 'Updates are off in development builds.',
    });
    await running!.quit();
    await running!.cleanup();

    fake.reset();
    await start({ env: { SSO_TRAY_DEMO: '1' } });
    expect(await updatesState()).toEqual({
      state: 'off',
      reason: 'Updates are off in demo builds.',
    });
    expect(loads).toBe(0);
    expect(updater.checks).toBe(0);
  });

  it('a packaged build loads the updater, sets it up and checks on start', async () => {
    await start();
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    expect(loads).toBe(1);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.allowPrerelease).toBe(false);
    expect(updater.feeds).toEqual([]);
    await vi.waitFor(async () => expect(await updatesState()).toEqual({ state: 'up-to-date' }));
    await vi.waitFor(() => expect(trayItem('updates')?.label).toBe('Check for updates'));
  });

  it('checks again every day', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await start();
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    vi.advanceTimersByTime(24 * 3600_000 - 1000);
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(1000);
    await vi.waitFor(() => expect(updater.checks).toBe(2));
  });

  it('"Restart to update" calls quitAndInstall only after the user chose it', async () => {
    await start();
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    updater.offered = '1.3.0';
    await vi.waitFor(() => expect(trayItem('updates')?.click).toBeTypeOf('function'));
    (trayItem('updates')?.click as () => void)();
    await vi.waitFor(() => expect(trayItem('updates/restart')).toBeDefined());
    expect(trayItem('updates/restart')?.label).toBe('Restart to update 1.3.0');
    expect(updater.downloads).toBe(1);
    // Downloaded and announced, but nothing installed until the user says so.
    const shown = fake.notifications.filter((n) => n.options.title?.includes('1.3.0'));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options.actions).toEqual([{ type: 'button', text: 'Restart to update' }]);
    expect(updater.installs).toEqual([]);
    expect(await invoke('updates.postpone', { hours: 24 })).toMatchObject({ ok: true });
    expect(updater.installs).toEqual([]);

    (trayItem('updates/restart')?.click as () => void)();
    await vi.waitFor(() => expect(updater.installs).toEqual([[false, true]]));
    expect(await updatesState()).toEqual({ state: 'installing', version: '1.3.0' });
  });

  it('beta and a custom feed reach the updater; clearing the feed goes back to the published one', async () => {
    await start({ appUpdateYml: 'owner: example-owner\nrepo: sso-tray\nprovider: github\n' });
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    const set = await invoke('updates.setOptions', {
      options: { channel: 'beta', feedUrl: 'https://updates.example.com/sso-tray/' },
    });
    expect(set).toMatchObject({ ok: true, value: { channel: 'beta' } });
    expect(updater.allowPrerelease).toBe(true);
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://updates.example.com/sso-tray/', channel: 'beta' },
    ]);
    expect(updater.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
    await invoke('updates.setOptions', { options: { feedUrl: '', installOnQuit: false } });
    expect(updater.feeds.at(-1)).toEqual({
      provider: 'github',
      owner: 'example-owner',
      repo: 'sso-tray',
    });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    const refused = await invoke('updates.setOptions', {
      options: { feedUrl: 'http://updates.example.com/' },
    });
    expect(refused.ok).toBe(false);
    expect(updater.feeds).toHaveLength(2);
  });

  it('an error ends in the failed status, without secrets in it or in the log', async () => {
    updater.failWith = new Error(
      'Cannot find latest.yml in https://updates.example.com/latest.yml?sig=TOPSECRET123: HttpError: 403\n' +
        '"x-github-request-id": "not for the log", "authorization": "token ghp_NOTFORTHELOG"',
    );
    await start();
    await vi.waitFor(async () => expect((await updatesState()).state).toBe('failed'));
    expect(await updatesState()).toEqual({
      state: 'failed',
      message: 'Cannot find latest.yml in https://updates.example.com/latest.yml: HttpError: 403',
    });
    const log = running!.log.entries.map((e) => JSON.stringify(e)).join('\n');
    expect(log).toContain('update failed');
    expect(log).not.toMatch(/TOPSECRET|NOTFORTHELOG|not for the log/);
  });
});
