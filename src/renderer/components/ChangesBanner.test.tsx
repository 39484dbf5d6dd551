import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChangesBanner } from './ChangesBanner';
import { fakeApi } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import type { ListingChanges } from '../../shared/session-status';

const ended = (session: string, changes?: ListingChanges) => ({
  session,
  roles: {},
  progress: { rolesLoaded: 1, accounts: 1 },
  loading: false,
  ...(changes === undefined ? {} : { changes }),
});
const changes: ListingChanges = {
  since: Date.now() - 3_600_000,
  addedAccounts: [],
  removedAccounts: [],
  addedRoles: [
    { accountId: '111111111111', accountName: 'Production', roleName: 'Billing' },
    { accountId: '111111111111', accountName: 'Production', roleName: 'Audit' },
    { accountId: '222222222222', accountName: 'Development', roleName: 'Dev' },
  ],
  removedRoles: [],
};

describe('ChangesBanner', () => {
  it('shows what a listing found changed, once: dismissed it is gone', async () => {
    const fake = fakeApi();
    const { user } = renderWithApi(fake.api, <ChangesBanner session="work" />);
    act(() => fake.emit('accounts', ended('work')));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    // Another session's changes are not this window's.
    act(() => fake.emit('accounts', ended('other', changes)));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    act(() => fake.emit('accounts', ended('work', changes)));
    const banner = screen.getByRole('status', { name: 'Changes since the last listing' });
    expect(banner).toHaveTextContent('3 new roles in 2 accounts');
    expect(banner).toHaveTextContent('New role Billing in Production');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    // A later listing without changes brings nothing back.
    act(() => fake.emit('accounts', ended('work')));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
