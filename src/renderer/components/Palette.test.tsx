import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Recent } from '../../shared/schemas';
import { ROLE_NAMES, accountList, fakeApi, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { App } from './App';
import { Palette } from './Palette';

const session = snapshot().sessions[0]!;
const recent = (accountId: string, roleName: string, usedAt: number): Recent => ({
  session: 'work',
  accountId,
  roleName,
  usedAt,
});

function setup(
  recents: Recent[] = [],
  platform: 'linux' | 'darwin' | 'win32' = 'linux',
  overrides: Parameters<typeof fakeApi>[0] = {},
) {
  const fake = fakeApi({
    'accounts.list': async () => accountList({ roles: ROLE_NAMES }),
    ...overrides,
  });
  const onClose = vi.fn();
  const r = renderWithApi(
    fake.api,
    <Palette session={session} recents={recents} platform={platform} onClose={onClose} />,
  );
  return { ...fake, ...r, onClose };
}

const box = () => screen.getByRole('combobox', { name: 'Find an account or role' });
const options = () => within(screen.getByRole('listbox')).getAllByRole('option');
const activeOption = () => {
  const id = box().getAttribute('aria-activedescendant');
  return id === null ? null : document.getElementById(id);
};

// Rendering the whole list with its accessible names is slow in jsdom on a loaded machine.
describe('the quick pick', { timeout: 20_000 }, () => {
  it('is a named dialog with a focused combobox over a listbox, every role an option', async () => {
    setup();
    expect(screen.getByRole('dialog', { name: 'Quick pick' })).toBeInTheDocument();
    expect(box()).toHaveFocus();
    await waitFor(() => expect(options()).toHaveLength(4));
    const list = screen.getByRole('listbox', { name: 'Roles, recent ones first' });
    expect(box()).toHaveAttribute('aria-controls', list.id);
    expect(box()).toHaveAttribute('aria-expanded', 'true');
    expect(activeOption()).toBe(options()[0]);
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    // In the tree's order: accounts by name, then their roles.
    expect(options()[0]).toHaveAccessibleName(/PowerUserAccess.*Development.*222222222222/);
    expect(options()[1]).toHaveAccessibleName(/AdministratorAccess.*Production.*111111111111/);
    // The keys are described to assistive technology.
    expect(box()).toHaveAccessibleDescription(/Enter copy for macOS and Linux/);
    expect(box()).toHaveAccessibleDescription(/Shift\+Enter write profile/);
    expect(box()).toHaveAccessibleDescription(/Ctrl\+Enter open console/);
    expect(box()).toHaveAccessibleDescription(/Alt\+Enter another shell/);
  });

  it('matches as the window does: every term in the account or the role name', async () => {
    const { user, retype } = setup();
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.type(box(), 'prod read');
    expect(options().map((o) => o.textContent)).toEqual([
      expect.stringContaining('ReadOnlyAccess'),
    ]);
    await retype(box(), 'corp.example');
    expect(options().map((o) => o.textContent)).toEqual([
      expect.stringContaining('SandboxDeveloper'),
    ]);
    await retype(box(), 'nothing-like-it');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByText('Nothing matches “nothing-like-it”.')).toBeInTheDocument();
  });

  it('recents come first, most recent first, and first among matches', async () => {
    const { user } = setup([
      recent('333333333333', 'SandboxDeveloper', 2000),
      recent('111111111111', 'ReadOnlyAccess', 1000),
    ]);
    await waitFor(() => expect(options()).toHaveLength(4));
    const names = () => options().map((o) => o.querySelector('.role-name')?.textContent);
    // Then the rest in the tree's order (accounts by name), each role once.
    expect(names()).toEqual([
      'SandboxDeveloper',
      'ReadOnlyAccess',
      'PowerUserAccess',
      'AdministratorAccess',
    ]);
    expect(options()[0]).toHaveAccessibleName(/Recent/);
    await user.type(box(), 'production');
    expect(names()).toEqual(['ReadOnlyAccess', 'AdministratorAccess']);
  });

  it('arrows move the active option; Enter copies the commands for this system and closes', async () => {
    const { user, calls, onClose } = setup();
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.keyboard('{ArrowDown}');
    expect(activeOption()).toBe(options()[1]);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(activeOption()).toBe(options()[2]);
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    expect(options()[0]).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(activeOption()).toBe(options()[0]);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(calls('credentials.copy')).toEqual([
      {
        session: 'work',
        accountId: '111111111111',
        roleName: 'ReadOnlyAccess',
        what: 'env-macos',
      },
    ]);
  });

  it('on Windows Enter copies set lines; Shift+Enter writes the profile; Ctrl+Enter opens the console', async () => {
    const first = setup([], 'win32');
    await waitFor(() => expect(options()).toHaveLength(4));
    expect(box()).toHaveAccessibleDescription(/Enter copy for Windows/);
    await first.user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(first.onClose).toHaveBeenCalledTimes(1));
    expect(first.calls('credentials.copy')).toMatchObject([{ what: 'env-windows' }]);
    first.unmount();

    const second = setup([], 'win32');
    await waitFor(() => expect(options()).toHaveLength(4));
    await second.user.keyboard('{ArrowDown}{Shift>}{Enter}{/Shift}');
    await waitFor(() => expect(second.onClose).toHaveBeenCalledTimes(1));
    expect(second.calls('credentials.writeProfile')).toEqual([
      {
        session: 'work',
        accountId: '111111111111',
        roleName: 'AdministratorAccess',
        profileName: '111111111111_AdministratorAccess',
      },
    ]);
    expect(second.calls('credentials.copy')).toEqual([]);
    second.unmount();

    const third = setup([], 'win32');
    await waitFor(() => expect(options()).toHaveLength(4));
    await third.user.keyboard('{ArrowDown}{Control>}{Enter}{/Control}');
    await waitFor(() => expect(third.onClose).toHaveBeenCalledTimes(1));
    expect(third.calls('console.open')).toEqual([
      { session: 'work', accountId: '111111111111', roleName: 'AdministratorAccess' },
    ]);
    expect(third.calls('credentials.copy')).toEqual([]);
  });

  it('macOS names Command and Option, and Command+Enter opens the console', async () => {
    const { user, calls } = setup([], 'darwin');
    await waitFor(() => expect(options()).toHaveLength(4));
    expect(box()).toHaveAccessibleDescription(/Command\+Enter open console.*Option\+Enter/);
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(() => expect(calls('console.open')).toHaveLength(1));
  });

  it('Alt+Enter lists the shells; Enter copies for the one chosen; Esc goes back', async () => {
    const { user, calls, onClose } = setup();
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.keyboard('{ArrowDown}{ArrowDown}{Alt>}{Enter}{/Alt}');
    const shells = screen.getByRole('listbox', { name: 'Copy ReadOnlyAccess for which shell?' });
    expect(
      within(shells)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Copy for macOS and Linux', 'Copy for Windows', 'Copy for PowerShell']);
    expect(activeOption()).toHaveTextContent('Copy for Windows');
    await user.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
    expect(activeOption()).toHaveTextContent('ReadOnlyAccess');
    await user.keyboard('{Alt>}{Enter}{/Alt}{ArrowDown}{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(calls('credentials.copy')).toEqual([
      {
        session: 'work',
        accountId: '111111111111',
        roleName: 'ReadOnlyAccess',
        what: 'env-powershell',
      },
    ]);
  });

  it('a failure stays open with the reason; Escape closes', async () => {
    const { user, onClose } = setup([], 'linux', {
      'credentials.writeProfile': async () => {
        const { SsoTrayError } = await import('../../main/core/errors');
        throw new SsoTrayError(
          'PROFILE_NOT_OURS',
          'Profile 111111111111_AdministratorAccess was not written by SSO Tray.',
        );
      },
    });
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/was not written by SSO Tray/);
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Tab}');
    expect(box()).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('focus leaving it closes it', async () => {
    const { onClose } = setup();
    const outside = document.createElement('button');
    document.body.append(outside);
    act(() => outside.focus());
    expect(onClose).toHaveBeenCalledTimes(1);
    outside.remove();
  });

  it('asks to sign in from the window when the session is not signed in', async () => {
    const fake = fakeApi();
    const onClose = vi.fn();
    const { user } = renderWithApi(
      fake.api,
      <Palette
        session={{ ...session, status: 'expired' }}
        recents={[]}
        platform="linux"
        onClose={onClose}
      />,
    );
    expect(screen.getByText(/Sign in to work from the SSO Tray window/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});

describe('the quick pick over the window (the web host)', () => {
  it('opens on navigate to palette, makes the window inert, and gives focus back on Escape', async () => {
    const fake = fakeApi({
      'accounts.list': async () => accountList({ roles: ROLE_NAMES }),
    });
    const { user } = renderWithApi(fake.api, <App />);
    const search = await screen.findByRole('searchbox');
    act(() => search.focus());
    act(() => fake.emit('navigate', { to: 'palette' }));
    expect(await screen.findByRole('dialog', { name: 'Quick pick' })).toBeInTheDocument();
    expect(box()).toHaveFocus();
    expect(document.querySelector('.app-content')).toHaveAttribute('inert');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Quick pick' })).toBeNull();
    expect(fake.calls('palette.close')).toHaveLength(1);
    expect(search).toHaveFocus();
  });
});
