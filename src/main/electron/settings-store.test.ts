// ElectronSettingsStore: electron-store (through the electron mock) holding the checked settings
// in the app's data folder, mode 0600; old, unknown and broken files still load.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../core/settings';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { ElectronSettingsStore } = await import('./settings-store');

let dir: string;

beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), 'sso-tray-settings-'));
  fake.app.paths.userData = dir;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, 'settings.json');

describe('ElectronSettingsStore', () => {
  it("writes settings.json in the app's data folder, readable only by the user", async () => {
    const store = new ElectronSettingsStore();
    store.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({
      ...defaultSettings(),
      theme: 'dark',
    });
    if (process.platform !== 'win32') expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(new ElectronSettingsStore().get().theme).toBe('dark');
  });

  it('loads a file with settings that no longer exist (allowPlaintextSecretStorage)', async () => {
    await writeFile(
      file(),
      JSON.stringify({ version: 1, theme: 'light', allowPlaintextSecretStorage: true }),
    );
    const store = new ElectronSettingsStore();
    expect(store.get()).toEqual({ ...defaultSettings(), theme: 'light' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).not.toHaveProperty(
      'allowPlaintextSecretStorage',
    );
  });

  it('starts from the defaults when the file is not JSON', async () => {
    await writeFile(file(), '{ not json');
    expect(new ElectronSettingsStore().get()).toEqual(defaultSettings());
  });
});
