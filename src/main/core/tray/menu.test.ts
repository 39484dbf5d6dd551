import { describe, expect, it } from 'vitest';
import { buildTrayMenu, type TrayMenuItem } from './menu';
import { findMenuItem, walkMenu } from './menu-lookup';
import { allIdsUnique, H, labels, maxLevelSize, MIN, NOW, state } from './testing/menu-fixtures';

describe('buildTrayMenu', () => {
  it('signed out: status, disabled accounts, sign in, app items', () => {
    const menu = buildTrayMenu(state({ sessions: [], activeSession: null, accounts: [] }));
    expect(labels(menu).filter(Boolean)).toEqual([
      'Signed out',
      'Accounts',
      'Sign in…',
      'Open SSO Tray',
      'Settings…',
      'Quit',
    ]);
    expect(findMenuItem(menu, { id: 'accounts' })?.enabled).toBe(false);
    expect(findMenuItem(menu, { id: 'sign-in' })?.action).toEqual({ kind: 'signIn' });
    expect(findMenuItem(menu, { id: 'quit' })?.action).toEqual({ kind: 'quit' });
    expect(findMenuItem(menu, { id: 'refresh' })).toBeUndefined();
  });

  it('an expired session reads as such and offers sign in for that session', () => {
    const menu = buildTrayMenu(
      state({ sessions: [{ name: 'acme', status: 'signed-in', expiresAt: NOW - 1 }] }),
    );
    expect(menu[0]?.label).toBe('Sign-in to acme expired');
    expect(findMenuItem(menu, { id: 'sign-in' })?.action).toEqual({
      kind: 'signIn',
      session: 'acme',
    });
  });

  it('signed in: time left, accounts sorted by name, roles with actions', () => {
    const menu = buildTrayMenu(state());
    expect(menu[0]).toMatchObject({ label: 'Signed in to acme · 7 h 12 min left', type: 'header' });
    const accounts = findMenuItem(menu, { id: 'accounts' });
    expect(labels(accounts?.submenu ?? [])).toEqual([
      'Audit (111111111111)',
      'development (210987654321)',
      'Production (123456789012)',
    ]);
    const audit = findMenuItem(menu, { labelPath: ['Accounts', 'Audit (111111111111)'] });
    expect(audit?.submenu?.[0]).toMatchObject({ label: 'Loading roles…', enabled: false });
    const role = findMenuItem(menu, {
      labelPath: ['Accounts', 'Production (123456789012)', 'AdministratorAccess'],
    });
    expect(labels(role?.submenu ?? [])).toEqual([
      'Copy for macOS/Linux',
      'Copy for Windows',
      'Copy for PowerShell',
      'More formats',
      '',
      'Write profile',
      'Open console',
      'Access keys…',
      'Add to favourites',
    ]);
    const copy = findMenuItem(menu, {
      labelPath: [
        'Accounts',
        'Production (123456789012)',
        'AdministratorAccess',
        'Copy for Windows',
      ],
    });
    expect(copy?.action).toEqual({
      kind: 'copy',
      format: 'env-windows',
      session: 'acme',
      accountId: '123456789012',
      roleName: 'AdministratorAccess',
    });
    const more = findMenuItem(menu, {
      labelPath: ['Accounts', 'Production (123456789012)', 'AdministratorAccess', 'More formats'],
    });
    expect(labels(more?.submenu ?? [])).toEqual([
      'Copy for fish',
      'Copy as shell variables (no export)',
      'Copy as .env file',
      'Copy for Nushell',
      'Copy as JSON (AWS CLI)',
    ]);
    expect(more?.submenu?.map((i) => i.action)).toEqual(
      ['fish', 'env-no-export', 'dotenv', 'nushell', 'aws-json'].map((format) => ({
        kind: 'copy',
        format,
        session: 'acme',
        accountId: '123456789012',
        roleName: 'AdministratorAccess',
      })),
    );
    expect(findMenuItem(menu, { id: 'sign-out' })?.action).toEqual({
      kind: 'signOut',
      session: 'acme',
    });
    expect(findMenuItem(menu, { id: 'refresh' })?.action).toEqual({ kind: 'refresh' });
    allIdsUnique(menu);
  });

  it('puts the Windows formats first on Windows', () => {
    const menu = buildTrayMenu(state({ platform: 'win32' }));
    const role = findMenuItem(menu, { id: 'accounts/acme/210987654321/Developer' });
    expect(labels(role?.submenu ?? []).slice(0, 3)).toEqual([
      'Copy for Windows',
      'Copy for PowerShell',
      'Copy for macOS/Linux',
    ]);
  });

  it('offers the endpoint lines for the own shell only while the endpoint is on', () => {
    const path = ['Accounts', 'Production (123456789012)', 'AdministratorAccess'];
    const off = findMenuItem(buildTrayMenu(state()), { labelPath: path });
    expect(labels(off?.submenu ?? [])).not.toContain('Copy endpoint lines for macOS/Linux');
    for (const [platform, label, shell] of [
      ['linux', 'Copy endpoint lines for macOS/Linux', 'macos'],
      ['win32', 'Copy endpoint lines for Windows', 'windows'],
    ] as const) {
      const menu = buildTrayMenu(state({ endpoint: true, platform }));
      const role = findMenuItem(menu, { labelPath: path });
      expect(labels(role?.submenu ?? []).slice(3, 6)).toEqual(['More formats', label, '']);
      expect(findMenuItem(menu, { labelPath: [...path, label] })?.action).toEqual({
        kind: 'copyEndpoint',
        shell,
        session: 'acme',
        accountId: '123456789012',
        roleName: 'AdministratorAccess',
      });
      allIdsUnique(menu);
    }
  });

  it('shows favourites and recents (without repeating favourites) above the accounts', () => {
    const fav = { session: 'acme', accountId: '123456789012', roleName: 'ReadOnly' };
    const menu = buildTrayMenu(
      state({
        favourites: [fav, { session: 'other', accountId: '999999999999', roleName: 'X' }],
        recents: [
          { session: 'acme', accountId: '210987654321', roleName: 'Developer' },
          fav,
          { session: 'acme', accountId: '555555555555', roleName: 'Gone', accountName: 'Old' },
        ],
      }),
    );
    expect(labels(menu).filter(Boolean).slice(0, 6)).toEqual([
      'Signed in to acme · 7 h 12 min left',
      'Favourites',
      'Production · ReadOnly',
      'Recent',
      'development · Developer',
      'Old · Gone',
    ]);
    const favItem = findMenuItem(menu, {
      labelPath: ['Production · ReadOnly', 'Remove from favourites'],
    });
    expect(favItem?.action).toMatchObject({ kind: 'toggleFavourite', roleName: 'ReadOnly' });
    allIdsUnique(menu);
  });

  it('disables favourites while signed out', () => {
    const menu = buildTrayMenu(
      state({
        sessions: [{ name: 'acme', status: 'signed-out' }],
        favourites: [{ session: 'acme', accountId: '123456789012', roleName: 'ReadOnly' }],
      }),
    );
    expect(findMenuItem(menu, { labelPath: ['Production · ReadOnly'] })?.enabled).toBe(false);
  });

  it('lists sessions to switch between when there are several', () => {
    const menu = buildTrayMenu(
      state({
        sessions: [
          { name: 'acme', status: 'signed-in', expiresAt: NOW + H },
          { name: 'beta', status: 'signed-out' },
        ],
      }),
    );
    const sessions = findMenuItem(menu, { id: 'sessions' });
    expect(sessions?.submenu?.map((s) => [s.label, s.checked])).toEqual([
      ['acme', true],
      ['beta', false],
    ]);
    expect(sessions?.submenu?.[1]?.action).toEqual({ kind: 'selectSession', session: 'beta' });
  });

  it('keeps ids stable across rebuilds', () => {
    const ids = (m: TrayMenuItem[]) => [...walkMenu(m)].map((x) => x.item.id);
    expect(ids(buildTrayMenu(state()))).toEqual(ids(buildTrayMenu(state({ now: NOW + 5 * MIN }))));
  });

  it('10,000 accounts: no level over the cap, every role reachable, ids unique', () => {
    const accounts = Array.from({ length: 10_000 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: `acct-${String((i * 7919) % 10_000).padStart(5, '0')}`,
      roles: i % 3 === 0 ? ['Admin', 'ReadOnly', 'Billing'] : ['Developer'],
    }));
    const menu = buildTrayMenu(state({ accounts }));
    expect(maxLevelSize(menu)).toBeLessThanOrEqual(40);
    const actions = new Set<string>();
    for (const { item } of walkMenu(menu)) {
      if (item.action?.kind === 'copy' && item.id.startsWith('accounts/')) {
        actions.add(`${item.action.accountId}/${item.action.roleName}/${item.action.format}`);
      }
    }
    const expectedRoles = accounts.reduce((n, a) => n + a.roles.length, 0);
    // three "Copy for" shells and the five "More formats" under every role
    expect(actions.size).toBe(expectedRoles * 8);
    allIdsUnique(menu);
    // Group labels tell the ranges apart and read in order.
    const groups = findMenuItem(menu, { id: 'accounts' })?.submenu ?? [];
    expect(groups.length).toBeGreaterThan(1);
    expect(groups[0]?.label).toMatch(/^acct-0.* – acct-/);
  }, 60_000); // walks some 500,000 items: seconds on a loaded machine

  it("builds an account's role items only when its submenu is read, and the same items then", () => {
    const read = new Set<string>();
    const accounts = Array.from({ length: 30 }, (_, i) => {
      const accountId = String(100000000000 + i);
      const roles = ['Admin', 'ReadOnly'];
      return Object.defineProperty({ accountId, accountName: `acct-${i}` }, 'roles', {
        enumerable: true,
        get: () => {
          read.add(accountId);
          return roles;
        },
      });
    });
    const menu = buildTrayMenu(state({ accounts }));
    expect(read.size).toBe(0);
    const account = menu
      .find((i) => i.id === 'accounts')
      ?.submenu?.find((i) => i.id === 'accounts/acme/100000000007');
    expect(account?.label).toBe('acct-7 (100000000007)');
    expect(read.size).toBe(0);
    expect(labels(account?.submenu ?? [])).toEqual(['Admin', 'ReadOnly']);
    expect([...read]).toEqual(['100000000007']);
    expect(account?.submenu).toBe(account?.submenu);
    // Whoever walks or serialises the whole menu (the web host's debug view) sees every item.
    const json = JSON.parse(JSON.stringify(menu)) as TrayMenuItem[];
    expect(
      [...walkMenu(json)].filter(({ item }) => item.action?.kind === 'writeProfile'),
    ).toHaveLength(60);
    expect(read.size).toBe(30);
  });

  it('an account with hundreds of roles is grouped too', () => {
    const roles = Array.from({ length: 500 }, (_, i) => `Role${i}`);
    const menu = buildTrayMenu(
      state({ accounts: [{ accountId: '123456789012', accountName: 'Big', roles }] }),
    );
    expect(maxLevelSize(menu)).toBeLessThanOrEqual(40);
    const reachable = [...walkMenu(menu)].filter(
      ({ item }) => item.action?.kind === 'writeProfile',
    );
    expect(reachable).toHaveLength(500);
  });

  it('honours a smaller cap', () => {
    const accounts = Array.from({ length: 100 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: `Account ${i}`,
      roles: ['R'],
    }));
    const menu = buildTrayMenu(state({ accounts }), { cap: 20 });
    expect(maxLevelSize(menu)).toBeLessThanOrEqual(20);
  });
});
