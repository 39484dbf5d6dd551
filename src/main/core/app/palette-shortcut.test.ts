// The quick pick's shortcut through the real app core: registered at start, again when the
// setting changes, its failure said in the log, the window, a notification and Settings'
// status; the palette shown on a press and hidden by `palette.close`; released on dispose.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE_SHORTCUT } from '../../../shared/accelerator';
import { dispatchInvoke } from '../ipc/dispatch';
import { createLogger, MemoryLogSink } from '../log/logger';
import { MemorySettingsStore } from '../settings/store';
import { ControllableClock } from '../../../../tools/web-host/clock';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../../../tools/web-host/recorders';
import { createAppCore, type AppCore } from '.';
import { PaletteShortcut, type GlobalShortcutPort } from './palette-shortcut';

/** The OS's table of global shortcuts: `taken` ones belong to another app. */
class FakeShortcuts implements GlobalShortcutPort {
  readonly registered = new Map<string, () => void>();
  readonly calls: string[] = [];
  taken = new Set<string>();
  register(accelerator: string, onPress: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.registered.delete(accelerator);
  }
  press(accelerator: string): boolean {
    const onPress = this.registered.get(accelerator);
    onPress?.();
    return onPress !== undefined;
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function core(shortcuts: FakeShortcuts | undefined, settings = new MemorySettingsStore()) {
  const root = await mkdtemp(join(tmpdir(), 'sso-tray-palette-'));
  const clock = new ControllableClock();
  const notifier = new RecordingNotifier(() => clock.now());
  const log = new MemoryLogSink();
  const palette = {
    shown: 0,
    hidden: 0,
    show: () => palette.shown++,
    hide: () => palette.hidden++,
  };
  const app: AppCore = createAppCore({
    env: { HOME: root, AWS_CONFIG_FILE: join(root, 'config') },
    dataDir: join(root, 'data'),
    settings,
    clipboard: new RecordingClipboard(),
    notifier,
    browser: new RecordingBrowser(),
    clock,
    platform: 'linux',
    logger: createLogger(log, { level: 'debug' }),
    ...(shortcuts === undefined ? {} : { globalShortcut: shortcuts }),
    palette,
  });
  const notices: string[] = [];
  app.subscribe((event, payload) => {
    if (event === 'notice') notices.push((payload as { message: string }).message);
  });
  await app.ready;
  cleanups.push(async () => {
    await app.dispose();
    clock.dispose();
    await rm(root, { recursive: true, force: true });
  });
  return { app, notifier, log, palette, notices, settings };
}

describe('the quick pick shortcut in the app core', () => {
  it('is registered at start with the default; a press shows the palette, palette.close hides it', async () => {
    const shortcuts = new FakeShortcuts();
    const { app, palette } = await core(shortcuts);
    expect([...shortcuts.registered.keys()]).toEqual([DEFAULT_PALETTE_SHORTCUT]);
    expect(app.state().paletteShortcut).toEqual({
      accelerator: DEFAULT_PALETTE_SHORTCUT,
      state: 'registered',
    });
    expect(app.state().settings.paletteShortcut).toBe(DEFAULT_PALETTE_SHORTCUT);
    expect(shortcuts.press(DEFAULT_PALETTE_SHORTCUT)).toBe(true);
    expect(palette.shown).toBe(1);
    expect(await dispatchInvoke(app.handlers, 'palette.close', {})).toEqual({
      ok: true,
      value: null,
    });
    expect(palette.hidden).toBe(1);
  });

  it('a new shortcut replaces the old one; "" turns it off; dispose releases it', async () => {
    const shortcuts = new FakeShortcuts();
    const { app } = await core(shortcuts);
    const reply = await dispatchInvoke(app.handlers, 'settings.update', {
      patch: { paletteShortcut: 'ctrl+alt+k' },
    });
    expect(reply).toMatchObject({ ok: true, value: { paletteShortcut: 'Control+Alt+K' } });
    expect([...shortcuts.registered.keys()]).toEqual(['Control+Alt+K']);
    expect(app.state().paletteShortcut.state).toBe('registered');
    // Changing another setting does not touch the shortcut.
    const before = shortcuts.calls.length;
    await dispatchInvoke(app.handlers, 'settings.update', { patch: { theme: 'dark' } });
    expect(shortcuts.calls.length).toBe(before);
    await dispatchInvoke(app.handlers, 'settings.update', { patch: { paletteShortcut: '' } });
    expect(shortcuts.registered.size).toBe(0);
    expect(app.state().paletteShortcut).toEqual({ accelerator: '', state: 'off' });
    await dispatchInvoke(app.handlers, 'settings.update', { patch: { paletteShortcut: 'Alt+F9' } });
    await app.dispose();
    expect(shortcuts.registered.size).toBe(0);
    expect(shortcuts.calls.at(-1)).toBe('unregister Alt+F9');
  });

  it('refuses a shortcut Electron could not read, and keeps the one it has', async () => {
    const shortcuts = new FakeShortcuts();
    const { app } = await core(shortcuts);
    const reply = await dispatchInvoke(app.handlers, 'settings.update', {
      patch: { paletteShortcut: 'K' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect([...shortcuts.registered.keys()]).toEqual([DEFAULT_PALETTE_SHORTCUT]);
  });

  it('one another app holds is off, and says so everywhere; saving it again retries', async () => {
    const shortcuts = new FakeShortcuts();
    shortcuts.taken.add(DEFAULT_PALETTE_SHORTCUT);
    const { app, notifier, log, notices } = await core(shortcuts);
    expect(shortcuts.registered.size).toBe(0);
    const status = app.state().paletteShortcut;
    expect(status.state).toBe('failed');
    expect(status.message).toMatch(/could not be registered.*Choose another one in Settings/);
    expect(notifier.shown.map((n) => n.title)).toEqual(['Quick pick shortcut not available']);
    expect(log.text()).toMatch(/WARN +\[shortcut\] quick pick shortcut not registered/);
    // A click on the notification opens Settings.
    const clicked = await app.notifications.click(notifier.shown[0]?.id ?? '');
    expect(clicked.ok).toBe(true);

    await dispatchInvoke(app.handlers, 'settings.update', {
      patch: { paletteShortcut: 'Control+Alt+K' },
    });
    expect(notices.at(-1)).toBeUndefined();
    expect(app.state().paletteShortcut.state).toBe('registered');
    // Taken now too: the change is reported in the window as well.
    shortcuts.taken.add('Alt+F9');
    await dispatchInvoke(app.handlers, 'settings.update', { patch: { paletteShortcut: 'Alt+F9' } });
    expect(app.state().paletteShortcut.state).toBe('failed');
    expect(notices.at(-1)).toMatch(/Alt\+F9 could not be registered/);
    expect(shortcuts.registered.size).toBe(0);
    // The other app let go of it: saving the same shortcut again registers it.
    shortcuts.taken.delete('Alt+F9');
    await dispatchInvoke(app.handlers, 'settings.update', { patch: { paletteShortcut: 'Alt+F9' } });
    expect(app.state().paletteShortcut.state).toBe('registered');
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+F9']);
  });

  it('a host without global shortcuts says so', async () => {
    const { app } = await core(undefined);
    expect(app.state().paletteShortcut).toMatchObject({
      accelerator: DEFAULT_PALETTE_SHORTCUT,
      state: 'unavailable',
    });
  });

  it('a register call that throws counts as refused', () => {
    const failures: string[] = [];
    const shortcut = new PaletteShortcut({
      port: {
        register: () => {
          throw new Error('conversion failure');
        },
        unregister: () => undefined,
      },
      onPress: () => undefined,
      failed: (m) => failures.push(m),
    });
    shortcut.apply('Control+Alt+K');
    expect(shortcut.status().state).toBe('failed');
    expect(failures).toHaveLength(1);
  });
});
