// The accounts view: the tree, search and the background load (its first screen at start,
// favourites and recents, errors: AccountsView-start.test.tsx).
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_NAMES, accountList } from '../test/fake-api';
import {
  items,
  loaded,
  names,
  setupAccountsView as setup,
  withFakeLayout,
} from '../test/accounts-view';

withFakeLayout();

describe('account tree', () => {
  it('lists accounts sorted by name with tree ARIA attributes', async () => {
    setup();
    await screen.findByRole('tree', { name: 'Accounts' });
    expect(names()).toEqual(['Development', 'Production', 'Sandbox']);
    const first = items()[0]!;
    expect(first).toHaveAttribute('aria-level', '1');
    expect(first).toHaveAttribute('aria-setsize', '3');
    expect(first).toHaveAttribute('aria-posinset', '1');
    expect(first).toHaveAttribute('aria-expanded', 'false');
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveAttribute('tabindex', '0');
    expect(items()[1]).toHaveAttribute('tabindex', '-1');
    expect(within(first).getByText(/222222222222 · dev@example.com/)).toBeInTheDocument();
  });

  it('expands an account on click, loading its roles lazily', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByText('Production'));
    await screen.findByText('AdministratorAccess');
    expect(calls('roles.list')).toEqual([{ session: 'work', accountId: '111111111111' }]);
    const prod = items()[1]!;
    expect(prod).toHaveAttribute('aria-expanded', 'true');
    const role = items()[2]!;
    expect(role).toHaveAttribute('aria-level', '2');
    expect(role).toHaveAttribute('aria-setsize', '2');
    expect(role).toHaveAttribute('aria-posinset', '1');
    await user.click(screen.getByText('Production'));
    expect(screen.queryByText('AdministratorAccess')).not.toBeInTheDocument();
  });

  it('shows a spinner while the roles load', async () => {
    let resolve: (v: (typeof ROLES)[string]) => void = () => undefined;
    const { user } = setup({}, { 'roles.list': () => new Promise((r) => (resolve = r)) });
    await user.click(await screen.findByText('Sandbox'));
    expect(screen.getByRole('status', { name: 'Loading roles of Sandbox' })).toBeInTheDocument();
    await act(async () => resolve(ROLES['333333333333']!));
    expect(await screen.findByText('SandboxDeveloper')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: /Loading roles/ })).not.toBeInTheDocument();
  });

  it('moves with the keyboard: arrows, Right/Left expand and collapse, Home/End, Enter opens', async () => {
    const { user, onOpen } = setup();
    await screen.findByRole('tree');
    items()[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toContain('Production');
    expect(items()[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowRight}');
    await screen.findByText('AdministratorAccess');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toContain('AdministratorAccess');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toContain('ReadOnlyAccess');
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith({
      session: 'work',
      accountId: '111111111111',
      roleName: 'ReadOnlyAccess',
      accountName: 'Production',
    });
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toContain('Production');
    await user.keyboard('{ArrowLeft}');
    expect(items()[1]).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toContain('Sandbox');
    await user.keyboard('{Home}');
    expect(document.activeElement?.textContent).toContain('Development');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('PowerUserAccess')).toBeInTheDocument();
  });

  it('role rows have Access keys, Open console and a favourite toggle', async () => {
    const { user, onOpen, calls } = setup(
      {},
      { 'favourites.toggle': async () => ({ favourite: true }) },
    );
    await user.click(await screen.findByText('Development'));
    const row = (await screen.findByText('PowerUserAccess')).closest(
      '[role="treeitem"]',
    ) as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Access keys' }));
    expect(onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ accountId: '222222222222', roleName: 'PowerUserAccess' }),
    );
    await user.click(within(row).getByRole('button', { name: 'Open console' }));
    expect(calls('console.open')).toEqual([
      { session: 'work', accountId: '222222222222', roleName: 'PowerUserAccess' },
    ]);
    const star = within(row).getByRole('button', { name: 'Favourite' });
    expect(star).toHaveAttribute('aria-pressed', 'false');
    await user.click(star);
    expect(calls('favourites.toggle')).toEqual([
      {
        session: 'work',
        accountId: '222222222222',
        roleName: 'PowerUserAccess',
        accountName: 'Development',
      },
    ]);
    await waitFor(() => expect(star).toHaveAttribute('aria-pressed', 'true'));
    // The new favourite shows in the Favourites section at once.
    const favs = screen.getByRole('region', { name: 'Favourites' });
    expect(within(favs).getByText('PowerUserAccess')).toBeInTheDocument();
  });
});

describe('search', () => {
  it.each([
    ['account name', 'sandb', ['Sandbox']],
    ['account id', '2222', ['Development']],
    ['email', 'corp.example', ['Sandbox']],
    ['role name', 'readonly', ['Production', 'ReadOnlyAccess']],
    ['account and role', 'prod admin', ['Production', 'AdministratorAccess']],
  ])('filters by %s', async (_what, query, expected) => {
    const { user } = setup({ withRoles: true });
    await screen.findByRole('tree');
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts and roles' }), query);
    await waitFor(() => expect(names()).toEqual(expected));
  });

  it('says when nothing matches, `/` focuses the box and Escape clears it', async () => {
    const { user } = setup({ withRoles: true });
    await screen.findByRole('tree');
    const box = screen.getByRole('searchbox');
    await user.keyboard('/');
    expect(box).toHaveFocus();
    await user.keyboard('nothing-like-this');
    expect(await screen.findByText(/Nothing matches/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
    await waitFor(() => expect(items()).toHaveLength(3));
    await user.keyboard('{Escape}');
    expect(box).not.toHaveFocus();
  });

  it('keeps focus on the focused row when roles arrive above it', async () => {
    const release = new Map<string, () => void>();
    const { user } = setup(
      {},
      {
        'roles.list': (p) =>
          new Promise((resolve) => {
            release.set(p.accountId, () => resolve(ROLES[p.accountId] ?? []));
          }),
      },
    );
    await screen.findByRole('tree');
    await user.click(screen.getByText('Development'));
    const sandbox = () => items().find((i) => i.textContent?.includes('Sandbox'));
    await user.click(screen.getByText('Sandbox'));
    expect(document.activeElement).toBe(sandbox());
    // Clicking Sandbox expanded it too; its roles are still on the way.
    await act(async () => release.get('222222222222')?.());
    await waitFor(() => expect(names()).toContain('PowerUserAccess'));
    expect(names()).toEqual(['Development', 'PowerUserAccess', 'Production', 'Sandbox']);
    expect(sandbox()).toHaveAttribute('aria-expanded', 'true');
    expect(document.activeElement).toBe(sandbox());
    expect(sandbox()).toHaveAttribute('tabindex', '0');
  });

  it('merges roles that fill in from background events, and shows progress', async () => {
    const { user, emit } = setup();
    await screen.findByRole('tree');
    act(() =>
      emit('accounts', {
        session: 'work',
        roles: { '333333333333': ROLE_NAMES['333333333333']! },
        progress: { rolesLoaded: 1, accounts: 3 },
        loading: true,
      }),
    );
    expect(screen.getByText('roles 1/3')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'developer');
    await waitFor(() => expect(names()).toEqual(['Sandbox', 'SandboxDeveloper']));
    act(() =>
      emit('accounts', {
        session: 'work',
        roles: {},
        progress: { rolesLoaded: 3, accounts: 3 },
        loading: false,
        error: { code: 'THROTTLED', message: 'slow down' },
      }),
    );
    expect(screen.queryByText('roles 1/3')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('background load', () => {
  it('a list answered while main is loading keeps Refresh disabled until the load ends', async () => {
    const { emit } = setup(
      {},
      {
        'accounts.list': async () => accountList({ loading: true }),
      },
    );
    await screen.findByRole('tree', { name: 'Accounts' });
    const refresh = screen.getByRole('button', { name: 'Refresh accounts' });
    expect(refresh).toBeDisabled();
    act(() => emit('accounts', loaded));
    expect(refresh).toBeEnabled();
  });

  it("an event heard before the list answered wins over the list's loading flag", async () => {
    let reply: (() => void) | undefined;
    const { emit } = setup(
      {},
      {
        'accounts.list': () =>
          new Promise((resolve) => {
            reply = () => resolve(accountList({ loading: true }));
          }),
      },
    );
    await waitFor(() => expect(reply).not.toBe(undefined));
    act(() => emit('accounts', loaded));
    await act(async () => reply?.());
    await screen.findByRole('tree', { name: 'Accounts' });
    expect(screen.getByRole('button', { name: 'Refresh accounts' })).toBeEnabled();
  });
});
