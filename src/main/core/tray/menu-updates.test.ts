// The tray's update item in each state of the updater (the rest of the menu: menu.test.ts).
import { describe, expect, it } from 'vitest';
import { buildTrayMenu, type TrayMenuItem } from './menu';
import type { TrayState } from './state';
import { allIdsUnique, H, NOW, state } from './testing/menu-fixtures';

describe('update items', () => {
  const appItems = (menu: TrayMenuItem[]) => {
    const from = menu.findIndex((i) => i.id === 'settings');
    return menu.slice(
      from + 1,
      menu.findIndex((i) => i.id === 'quit/sep'),
    );
  };

  it('none while updates are off; "Check for updates" when idle, up to date or failed', () => {
    expect(appItems(buildTrayMenu(state()))).toEqual([]);
    expect(
      appItems(buildTrayMenu(state({ updates: { state: 'off', reason: 'Updates are off.' } }))),
    ).toEqual([]);
    for (const updates of [
      { state: 'idle' as const },
      { state: 'up-to-date' as const },
      { state: 'failed' as const, message: 'The server could not be reached.' },
    ]) {
      expect(appItems(buildTrayMenu(state({ updates })))).toEqual([
        { id: 'updates', label: 'Check for updates', action: { kind: 'checkUpdates' } },
      ]);
    }
  });

  it('what the update is doing, disabled; "Restart to update x.y.z" once it is ready', () => {
    const item = (updates: TrayState['updates']) => appItems(buildTrayMenu(state({ updates })));
    expect(item({ state: 'checking' })).toEqual([
      { id: 'updates', label: 'Checking for updates…', enabled: false },
    ]);
    expect(item({ state: 'downloading', version: '1.3.0', percent: 40 })).toEqual([
      { id: 'updates', label: 'Downloading update 1.3.0… 40%', enabled: false },
    ]);
    const ready = { state: 'ready' as const, version: '1.3.0', postponedUntil: NOW + H };
    expect(item(ready)).toEqual([
      {
        id: 'updates/restart',
        label: 'Restart to update 1.3.0',
        action: { kind: 'restartToUpdate' },
      },
    ]);
    expect(item({ state: 'installing', version: '1.3.0' })[0]?.enabled).toBe(false);
    allIdsUnique(buildTrayMenu(state({ updates: ready })));
  });
});
