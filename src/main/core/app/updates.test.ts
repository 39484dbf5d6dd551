// Updates through the real app core and its channels: off with the reason in a development
// build (no check, no tray item), and in a packaged one with a scripted updater: a check on
// start, "Check for updates" in the tray, the notification once an update is ready, "Later"
// kept in the data folder, "Restart to update" from the notification, the options validated.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchInvoke } from '../ipc/dispatch';
import { MemorySettingsStore } from '../settings/store';
import { FakeClock } from '../testing/fake-clock';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../../../tools/web-host/recorders';
import { ScriptedUpdater } from '../../../../tools/web-host/updater';
import { createAppCore } from '.';
import type { BuildKind } from '../updates/decide';
import { CHECK_INTERVAL_MS } from '../updates/service';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function core(build: BuildKind, updater?: ScriptedUpdater) {
  const root = await mkdtemp(join(tmpdir(), 'sso-tray-updates-'));
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const notifier = new RecordingNotifier(() => clock.now());
  const settings = new MemorySettingsStore();
  const dataDir = join(root, 'data');
  const app = createAppCore({
    env: { HOME: root, AWS_CONFIG_FILE: join(root, 'config') },
    dataDir,
    settings,
    clipboard: new RecordingClipboard(),
    notifier,
    browser: new RecordingBrowser(),
    clock,
    platform: 'linux',
    build,
    appVersion: '1.2.0',
    ...(updater === undefined ? {} : { updater }),
  });
  await app.ready;
  // Updates start once the core is ready; in a packaged build they check at once.
  if (updater !== undefined && build.isPackaged) {
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    await settle();
  }
  cleanups.push(async () => {
    await app.dispose();
    await rm(root, { recursive: true, force: true });
  });
  return { app, notifier, settings, clock, dataDir };
}

const PACKAGED: BuildKind = { isPackaged: true, dev: false, demo: false };

describe('updates in the app core', () => {
  it('a development build never checks: off with the reason, no tray item', async () => {
    const updater = new ScriptedUpdater('1.2.0');
    updater.offered = '9.9.9';
    const t = await core({ isPackaged: false, dev: true, demo: false }, updater);
    const state = t.app.state();
    expect(state.updates).toMatchObject({
      currentVersion: '1.2.0',
      status: { state: 'off', reason: 'Updates are off in development builds.' },
    });
    expect(t.app.tray.model().some((i) => i.id.startsWith('updates'))).toBe(false);
    const checked = await dispatchInvoke(t.app.handlers, 'updates.check', {});
    expect(checked).toMatchObject({ ok: true, value: { status: { state: 'off' } } });
    t.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(0);
    expect(updater.configs).toEqual([]);
  });

  it('checks on start; the tray finds an update, the user is told once, restarts when they choose', async () => {
    const updater = new ScriptedUpdater('1.2.0');
    const t = await core(PACKAGED, updater);
    expect(updater.checks).toBe(1);
    expect(updater.configs).toEqual([{ channel: 'latest', feedUrl: null, installOnQuit: true }]);
    expect(t.app.state().updates.status).toEqual({ state: 'up-to-date' });

    updater.offered = '1.3.0';
    expect(await t.app.tray.click('updates')).toMatchObject({ ok: true });
    expect(updater.downloads).toBe(1);
    expect(t.app.state().updates.status).toEqual({
      state: 'ready',
      version: '1.3.0',
      postponedUntil: null,
    });
    const shown = t.notifier.shown.filter((n) => n.tag === 'update');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'SSO Tray 1.3.0 is ready to install',
      actions: [{ id: 'restart', label: 'Restart to update' }],
    });
    expect(updater.restarts).toEqual([]);

    // "Later": kept in the data folder (0600), not asked again on the next daily check.
    const later = await dispatchInvoke(t.app.handlers, 'updates.postpone', {});
    expect(later).toMatchObject({
      ok: true,
      value: { status: { state: 'ready', postponedUntil: t.clock.now() + 24 * 3600_000 } },
    });
    const file = join(t.dataDir, 'update-state.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      postponed: { version: '1.3.0', until: t.clock.now() + 24 * 3600_000 },
    });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    t.clock.advance(CHECK_INTERVAL_MS - 1);
    await settle();
    expect(t.notifier.shown.filter((n) => n.tag === 'update')).toHaveLength(1);
    expect(t.app.tray.model().find((i) => i.id === 'updates/restart')?.label).toBe(
      'Restart to update 1.3.0',
    );

    // The notification's button restarts into it.
    const id = shown[0]!.id;
    expect(await t.app.notifications.click(id, 'restart')).toMatchObject({ ok: true });
    expect(updater.restarts).toEqual(['1.3.0']);
    expect(t.app.state().updates.status).toEqual({ state: 'installing', version: '1.3.0' });
  });

  it('"Restart to update" before an update is ready is refused and installs nothing', async () => {
    const updater = new ScriptedUpdater('1.2.0');
    const t = await core(PACKAGED, updater);
    const r = await dispatchInvoke(t.app.handlers, 'updates.restart', {});
    expect(r).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'No update is ready to install yet.' },
    });
    expect(updater.restarts).toEqual([]);
  });

  it('options: a plain-http feed is refused; an https one and the beta channel are applied', async () => {
    const updater = new ScriptedUpdater('1.2.0');
    const t = await core(PACKAGED, updater);
    const bad = await dispatchInvoke(t.app.handlers, 'updates.setOptions', {
      options: { feedUrl: 'http://updates.example.com/' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(t.settings.get().updateFeedUrl).toBe('');

    updater.offered = '1.3.0-beta.1';
    const ok = await dispatchInvoke(t.app.handlers, 'updates.setOptions', {
      options: { channel: 'beta', feedUrl: 'https://updates.example.com/sso-tray/' },
    });
    expect(ok).toMatchObject({
      ok: true,
      value: { channel: 'beta', feedUrl: 'https://updates.example.com/sso-tray/' },
    });
    expect(t.settings.get()).toMatchObject({
      updateChannel: 'beta',
      updateFeedUrl: 'https://updates.example.com/sso-tray/',
    });
    expect(updater.configs.at(-1)).toEqual({
      channel: 'beta',
      feedUrl: 'https://updates.example.com/sso-tray/',
      installOnQuit: true,
    });
    // A new channel is looked at at once.
    await settle();
    expect(updater.checks).toBe(2);
    expect(t.app.state().updates.status).toMatchObject({ state: 'ready', version: '1.3.0-beta.1' });
  });
});
