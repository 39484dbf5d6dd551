// The accounts view at start (the first screen from the boot's answers), its favourites and
// recents, and its errors (the tree and search: AccountsView.test.tsx).
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ACCOUNTS, accountList, fakeApi, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { FIRST_SCREEN } from '../../shared/boot-answers';
import { bootAnswered, startBoot } from '../lib/boot';
import { items, setupAccountsView as setup, withFakeLayout } from '../test/accounts-view';
import { AccountsView } from './AccountsView';

withFakeLayout();

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
