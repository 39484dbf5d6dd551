import { mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  defaultSettings,
  FileSettingsStore,
  MAX_RECENTS,
  MemorySettingsStore,
  migrateSettings,
  settingsPatchSchema,
  settingsSchema,
  toggledFavourite,
  withRecent,
} from './index';

const ref = { session: 'acme', accountId: '123456789012', roleName: 'Admin' };

describe('defaults', () => {
  it('has the documented defaults', () => {
    expect(defaultSettings()).toEqual({
      version: 1,
      sessions: [],
      activeSession: null,
      favourites: [],
      recents: [],
      thresholdsMinutes: [15, 5],
      clipboardClearSeconds: 60,
      autoRefreshProfiles: [],
      launchAtLogin: false,
      theme: 'system',
      credentialsEndpoint: false,
      trustedStartUrlHosts: [],
      paletteShortcut: 'CommandOrControl+Alt+Shift+Space',
      consoleSessions: {},
      profileSessions: {},
      updateChannel: 'latest',
      updateFeedUrl: '',
      updateInstallOnQuit: true,
    });
  });
});

describe('the update settings', () => {
  it('loads good values, and the default for each bad one on its own', () => {
    const good = migrateSettings({
      version: 1,
      updateChannel: 'beta',
      updateFeedUrl: 'https://updates.example.com/sso-tray/',
      updateInstallOnQuit: false,
    });
    expect(good).toMatchObject({
      updateChannel: 'beta',
      updateFeedUrl: 'https://updates.example.com/sso-tray/',
      updateInstallOnQuit: false,
    });
    for (const feed of [
      'http://updates.example.com/',
      'https://user:pw@updates.example.com/',
      'https://updates.example.com/?token=abc',
      'https://updates/',
      'not a url',
      42,
    ]) {
      const loaded = migrateSettings({ version: 1, updateFeedUrl: feed, updateChannel: 'beta' });
      expect(loaded.updateFeedUrl, String(feed)).toBe('');
      expect(loaded.updateChannel).toBe('beta');
    }
    expect(migrateSettings({ version: 1, updateChannel: 'nightly' }).updateChannel).toBe('latest');
    expect(migrateSettings({ version: 1, updateInstallOnQuit: 'yes' }).updateInstallOnQuit).toBe(
      true,
    );
  });

  it('a patch with a plain-http feed or an unknown channel is refused, the settings unchanged', () => {
    const store = new MemorySettingsStore();
    expect(() => store.update({ updateFeedUrl: 'http://updates.example.com/' })).toThrow(
      /not valid/,
    );
    expect(() => settingsPatchSchema.parse({ updateFeedUrl: 'http://u.example.com/' })).toThrow(
      /does not start with https/,
    );
    expect(() => settingsPatchSchema.parse({ updateChannel: 'nightly' })).toThrow();
    expect(store.get().updateFeedUrl).toBe('');
    expect(store.update({ updateFeedUrl: 'https://updates.example.com/a/' }).updateFeedUrl).toBe(
      'https://updates.example.com/a/',
    );
    expect(store.update({ updateFeedUrl: '' }).updateFeedUrl).toBe('');
  });
});

describe('the quick pick shortcut', () => {
  it('loads a good one in Electron spelling, "" as off, and the default for a bad or missing one', () => {
    expect(migrateSettings({ version: 1, paletteShortcut: 'ctrl+alt+k' }).paletteShortcut).toBe(
      'Control+Alt+K',
    );
    expect(migrateSettings({ version: 1, paletteShortcut: '' }).paletteShortcut).toBe('');
    for (const bad of ['K', 'Control+', 42, null, 'Hyper+K']) {
      const loaded = migrateSettings({ version: 1, paletteShortcut: bad, theme: 'dark' });
      expect(loaded.paletteShortcut, String(bad)).toBe('CommandOrControl+Alt+Shift+Space');
      expect(loaded.theme).toBe('dark');
    }
    expect(migrateSettings({ version: 1 }).paletteShortcut).toBe(
      'CommandOrControl+Alt+Shift+Space',
    );
  });

  it('a patch with a bad one is refused, the settings unchanged', () => {
    const store = new MemorySettingsStore();
    expect(() => store.update({ paletteShortcut: 'Shift+A' })).toThrow(/not valid/);
    expect(store.get().paletteShortcut).toBe('CommandOrControl+Alt+Shift+Space');
    expect(store.update({ paletteShortcut: 'alt+space' }).paletteShortcut).toBe('Alt+Space');
  });
});

describe('migrateSettings', () => {
  it.each([undefined, null, 42, 'text', [], [1, 2], true, { version: 'x' }, { version: -3 }])(
    'turns garbage %j into defaults',
    (raw) => {
      expect(migrateSettings(raw)).toEqual(defaultSettings());
    },
  );

  it('loads a stored file holding settings that no longer exist, dropping them', () => {
    // allowPlaintextSecretStorage was a setting of 0.1 that nothing used.
    const stored = { version: 1, theme: 'dark', allowPlaintextSecretStorage: true, future: 1 };
    expect(migrateSettings(stored)).toEqual({ ...defaultSettings(), theme: 'dark' });
  });

  it('migrates the v0 shape', () => {
    const v0 = {
      session: 'acme',
      favorites: ['123456789012/Admin', 'broken', 42, '210987654321/ReadOnly'],
      warnMinutes: 10,
      theme: 'dark',
    };
    const s = migrateSettings(v0);
    expect(s.version).toBe(1);
    expect(s.sessions).toEqual(['acme']);
    expect(s.activeSession).toBe('acme');
    expect(s.favourites).toEqual([
      { session: 'acme', accountId: '123456789012', roleName: 'Admin' },
      { session: 'acme', accountId: '210987654321', roleName: 'ReadOnly' },
    ]);
    expect(s.thresholdsMinutes).toEqual([10]);
    expect(s.theme).toBe('dark');
  });

  it('keeps valid fields and resets only the invalid ones', () => {
    const s = migrateSettings({
      version: 1,
      theme: 'purple',
      clipboardClearSeconds: 30,
      thresholdsMinutes: [5, 30, 5],
      favourites: [ref, { accountId: 'nope' }],
      launchAtLogin: 'yes',
    });
    expect(s.theme).toBe('system');
    expect(s.clipboardClearSeconds).toBe(30);
    expect(s.thresholdsMinutes).toEqual([30, 5]);
    expect(s.favourites).toEqual([ref]);
    expect(s.launchAtLogin).toBe(false);
  });

  it('keeps at most 10 recents, most recent first', () => {
    const recents = Array.from({ length: 15 }, (_, i) => ({
      ...ref,
      roleName: `R${i}`,
      usedAt: i,
    }));
    const s = migrateSettings({ version: 1, recents });
    expect(s.recents).toHaveLength(MAX_RECENTS);
    expect(s.recents[0]?.roleName).toBe('R14');
  });

  it('keeps well-formed trusted start URL hosts once each and drops the rest', () => {
    const s = migrateSettings({
      version: 1,
      trustedStartUrlHosts: [
        'sso.example.com',
        'sso.example.com',
        'xn--xample-2of.com',
        'SSO.EXAMPLE.COM',
        'evil.com/path',
        'user@evil.com',
        '10.0.0.5',
        'localhost',
        42,
      ],
    });
    expect(s.trustedStartUrlHosts).toEqual(['sso.example.com', 'xn--xample-2of.com', '10.0.0.5']);
    const store = new MemorySettingsStore();
    expect(() => store.update({ trustedStartUrlHosts: ['not a host'] })).toThrow(/not valid/);
    expect(
      store.update({ trustedStartUrlHosts: ['portal.example.org'] }).trustedStartUrlHosts,
    ).toEqual(['portal.example.org']);
  });

  it('drops unknown keys, so a secret cannot ride along', () => {
    const s = migrateSettings({ version: 1, accessToken: 'SECRET', sessionToken: 'SECRET' });
    expect(JSON.stringify(s)).not.toContain('SECRET');
  });

  it('never throws and always returns valid settings (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const s = migrateSettings(raw);
        expect(s.version).toBe(1);
        expect(s.recents.length).toBeLessThanOrEqual(MAX_RECENTS);
      }),
    );
  });

  it('treats a future version leniently instead of discarding it', () => {
    expect(migrateSettings({ version: 99, theme: 'light' }).theme).toBe('light');
  });
});

describe('helpers', () => {
  it('withRecent moves a role to the front without duplicates', () => {
    let recents = withRecent([], ref, 1);
    recents = withRecent(recents, { ...ref, roleName: 'B' }, 2);
    recents = withRecent(recents, ref, 3);
    expect(recents.map((r) => r.roleName)).toEqual(['Admin', 'B']);
    for (let i = 0; i < 20; i++) recents = withRecent(recents, { ...ref, roleName: `X${i}` }, i);
    expect(recents).toHaveLength(MAX_RECENTS);
  });

  it('toggledFavourite adds then removes', () => {
    const once = toggledFavourite([], ref);
    expect(once).toEqual([ref]);
    expect(toggledFavourite(once, ref)).toEqual([]);
  });
});

describe('MemorySettingsStore', () => {
  it('updates, normalises and notifies', () => {
    const store = new MemorySettingsStore();
    const listener = vi.fn();
    const off = store.onChange(listener);
    const s = store.update({ thresholdsMinutes: [5, 20] });
    expect(s.thresholdsMinutes).toEqual([20, 5]);
    expect(store.get().thresholdsMinutes).toEqual([20, 5]);
    expect(listener).toHaveBeenCalledWith(s);
    off();
    store.update({ theme: 'dark' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('rejects an invalid patch and keeps the old settings', () => {
    const store = new MemorySettingsStore();
    expect(() => store.update({ clipboardClearSeconds: -1 })).toThrow(/not valid/);
    expect(() => store.update({ theme: 'purple' } as never)).toThrow(/not valid/);
    expect(() => store.update({ accessToken: 'x' } as never)).toThrow(/not valid/);
    expect(store.get()).toEqual(defaultSettings());
  });
});

describe('FileSettingsStore', () => {
  it('persists atomically with mode 0600 and reloads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const path = join(dir, 'nested', 'settings.json');
    const store = new FileSettingsStore(path);
    store.update({ favourites: [ref], launchAtLogin: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['settings.json']);
    const again = new FileSettingsStore(path);
    expect(again.get().favourites).toEqual([ref]);
    expect(again.get().launchAtLogin).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
  });

  it('starts from defaults when the file is corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{not json');
    expect(new FileSettingsStore(path).get()).toEqual(defaultSettings());
  });
});

describe('consoleSessions', () => {
  it('keeps the valid entries and drops the others, one by one', () => {
    const s = settingsSchema.parse({
      consoleSessions: {
        work: {
          way: 'direct',
          destination: '/ec2/home',
          browser: { browser: 'firefox', container: 'W' },
        },
        bad: { way: 'sideways', browser: { browser: 'default' } },
        chrome: { way: 'shortcut', browser: { browser: 'chrome', container: 'no' } },
        'a\nb': { way: 'shortcut', browser: { browser: 'default' } },
      },
    });
    expect(s.consoleSessions).toEqual({
      work: {
        way: 'direct',
        destination: '/ec2/home',
        browser: { browser: 'firefox', container: 'W' },
      },
    });
    expect(settingsSchema.parse({ consoleSessions: 'nope' }).consoleSessions).toEqual({});
    expect(defaultSettings().consoleSessions).toEqual({});
  });

  it('a patch with an invalid entry is an error, not a reset', () => {
    expect(
      settingsPatchSchema.safeParse({
        consoleSessions: { work: { way: 'direct', browser: { browser: 'default', profile: 'P' } } },
      }).success,
    ).toBe(false);
  });
});

describe('profileSessions', () => {
  it('keeps the valid entries and drops the others, one by one', () => {
    const s = settingsSchema.parse({
      profileSessions: {
        work: { template: '{account_id}-{role_name}', region: 'eu-west-1' },
        plain: { template: '{account_name}' },
        badTemplate: { template: '{account}' },
        empty: { template: '' },
        badRegion: { template: '{role_name}', region: 'moon-1' },
        extra: { template: '{role_name}', colour: 'red' },
        'a\nb': { template: '{role_name}' },
      },
    });
    expect(s.profileSessions).toEqual({
      work: { template: '{account_id}-{role_name}', region: 'eu-west-1' },
      plain: { template: '{account_name}' },
    });
    expect(settingsSchema.parse({ profileSessions: [1] }).profileSessions).toEqual({});
    expect(defaultSettings().profileSessions).toEqual({});
  });

  it('a patch with an invalid entry is an error, not a reset', () => {
    const store = new MemorySettingsStore({
      version: 1,
      profileSessions: { work: { template: '{role_name}' } },
    });
    expect(() => store.update({ profileSessions: { work: { template: '{x}' } } })).toThrow(
      /not valid/,
    );
    expect(store.get().profileSessions).toEqual({ work: { template: '{role_name}' } });
  });
});
