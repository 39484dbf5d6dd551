// What the tray menu's tests share: a signed-in state at a fixed time, and checks on a built menu.
import { expect } from 'vitest';
import type { TrayMenuItem } from '../menu';
import { walkMenu } from '../menu-lookup';
import type { TrayState } from '../state';

export const NOW = Date.UTC(2026, 0, 1, 9, 0, 0);
export const H = 3_600_000;
export const MIN = 60_000;

export function state(over: Partial<TrayState> = {}): TrayState {
  return {
    now: NOW,
    platform: 'linux',
    sessions: [{ name: 'acme', status: 'signed-in', expiresAt: NOW + 7 * H + 12 * MIN + 30_000 }],
    activeSession: 'acme',
    accounts: [
      {
        accountId: '123456789012',
        accountName: 'Production',
        roles: ['AdministratorAccess', 'ReadOnly'],
      },
      { accountId: '210987654321', accountName: 'development', roles: ['Developer'] },
      { accountId: '111111111111', accountName: 'Audit' },
    ],
    favourites: [],
    recents: [],
    credentials: [],
    thresholdsMinutes: [15, 5],
    ...over,
  };
}

export const labels = (items: readonly TrayMenuItem[]) => items.map((i) => i.label);

export function allIdsUnique(items: TrayMenuItem[]) {
  const ids = [...walkMenu(items)].map(({ item }) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
}

export function maxLevelSize(items: readonly TrayMenuItem[]): number {
  return Math.max(items.length, ...items.map((i) => (i.submenu ? maxLevelSize(i.submenu) : 0)));
}
