// AppWindow against the electron mock: one hidden-until-shown window next to the tray icon,
// hidden (not closed) on blur and Escape, made again after it was closed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { windowPosition } from '../core/tray';
import { windowWebPreferences } from '../core/security';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { AppWindow } = await import('./window');

const TRAY = { x: 1800, y: 0, width: 24, height: 24 };

function appWindow(trayBounds: () => typeof TRAY | null = () => TRAY, dev = false) {
  return new AppWindow({
    preloadPath: '/app/out/preload/index.cjs',
    url: 'app://sso-tray/index.html',
    dev,
    trayBounds,
  });
}

describe('AppWindow', () => {
  beforeEach(() => fake.reset());

  it('creates its one window on first show, with the secure preferences, next to the tray', () => {
    const window = appWindow();
    expect(fake.windows).toHaveLength(0);
    expect(window.webContents).toBeNull();
    window.show();
    window.show();
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toEqual(windowWebPreferences('/app/out/preload/index.cjs'));
    expect(win.options).toMatchObject({ show: false, frame: false, skipTaskbar: true });
    expect(win.webContents.getURL()).toBe('app://sso-tray/index.html');
    const size = { width: win.options.width ?? 0, height: win.options.height ?? 0 };
    const expected = windowPosition(TRAY, size, fake.screen.workArea);
    expect(win.position).toEqual([expected.x, expected.y]);
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
    expect(window.webContents).toBe(win.webContents);
  });

  it('without tray bounds (some Linux trays) opens near the cursor', () => {
    const window = appWindow(() => null);
    fake.screen.cursor = { x: 400, y: 300 };
    window.show();
    const win = fake.windows[0]!;
    const size = { width: win.options.width ?? 0, height: win.options.height ?? 0 };
    const expected = windowPosition(null, size, fake.screen.workArea);
    expect(win.position).toEqual([expected.x, expected.y]);
  });

  it('hides on blur unless devtools are open, and on Escape; other keys pass', () => {
    const window = appWindow();
    window.show();
    const win = fake.windows[0]!;
    win.blur();
    expect(win.isVisible()).toBe(false);
    window.show();
    win.webContents.devToolsOpened = true;
    win.blur();
    expect(win.isVisible()).toBe(true);
    expect(win.webContents.pressKey({ key: 'a' })).toBe(false);
    expect(win.webContents.pressKey({ key: 'Escape', type: 'keyUp' })).toBe(false);
    expect(win.isVisible()).toBe(true);
    expect(win.webContents.pressKey({ key: 'Escape' })).toBe(true);
    expect(win.isVisible()).toBe(false);
    expect(fake.windows).toHaveLength(1);
  });

  it('toggles, and after the window was closed the next show makes a new one', () => {
    const window = appWindow();
    window.toggle();
    expect(window.isVisible()).toBe(true);
    window.toggle();
    expect(window.isVisible()).toBe(false);
    fake.windows[0]!.destroy();
    expect(window.webContents).toBeNull();
    window.show();
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[1]!.isVisible()).toBe(true);
  });

  it('macOS: the dock icon shows only while the window is open', () => {
    const dock = fake.useDock();
    const window = appWindow();
    dock.hide();
    window.show();
    expect(dock.visible).toBe(true);
    window.hide();
    expect(dock.visible).toBe(false);
  });

  it('destroy closes the window for good; devtools only in development', () => {
    const window = appWindow(() => TRAY, true);
    window.show();
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(true);
    window.destroy();
    expect(fake.windows[0]!.isDestroyed()).toBe(true);
    expect(window.isVisible()).toBe(false);
    window.hide();
  });
});
