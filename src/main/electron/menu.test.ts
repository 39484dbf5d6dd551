// The converter imports only Electron's types, so it runs in plain Node.
import { describe, expect, it } from 'vitest';
import { buildTrayMenu, walkMenu, type TrayMenuItem } from '../core/tray';
import { toMenuTemplate } from './menu';
import type { MenuItemConstructorOptions } from 'electron';

const NOW = Date.UTC(2026, 0, 1);

function flatten(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((t) => [
    t,
    ...(Array.isArray(t.submenu) ? flatten(t.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

describe('toMenuTemplate', () => {
  const items = buildTrayMenu({
    now: NOW,
    platform: 'linux',
    sessions: [{ name: 'acme', status: 'signed-in', expiresAt: NOW + 3_600_000 }],
    activeSession: 'acme',
    accounts: [{ accountId: '123456789012', accountName: 'Prod', roles: ['Admin'] }],
    favourites: [],
    recents: [],
    credentials: [],
    thresholdsMinutes: [15, 5],
  });

  it('keeps every item, id and label; headers become disabled items', () => {
    const clicked: TrayMenuItem[] = [];
    const template = flatten(toMenuTemplate(items, (i) => clicked.push(i)));
    const model = [...walkMenu(items)].map((x) => x.item);
    expect(template.map((t) => t.id)).toEqual(model.map((m) => m.id));
    expect(template[0]).toMatchObject({ label: 'Signed in to acme · 1 h left', enabled: false });
    expect(template.filter((t) => t.type === 'separator')).toHaveLength(
      model.filter((m) => m.type === 'separator').length,
    );
  });

  it('a click reports the item it came from', () => {
    const clicked: TrayMenuItem[] = [];
    const template = flatten(toMenuTemplate(items, (i) => clicked.push(i)));
    const copy = template.find((t) => t.id === 'accounts/acme/123456789012/Admin/copy-env-macos');
    (copy?.click as (() => void) | undefined)?.();
    expect(clicked.map((i) => i.id)).toEqual(['accounts/acme/123456789012/Admin/copy-env-macos']);
    expect(template.find((t) => t.id === 'status')?.click).toBeUndefined();
  });
});
