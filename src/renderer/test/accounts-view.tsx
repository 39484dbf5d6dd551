// What the accounts view's tests share: the layout jsdom lacks, the view rendered over the fake
// api, and the rows it shows.
import { screen } from '@testing-library/react';
import { afterAll, beforeAll, vi } from 'vitest';
import { AccountsView } from '../components/AccountsView';
import { ROLE_NAMES, accountList, fakeApi, fakeLayout, snapshot } from './fake-api';
import { renderWithApi } from './render';
import type { Recent, RoleRef } from '../../shared/schemas';

/** Gives the view a layout (jsdom has none) for the tests of the file that calls it. */
export function withFakeLayout(): void {
  let restore: () => void;
  beforeAll(() => {
    restore = fakeLayout();
  });
  afterAll(() => restore());
}

/** The event main sends when its background load has finished. */
export const loaded = {
  session: 'work',
  roles: {},
  progress: { rolesLoaded: 3, accounts: 3 },
  loading: false,
};

export function setupAccountsView(
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

export const items = () => screen.getAllByRole('treeitem');
export const names = () =>
  items().map((i) => i.querySelector('.account-name, .role-name')?.textContent);
