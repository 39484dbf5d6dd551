// The quick pick in the real main process, against the electron mock: its global shortcut is
// registered at start, registered again when the setting changes, reported when refused and
// released on quit; a press shows its small sandboxed window, which hides when it loses focus.
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PALETTE_SHORTCUT } from '../../shared/accelerator';
import { eventChannel } from '../../shared/ipc-contract';
import { windowWebPreferences } from '../core/security';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { launch } = await import('./testing/launch');
type Launched = Awaited<ReturnType<typeof launch>>;

let running: Launched | null = null;

async function start(options: Parameters<typeof launch>[0] = {}): Promise<Launched> {
  running = await launch(options);
  return running;
}

beforeEach(() => {
  fake.reset();
});

afterEach(async () => {
  if (running !== null) {
    await running.quit();
    await running.cleanup();
    running = null;
  }
});

const state = async () =>
  (
    (await fake.ipcMain.invoke('state.get', {})) as {
      value: { paletteShortcut: { accelerator: string; state: string; message?: string } };
    }
  ).value;

/** The palette window: the one loaded at the palette route. */
const paletteWindow = () => fake.windows.find((w) => w.webContents.getURL().endsWith('#/palette'));

describe('the quick pick shortcut', () => {
  it('is registered at start (after ready) with the default, and nothing else is', async () => {
    await start();
    expect([...fake.globalShortcut.registered.keys()]).toEqual([DEFAULT_PALETTE_SHORTCUT]);
    expect((await state()).paletteShortcut).toEqual({
      accelerator: DEFAULT_PALETTE_SHORTCUT,
      state: 'registered',
    });
    // No window exists until it is pressed.
    expect(fake.windows).toHaveLength(0);
  });

  it('a press shows a small, frameless, always-on-top sandboxed window at the palette route', async () => {
    const app = await start();
    expect(fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT)).toBe(true);
    const win = paletteWindow();
    expect(win).toBeDefined();
    if (win === undefined) return;
    expect(win.webContents.getURL()).toBe('app://sso-tray/index.html#/palette');
    const preload = join(dirname(app.options.mainDir), 'preload', 'index.cjs');
    expect(win.options.webPreferences).toEqual(windowWebPreferences(preload, { dev: false }));
    expect(win.options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      show: false,
      resizable: false,
    });
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
    // On the display under the pointer, centred across it.
    expect(win.position[0]).toBe(Math.round((1920 - (win.options.width ?? 0)) / 2));
    // The page is told to start afresh.
    expect(win.webContents.sent.filter((s) => s.channel === eventChannel('navigate'))).toEqual([
      { channel: eventChannel('navigate'), args: [{ to: 'palette' }] },
    ]);
    // Its page is trusted like the main window's: its requests are answered.
    expect(await fake.ipcMain.invoke('state.get', {})).toMatchObject({ ok: true });
  });

  it('hides when it loses focus, and on palette.close; a second press shows the same window', async () => {
    await start();
    fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT);
    const win = paletteWindow();
    win?.blur();
    expect(win?.isVisible()).toBe(false);
    fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT);
    expect(win?.isVisible()).toBe(true);
    expect(await fake.ipcMain.invoke('palette.close', {})).toEqual({ ok: true, value: null });
    expect(win?.isVisible()).toBe(false);
    expect(fake.windows.filter((w) => w.webContents.getURL().endsWith('#/palette'))).toHaveLength(
      1,
    );
  });

  it('app events reach the palette window too', async () => {
    await start();
    fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT);
    const win = paletteWindow();
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    const last = win?.webContents.sent.filter((s) => s.channel === eventChannel('state')).at(-1);
    expect(last?.args[0]).toMatchObject({ settings: { theme: 'dark' } });
  });

  it('is registered again when the setting changes, and released when turned off', async () => {
    await start();
    const reply = await fake.ipcMain.invoke('settings.update', {
      patch: { paletteShortcut: 'ctrl+alt+k' },
    });
    expect(reply).toMatchObject({ ok: true, value: { paletteShortcut: 'Control+Alt+K' } });
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['Control+Alt+K']);
    expect(fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT)).toBe(false);
    expect(fake.globalShortcut.press('Control+Alt+K')).toBe(true);
    expect(paletteWindow()?.isVisible()).toBe(true);
    await fake.ipcMain.invoke('settings.update', { patch: { paletteShortcut: '' } });
    expect(fake.globalShortcut.registered.size).toBe(0);
    expect((await state()).paletteShortcut).toEqual({ accelerator: '', state: 'off' });
  });

  it('one another app holds is off, with a message in Settings, a notification and the log', async () => {
    fake.globalShortcut.taken.add(DEFAULT_PALETTE_SHORTCUT);
    const app = await start();
    expect(fake.globalShortcut.registered.size).toBe(0);
    const status = (await state()).paletteShortcut;
    expect(status.state).toBe('failed');
    expect(status.message).toContain(`${DEFAULT_PALETTE_SHORTCUT} could not be registered`);
    expect(fake.notifications.map((n) => [n.options.title, n.shown])).toEqual([
      ['Quick pick shortcut not available', true],
    ]);
    expect(app.log.text()).toMatch(/WARN +\[shortcut\] quick pick shortcut not registered/);
    // Another one works.
    await fake.ipcMain.invoke('settings.update', { patch: { paletteShortcut: 'Alt+F9' } });
    expect((await state()).paletteShortcut.state).toBe('registered');
  });

  it('is released on quit; a press then shows nothing', async () => {
    await start();
    fake.globalShortcut.press(DEFAULT_PALETTE_SHORTCUT);
    const win = paletteWindow();
    const callback = fake.globalShortcut.registered.get(DEFAULT_PALETTE_SHORTCUT);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.globalShortcut.registered.size).toBe(0);
    expect(fake.log).toContain('globalShortcut.unregister');
    expect(win?.isDestroyed()).toBe(true);
    // A press that was already on its way when quitting started makes no new window.
    const windows = fake.windows.length;
    callback?.();
    expect(fake.windows).toHaveLength(windows);
  });
});
