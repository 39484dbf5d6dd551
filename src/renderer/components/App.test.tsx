import { act, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootAnswered, startBoot } from '../lib/boot';
import { App } from './App';
import { fakeApi, fakeLayout, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout();
});
afterAll(() => restore());

const signedOut = snapshot({
  sessions: [{ ...snapshot().sessions[0]!, status: 'signed-out', expiresAt: null }],
});

describe('App', () => {
  it('shows sign-in while signed out, then the accounts once the state says signed in', async () => {
    const fake = fakeApi({}, signedOut);
    renderWithApi(fake.api, <App />);
    expect(
      await screen.findByRole('heading', { name: 'Sign in to AWS IAM Identity Center' }),
    ).toBeInTheDocument();
    act(() => fake.emit('state', snapshot()));
    expect(await screen.findByRole('tree', { name: 'Accounts' })).toBeInTheDocument();
  });

  it('renders the accounts in its first render when the boot’s answers are in', async () => {
    const fake = fakeApi();
    await startBoot(fake.api);
    await bootAnswered(fake.api, 1000);
    renderWithApi(fake.api, <App />);
    // No spinner first: the tree and its rows are in the first commit.
    expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull();
    expect(screen.getByRole('tree', { name: 'Accounts' })).toBeInTheDocument();
    expect(screen.getAllByRole('treeitem').length).toBeGreaterThan(0);
    // The window and the accounts screen share the boot's answers: the state is asked for once.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(fake.calls('state.get')).toHaveLength(1);
  });

  it('shows a change main sent after the boot’s answer but before the window subscribed', async () => {
    const fake = fakeApi({}, snapshot({ revision: 2 }));
    await startBoot(fake.api);
    await bootAnswered(fake.api, 1000);
    // Signed out meanwhile, before React rendered.
    fake.emit('state', { ...signedOut, revision: 3 });
    renderWithApi(fake.api, <App />);
    expect(
      await screen.findByRole('heading', { name: 'Sign in to AWS IAM Identity Center' }),
    ).toBeInTheDocument();
    // An older snapshot (an answer overtaken by that change) does not bring the accounts back.
    act(() => fake.emit('state', snapshot({ revision: 1 })));
    expect(screen.queryByRole('tree', { name: 'Accounts' })).toBeNull();
    act(() => fake.emit('state', snapshot({ revision: 4 })));
    expect(await screen.findByRole('tree', { name: 'Accounts' })).toBeInTheDocument();
  });

  it('follows navigate events to Settings and to Access keys, and shows notices', async () => {
    const fake = fakeApi();
    const { user } = renderWithApi(fake.api, <App />);
    await screen.findByRole('tree');
    act(() => fake.emit('navigate', { to: 'settings' }));
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    act(() =>
      fake.emit('navigate', {
        to: 'accessKeys',
        session: 'work',
        accountId: '111111111111',
        roleName: 'ReadOnlyAccess',
      }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Get credentials for ReadOnlyAccess' }),
    ).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    act(() => fake.emit('notice', { level: 'warning', message: 'Credentials expire in 5 min' }));
    expect(screen.getByText('Credentials expire in 5 min')).toBeInTheDocument();
  });

  it('opens the dialog from a role and returns to sign-in when the session expired', async () => {
    const fake = fakeApi({
      'credentials.get': async () => {
        throw Object.assign(new Error('x'), { code: 'SESSION_EXPIRED' });
      },
    });
    const { user } = renderWithApi(fake.api, <App />);
    await user.click(await screen.findByText('Development'));
    await user.click(await screen.findByRole('button', { name: 'Access keys' }));
    expect(
      await screen.findByText('Your AWS sign-in has expired. Sign in again.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
