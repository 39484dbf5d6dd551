import { act, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountsView } from './AccountsView';
import {
  ACCOUNTS,
  ROLES,
  ROLE_NAMES,
  accountList,
  fakeApi,
  fakeLayout,
  snapshot,
} from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { FIRST_SCREEN, bootAnswered, startBoot } from '../lib/boot';
import type { Recent, RoleRef } from '../../shared/schemas';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout();
});
afterAll(() => restore());

/** The event main sends when its background load has finished. */
const loaded = {
  session: 'work',
  roles: {},
  progress: { rolesLoaded: 3, accounts: 3 },
  loading: false,
};

function setup(
  opts: { favourites?: RoleRef[]; recents?: Recent[]; withRoles?: boolean } = {},
  overrides: Parameters<typeof fakeApi>[0] = {},
) {
  const fake = fakeApi({
    'accounts.list': async () => accountList({ roles: opts.withRoles ? ROLE_NAMES : {} }),
    ...overrides,
  });
  const onOpen = vi.fn();
  const onSessionExpired = vi.fn();
  const session = snapshot().sessions[0]!;
  const r = renderWithApi(
    fake.api,
    <AccountsView
      session={session}
      favourites={opts.favourites ?? []}
      recents={opts.recents ?? []}
      onOpen={onOpen}
      onSessionExpired={onSessionExpired}
      notify={() => undefined}
    />,
  );
  return { ...fake, ...r, onOpen, onSessionExpired };
}

const items = () => screen.getAllByRole('treeitem');
const names = () => items().map((i) => i.querySelector('.account-name, .role-name')?.textContent);

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

describe('first screen at start', () => {
  /** What the window's entry does before React renders (boot), then the accounts screen. */
  async function startWith(fake: ReturnType<typeof fakeApi>) {
    await startBoot(fake.api);
    await new Promise((r) => setTimeout(r, 0));
    renderWithApi(
      fake.api,
      <AccountsView
        session={snapshot().sessions[0]!}
        favourites={[]}
        recents={[]}
        onOpen={vi.fn()}
        onSessionExpired={vi.fn()}
        notify={() => undefined}
      />,
    );
  }

  it('shows the first screen at once, says the rest is coming, then shows every account', async () => {
    let release: () => void = () => undefined;
    const whole = new Promise<void>((r) => (release = r));
    const fake = fakeApi({
      'accounts.list': async (p) => {
        if (p.first === undefined) await whole;
        return accountList(p.first === undefined ? {} : { accounts: ACCOUNTS.slice(0, 2) });
      },
    });
    await startWith(fake);
    await screen.findByRole('tree', { name: 'Accounts' });
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(screen.getByRole('status')).toHaveTextContent('loading all 3 accounts');
    await act(async () => release());
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(fake.calls('accounts.list')).toEqual([
      { session: 'work', first: FIRST_SCREEN },
      { session: 'work' },
    ]);
  });

  it('shows the first screen in its very first render once the boot’s answers are in', async () => {
    let release: () => void = () => undefined;
    const whole = new Promise<void>((r) => (release = r));
    const fake = fakeApi({
      'accounts.list': async (p) => {
        if (p.first === undefined) await whole;
        return accountList(p.first === undefined ? {} : { accounts: ACCOUNTS.slice(0, 2) });
      },
    });
    await startBoot(fake.api);
    await bootAnswered(fake.api, 1000);
    renderWithApi(
      fake.api,
      <AccountsView
        session={snapshot().sessions[0]!}
        favourites={[]}
        recents={[]}
        onOpen={vi.fn()}
        onSessionExpired={vi.fn()}
        notify={() => undefined}
      />,
    );
    // No waiting: the rows are there in the first commit.
    expect(items()).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('loading all 3 accounts');
    await act(async () => release());
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(fake.calls('accounts.list')).toEqual([
      { session: 'work', first: FIRST_SCREEN },
      { session: 'work' },
    ]);
  });

  it('asks for nothing more when the first screen is the whole list', async () => {
    const fake = fakeApi();
    await startWith(fake);
    await waitFor(() => expect(items()).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.calls('accounts.list')).toEqual([{ session: 'work', first: FIRST_SCREEN }]);
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});

describe('favourites and recents', () => {
  it('lists them above the tree, for this session only, filtered by the search', async () => {
    const { user, onOpen } = setup({
      withRoles: true,
      favourites: [
        { session: 'work', accountId: '111111111111', roleName: 'AdministratorAccess' },
        { session: 'other', accountId: '222222222222', roleName: 'PowerUserAccess' },
      ],
      recents: [
        { session: 'work', accountId: '333333333333', roleName: 'SandboxDeveloper', usedAt: 2 },
      ],
    });
    const favs = await screen.findByRole('region', { name: 'Favourites' });
    expect(within(favs).getAllByRole('listitem')).toHaveLength(1);
    expect(within(favs).getByText('AdministratorAccess')).toBeInTheDocument();
    expect(await within(favs).findByText(/Production · 111111111111/)).toBeInTheDocument();
    expect(within(favs).getByRole('button', { name: 'Favourite' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const recent = screen.getByRole('region', { name: 'Recent' });
    await user.click(within(recent).getByRole('button', { name: 'Access keys' }));
    expect(onOpen).toHaveBeenCalledWith({
      session: 'work',
      accountId: '333333333333',
      roleName: 'SandboxDeveloper',
      accountName: 'Sandbox',
    });
    await user.type(screen.getByRole('searchbox'), 'sandbox');
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Favourites' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('region', { name: 'Recent' })).toBeInTheDocument();
  });
});

describe('errors', () => {
  it('an expired session asks the window to sign in again', async () => {
    const { onSessionExpired } = setup(
      {},
      {
        'accounts.list': async () => {
          throw Object.assign(new Error('Your sign-in expired.'), { code: 'SESSION_EXPIRED' });
        },
      },
    );
    await waitFor(() => expect(onSessionExpired).toHaveBeenCalledWith('work'));
    expect(screen.getByRole('alert')).toHaveTextContent('Your AWS sign-in has expired');
  });
});
