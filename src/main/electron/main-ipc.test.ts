// The real main process (runMain and everything it wires) against the electron mock: the IPC
// channels behind the sender check, the tray and its menu, and what quitting disposes (start-up,
// the window and app://: main.test.ts).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { invokeChannels, eventChannel } from '../../shared/ipc-contract';
import { UNTRUSTED_SENDER } from '../core/ipc/dispatch';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake, FakeNativeImage, APP_TOP_FRAME } = await import('./testing/electron-mock');
const { REPO_ROOT } = await import('./testing/launch');
const { useLaunchedApp } = await import('./testing/main-harness');
const { start, showWindow, menuBuilt } = useLaunchedApp();

describe('IPC', () => {
  const channels = Object.keys(invokeChannels).sort();
  const untrusted = [
    null,
    { url: 'https://evil.example/', parent: null },
    { url: 'app://sso-tray.evil/index.html', parent: null },
    { url: 'app://sso-tray@evil/index.html', parent: null },
    { url: 'file:///index.html', parent: null },
    { url: '', parent: null },
    { url: 'app://sso-tray/index.html', parent: APP_TOP_FRAME },
  ];

  it('every channel of the contract has a handler, and nothing else is handled', async () => {
    await start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(channels);
    // electron-store answers its own synchronous data request (app version and data folder);
    // nothing of the app listens with ipcMain.on.
    expect(fake.ipcMain.eventNames().filter((e) => e !== 'electron-store-get-data')).toEqual([]);
  });

  it('answers the app page', async () => {
    await start();
    const reply = await fake.ipcMain.invoke('state.get', {});
    expect(reply).toMatchObject({
      ok: true,
      value: { platform: 'linux', sessions: [{ name: 'acme', status: 'signed-out' }] },
    });
  });

  it('refuses every other sender on every channel, before looking at the payload', async () => {
    await start();
    for (const channel of channels) {
      for (const frame of untrusted) {
        for (const payload of [{}, { session: 'acme' }, 'garbage']) {
          expect(await fake.ipcMain.invoke(channel, payload, frame), channel).toEqual(
            UNTRUSTED_SENDER,
          );
        }
      }
    }
  });

  it('a refused sender and a failed request are in the log; Settings opens its folder', async () => {
    const app = await start();
    await fake.ipcMain.invoke('state.get', {}, { url: 'https://evil.example/', parent: null });
    await fake.ipcMain.invoke('credentials.copy', { session: 'acme', what: 'nope' });
    expect(app.log.text()).toMatch(
      /WARN +\[ipc\] request refused channel=state\.get reason="the sender is not the app window"/,
    );
    expect(app.log.text()).toMatch(/WARN +\[ipc\] request refused channel=credentials\.copy/);
    const state = (await fake.ipcMain.invoke('state.get', {})) as {
      value: { logsLocation: string };
    };
    expect(state.value.logsLocation).toMatch(/logs$/);
    expect(await fake.ipcMain.invoke('logs.openFolder', {})).toEqual({ ok: true, value: null });
    expect(app.logFoldersOpened).toEqual([state.value.logsLocation]);
  });

  it('an untrusted sender never reaches the handler', async () => {
    const app = await start();
    const win = showWindow();
    const config = await readFile(app.configFile, 'utf8');
    const evil = { url: 'https://evil.example/', parent: null };
    await fake.ipcMain.invoke('window.hide', {}, evil);
    expect(win.isVisible()).toBe(true);
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } }, evil);
    await fake.ipcMain.invoke(
      'sessions.add',
      { name: 'evil', startUrl: 'https://d-9999999999.awsapps.com/start', region: 'us-east-1' },
      evil,
    );
    const theme = async () =>
      ((await fake.ipcMain.invoke('state.get', {})) as { value: { settings: { theme: string } } })
        .value.settings.theme;
    expect(await theme()).toBe('system');
    expect(await readFile(app.configFile, 'utf8')).toBe(config);
    // The same requests from the app's page do run.
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    expect(await theme()).toBe('dark');
    await fake.ipcMain.invoke('window.hide', {});
    expect(win.isVisible()).toBe(false);
  });

  it('app events reach the window', async () => {
    await start();
    const win = showWindow();
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    const state = win.webContents.sent.filter((s) => s.channel === eventChannel('state')).at(-1);
    expect(state?.args[0]).toMatchObject({ settings: { theme: 'dark' } });
  });
});

describe('the tray', () => {
  const iconFiles = () => fake.nativeImage.paths;

  it('Linux: icons from files that exist in assets/, a click toggles the window', async () => {
    await start({ packaged: false });
    const tray = fake.trays[0];
    expect(fake.trays).toHaveLength(1);
    expect(tray?.images[0]).toBeInstanceOf(FakeNativeImage);
    expect(iconFiles().map((p) => basename(p))).toEqual(['tray-signed-out.png']);
    for (const path of iconFiles()) {
      expect(dirname(path)).toBe(join(REPO_ROOT, 'assets'));
      expect(existsSync(path), path).toBe(true);
    }
    for (const image of tray?.images ?? []) {
      expect((image as InstanceType<typeof FakeNativeImage>).isEmpty()).toBe(false);
    }
    expect(tray?.toolTip).not.toBe('');
    tray?.click();
    expect(fake.windows[0]?.isVisible()).toBe(true);
    tray?.click();
    expect(fake.windows[0]?.isVisible()).toBe(false);
  });

  it('packaged: the icons come from the resources folder electron-builder fills', async () => {
    const app = await start({ packaged: true, platform: 'win32' });
    expect(iconFiles().length).toBeGreaterThan(0);
    for (const path of iconFiles()) {
      expect(dirname(path)).toBe(join(app.resourcesPath, 'assets'));
      expect(existsSync(path), path).toBe(true);
    }
    const builder = await readFile(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/extraResources:\s*\n\s*- from: assets\s*\n\s*to: assets/);
  });

  it('macOS: a template icon that exists, the countdown as title, no click handler', async () => {
    await start({ packaged: false, platform: 'darwin' });
    const tray = fake.trays[0];
    expect(iconFiles().map((p) => basename(p))).toEqual(['trayTemplate.png']);
    expect(existsSync(iconFiles()[0] ?? '')).toBe(true);
    const image = tray?.images[0] as InstanceType<typeof FakeNativeImage>;
    expect(image.isTemplateImage()).toBe(true);
    expect(image.isEmpty()).toBe(false);
    expect(tray?.listenerCount('click')).toBe(0);
    // The dock icon is hidden while no window is open.
    expect(fake.app.dock?.visible).toBe(false);
    showWindow();
    expect(fake.app.dock?.visible).toBe(true);
  });

  it('the menu is built once the core is ready and rebuilt after a state event', async () => {
    await start();
    const tray = fake.trays[0];
    await menuBuilt(0);
    const first = fake.menus.at(-1);
    expect(tray?.contextMenu).toBe(first);
    expect(first?.item('quit')?.label).toBe('Quit');
    const before = fake.menus.length;
    // A favourite changes the state: the menu shows it without a restart.
    const reply = await fake.ipcMain.invoke('favourites.toggle', {
      session: 'acme',
      accountId: '123456789012',
      roleName: 'Admin',
      accountName: 'Prod',
    });
    expect(reply).toEqual({ ok: true, value: { favourite: true } });
    await menuBuilt(before);
    const rebuilt = fake.menus.at(-1);
    expect(tray?.contextMenu).toBe(rebuilt);
    expect(rebuilt?.flat().some((i) => i.label?.includes('Prod'))).toBe(true);
    expect(first?.flat().some((i) => i.label?.includes('Prod'))).toBe(false);
  });

  it('a menu click runs the core action: Open shows the window', async () => {
    await start();
    await menuBuilt(0);
    const open = fake.trays[0]?.contextMenu?.item('open');
    expect(open?.label).toBe('Open SSO Tray');
    (open?.click as () => void)();
    await vi.waitFor(() => expect(fake.windows[0]?.isVisible()).toBe(true));
  });

  it('the icon follows the state after a resume from sleep', async () => {
    await start();
    await menuBuilt(0);
    const before = fake.menus.length;
    fake.powerMonitor.emit('resume');
    await menuBuilt(before);
  });
});

describe('quit', () => {
  it("the tray's Quit disposes everything, then exits 0", async () => {
    await start();
    const win = showWindow();
    await menuBuilt(0);
    const tray = fake.trays[0];
    (tray?.contextMenu?.item('quit')?.click as () => void)();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(tray?.isDestroyed()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
    expect(fake.powerMonitor.listenerCount('unlock-screen')).toBe(0);
    // Nothing touches the destroyed tray or window afterwards (the fakes throw, as Electron does).
    fake.powerMonitor.emit('resume');
    fake.powerMonitor.emit('unlock-screen');
    fake.app.emit('second-instance', {}, [], REPO_ROOT);
    expect(fake.windows).toHaveLength(1);
  });

  it('leaves no timer running', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await start();
    await vi.waitFor(() => {
      if (fake.menus.length === 0) throw new Error('no menu yet');
    });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks once: the first quit is held until disposal ends, a second one passes', async () => {
    await start();
    const quits: string[] = [];
    fake.app.on('will-quit', () => quits.push('will-quit'));
    fake.app.quit();
    expect(quits).toEqual([]);
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    fake.app.quit();
    expect(quits).toEqual(['will-quit']);
  });

  it('quitting before the core is ready is clean', async () => {
    await start();
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.trays[0]?.isDestroyed()).toBe(true);
  });

  it('keeps no secret of its own at rest: safeStorage is never used', async () => {
    await start();
    showWindow();
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.safeStorage.calls).toEqual([]);
  });
});
