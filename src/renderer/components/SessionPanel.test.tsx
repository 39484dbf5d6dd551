import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionPanel } from './SessionPanel';
import { fakeApi } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import type { SessionStatusView } from '../../shared/session-status';

const status = (over: Partial<SessionStatusView> = {}): SessionStatusView => ({
  session: 'work',
  state: 'signed-in',
  expiresAt: Date.now() + (7 * 60 + 40) * 60_000 + 30_000,
  refreshToken: true,
  registrationExpiresAt: Date.now() + 80 * 86_400_000,
  accountsListedAt: Date.now() - 60_000,
  accounts: 3,
  roles: 4,
  ...over,
});

describe('SessionPanel', () => {
  it("shows the session's status folded to one line and its facts unfolded", async () => {
    const fake = fakeApi({ 'status.get': async () => ({ sessions: [status()] }) });
    const { user } = renderWithApi(
      fake.api,
      <SessionPanel session="work" revision={1} onError={() => undefined} />,
    );
    const summary = await screen.findByText('Signed in · 7 h 40 min left');
    await user.click(summary);
    const panel = screen.getByRole('group', { name: 'Session status' });
    expect(within(panel).getByText('held (renews itself)')).toBeVisible();
    expect(within(panel).getByText(/3 accounts, 4 roles$/)).toBeVisible();
  });

  it('asks again when a listing ends, and says never listed and no refresh token', async () => {
    let answer = status({
      refreshToken: false,
      accountsListedAt: null,
      accounts: null,
      roles: null,
    });
    const fake = fakeApi({ 'status.get': async () => ({ sessions: [answer] }) });
    renderWithApi(fake.api, <SessionPanel session="work" revision={1} onError={() => undefined} />);
    expect(await screen.findByText('never')).toBeInTheDocument();
    expect(screen.getByText('none')).toBeInTheDocument();
    answer = status({ accounts: 9, roles: 12 });
    act(() =>
      fake.emit('accounts', {
        session: 'work',
        roles: {},
        progress: { rolesLoaded: 9, accounts: 9 },
        loading: false,
      }),
    );
    expect(await screen.findByText(/9 accounts, 12 roles$/)).toBeInTheDocument();
  });

  it('"Sign in again" asks main to sign out first and sign in', async () => {
    const fake = fakeApi({ 'status.get': async () => ({ sessions: [status()] }) });
    const { user } = renderWithApi(
      fake.api,
      <SessionPanel session="work" revision={1} onError={() => undefined} />,
    );
    await user.click(await screen.findByText(/^Signed in/));
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(fake.invoke).toHaveBeenCalledWith('auth.login', { session: 'work', again: true });
  });
});
