// TrayController against the electron mock: icons from files that exist for every state and
// platform, the status line, a burst of changes rebuilt as one menu, clicks, and destroy.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayIcon, TrayMenuItem, TrayStatus } from '../core/tray';
import type { FakeNativeImage } from './testing/electron-mock';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { REPO_ROOT } = await import('./testing/launch');
const { TrayController } = await import('./tray');

const ASSETS = join(REPO_ROOT, 'assets');
const ICONS: TrayIcon[] = ['signed-out', 'ok', 'expiring', 'expired'];

function source(initial: Partial<TrayStatus> = {}) {
  const state = {
    status: {
      icon: 'signed-out',
      title: '',
      tooltip: 'SSO Tray',
      nextUpdateInMs: null,
      ...initial,
    },
    models: 0,
    clicks: [] as string[],
    items: [
      { id: 'open', label: 'Open SSO Tray', action: { kind: 'open' } },
      { id: 'quit', label: 'Quit', action: { kind: 'quit' } },
    ] as TrayMenuItem[],
  };
  return {
    state,
    source: {
      model: () => {
        state.models += 1;
        return state.items;
      },
      status: () => state.status as TrayStatus,
      click: (id: string) => void state.clicks.push(id),
    },
  };
}

const images = () => fake.trays[0]!.images as FakeNativeImage[];

describe('TrayController', () => {
  beforeEach(() => fake.reset());
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`${platform}: every state's icon is a file in assets/ that exists`, () => {
      const { state, source: src } = source();
      const tray = new TrayController({
        assetsDir: ASSETS,
        platform,
        source: src,
        onActivate: () => undefined,
      });
      for (const icon of ICONS) {
        state.status = { ...state.status, icon };
        tray.invalidate();
      }
      expect(fake.nativeImage.paths.length).toBeGreaterThan(0);
      for (const path of fake.nativeImage.paths) expect(existsSync(path), path).toBe(true);
      for (const image of images()) expect(image.isEmpty()).toBe(false);
      if (platform === 'darwin') {
        expect(new Set(fake.nativeImage.paths)).toEqual(
          new Set([join(ASSETS, 'trayTemplate.png')]),
        );
        for (const image of images()) expect(image.isTemplateImage()).toBe(true);
      } else {
        expect(new Set(fake.nativeImage.paths)).toEqual(
          new Set(ICONS.map((icon) => join(ASSETS, `tray-${icon}.png`))),
        );
        expect(images().at(-1)?.path).toBe(join(ASSETS, 'tray-expired.png'));
      }
      tray.destroy();
    });
  }

  it('shows the status: tooltip everywhere, the countdown as title on macOS only', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      fake.reset();
      const { source: src } = source({ title: '42m', tooltip: 'SSO Tray · acme · 42 min left' });
      const tray = new TrayController({
        assetsDir: ASSETS,
        platform,
        source: src,
        onActivate: () => undefined,
      });
      tray.invalidate();
      expect(fake.trays[0]!.toolTip).toBe('SSO Tray · acme · 42 min left');
      expect(fake.trays[0]!.title).toBe(platform === 'darwin' ? '42m' : '');
      tray.destroy();
    }
  });

  it('a burst of changes rebuilds the native menu once; its clicks report the item id', async () => {
    const { state, source: src } = source();
    const tray = new TrayController({
      assetsDir: ASSETS,
      platform: 'linux',
      source: src,
      onActivate: () => undefined,
    });
    for (let i = 0; i < 100; i += 1) tray.invalidate();
    await vi.waitFor(() => expect(fake.trays[0]!.contextMenuSets).toBe(1));
    expect(fake.menus).toHaveLength(1);
    expect(state.models).toBe(1);
    (fake.trays[0]!.contextMenu?.item('quit')?.click as () => void)();
    expect(state.clicks).toEqual(['quit']);
    tray.destroy();
  });

  it('a left click activates on Windows and Linux; bounds are null while unknown', () => {
    let activated = 0;
    const { source: src } = source();
    const tray = new TrayController({
      assetsDir: ASSETS,
      platform: 'win32',
      source: src,
      onActivate: () => void (activated += 1),
    });
    fake.trays[0]!.click();
    expect(activated).toBe(1);
    expect(tray.bounds()).toBeNull();
    fake.trays[0]!.bounds = { x: 10, y: 0, width: 24, height: 24 };
    expect(tray.bounds()).toEqual({ x: 10, y: 0, width: 24, height: 24 });
    tray.destroy();
  });

  it('after destroy nothing reaches the tray: no pending menu, no status, no bounds', () => {
    vi.useFakeTimers();
    const { state, source: src } = source({ nextUpdateInMs: 10 });
    const tray = new TrayController({
      assetsDir: ASSETS,
      platform: 'linux',
      source: src,
      onActivate: () => undefined,
    });
    tray.invalidate();
    tray.destroy();
    expect(fake.trays[0]!.isDestroyed()).toBe(true);
    // The fake throws on a destroyed tray as Electron does; these must not touch it.
    tray.invalidate();
    expect(tray.bounds()).toBeNull();
    // The debounced menu and the status timer were cancelled.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(state.models).toBe(0);
    expect(fake.menus).toHaveLength(0);
  });
});
