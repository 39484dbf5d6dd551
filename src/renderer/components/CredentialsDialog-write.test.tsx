// The Get credentials dialog: Write profile and its questions, Verify and Refresh, the expiry,
// closing and the focus trap, errors (what it shows and copies: CredentialsDialog.test.tsx).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CREDS } from '../test/fake-api';
import { role, setupDialog as setup } from '../test/credentials-dialog';

describe('Get credentials dialog: writing, verifying, closing, errors', () => {
  it('validates the profile name inline and confirms where Write profile wrote', async () => {
    const { user, retype, calls } = setup();
    await screen.findByText('Option 2: Add a profile to your AWS credentials file');
    const input = screen.getByLabelText('Profile name');
    expect(input).toHaveValue('111111111111_AdministratorAccess');
    await retype(input, 'my profile');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/cannot contain spaces/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Write profile' })).toBeDisabled();
    await retype(input, 'prod-admin');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByLabelText('Profile block').textContent).toMatch(/^\[prod-admin\]\n/);
    await user.click(screen.getByRole('button', { name: 'Write profile' }));
    expect(calls('credentials.writeProfile')).toEqual([{ ...role, profileName: 'prod-admin' }]);
    const confirmation = await screen.findByText(
      (_, el) => el?.tagName === 'P' && /^Wrote profile/.test(el.textContent ?? ''),
    );
    expect(confirmation.textContent).toMatch(
      /^Wrote profile \[prod-admin\] to \/home\/me\/\.aws\/credentials\. The credentials expire at \d/,
    );
  });

  const notOurs = (file: string) =>
    Object.assign(new Error('refused'), {
      code: 'PROFILE_NOT_OURS',
      message:
        `SSO Tray did not write profile "111111111111_AdministratorAccess" in ${file}: it ` +
        'holds long-term access keys. It is replaced only if you confirm.',
    });
  const foreignProfile = {
    'credentials.writeProfile': async (p: { profileName: string; replace?: boolean }) => {
      if (p.replace !== true) throw notOurs('/home/me/.aws/credentials');
      return {
        path: '/home/me/.aws/credentials',
        profileName: p.profileName,
        expiresAt: CREDS.expiration,
      };
    },
  };
  const question = () =>
    screen.findByRole('group', {
      name: 'Replace profile 111111111111_AdministratorAccess in your credentials file?',
    });

  it('asks before replacing a profile SSO Tray did not write, saying what it holds; Replace resends with replace', async () => {
    const { user, calls } = setup('linux', foreignProfile);
    await screen.findByText('Option 2: Add a profile to your AWS credentials file');
    const write = screen.getByRole('button', { name: 'Write profile' });
    await user.click(write);
    const group = await question();
    expect(group).toHaveAccessibleDescription(
      'SSO Tray did not write profile "111111111111_AdministratorAccess" in ' +
        '/home/me/.aws/credentials: it holds long-term access keys. It is replaced only if you confirm.',
    );
    // a question, not an error; focus on the choice that changes nothing
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(group).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(screen.queryByText(/^Wrote profile/)).toBeNull();

    await user.click(within(group).getByRole('button', { name: 'Replace' }));
    expect(calls('credentials.writeProfile')).toEqual([
      { ...role, profileName: '111111111111_AdministratorAccess' },
      { ...role, profileName: '111111111111_AdministratorAccess', replace: true },
    ]);
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'P' && /^Wrote profile/.test(el.textContent ?? ''),
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /^Replace profile/ })).toBeNull();
    expect(write).toHaveFocus();
  });

  it('the question works from the keyboard: Escape and Cancel change nothing and give focus back', async () => {
    const { user, calls, onClose } = setup('linux', foreignProfile);
    await screen.findByText('Option 2: Add a profile to your AWS credentials file');
    const write = screen.getByRole('button', { name: 'Write profile' });
    write.focus();
    await user.keyboard('{Enter}');
    await question();
    // Escape closes the question, not the dialog
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Replace profile/ })).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(write).toHaveFocus();
    // Enter on Cancel (where focus starts) does the same
    await user.keyboard('{Enter}');
    await question();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('group', { name: /^Replace profile/ })).toBeNull();
    expect(write).toHaveFocus();
    // Shift+Tab from Cancel reaches Replace; Enter there replaces
    await user.keyboard('{Enter}');
    await question();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Replace' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(write).toHaveFocus());
    expect(calls('credentials.writeProfile')).toEqual([
      { ...role, profileName: '111111111111_AdministratorAccess' },
      { ...role, profileName: '111111111111_AdministratorAccess' },
      { ...role, profileName: '111111111111_AdministratorAccess' },
      { ...role, profileName: '111111111111_AdministratorAccess', replace: true },
    ]);
  });

  it('a new profile name drops the question about the old one', async () => {
    const { user, calls } = setup('linux', foreignProfile);
    await screen.findByText('Option 2: Add a profile to your AWS credentials file');
    await user.click(screen.getByRole('button', { name: 'Write profile' }));
    await question();
    await user.type(screen.getByLabelText('Profile name'), '-2');
    expect(screen.queryByRole('group', { name: /^Replace profile/ })).toBeNull();
    expect(calls('credentials.writeProfile')).toHaveLength(1);
  });

  it('asks before replacing a config profile too (Write SSO profile)', async () => {
    const { user, calls } = setup('linux', {
      'credentials.writeSsoProfile': async (p) => {
        if (p.replace !== true) throw notOurs('/home/me/.aws/config');
        return { path: '/home/me/.aws/config', profileName: '111111111111_AdministratorAccess' };
      },
    });
    await user.click(screen.getByRole('button', { name: 'Write SSO profile' }));
    const group = await screen.findByRole('group', {
      name: 'Replace profile 111111111111_AdministratorAccess in your config file?',
    });
    expect(group).toHaveAccessibleDescription(
      /in \/home\/me\/\.aws\/config: it holds long-term access keys/,
    );
    await user.click(within(group).getByRole('button', { name: 'Replace' }));
    expect(calls('credentials.writeSsoProfile')).toEqual([role, { ...role, replace: true }]);
    expect(await screen.findByText(/to \/home\/me\/\.aws\/config/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Write SSO profile' })).toHaveFocus();
  });

  it('writes an SSO profile and says where', async () => {
    const { user, calls } = setup();
    await user.click(screen.getByRole('button', { name: 'Write SSO profile' }));
    expect(calls('credentials.writeSsoProfile')).toEqual([role]);
    expect(await screen.findByText(/to \/home\/me\/\.aws\/config/)).toBeInTheDocument();
  });

  it('Verify shows the caller ARN; Refresh fetches new credentials', async () => {
    const { user, calls } = setup();
    await screen.findByText('Option 1: Set AWS environment variables');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(
      await screen.findByText(
        'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_abc/me',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(calls('credentials.get')).toEqual([role, { ...role, forceRefresh: true }]),
    );
  });

  it('renders the expiry time and a countdown', async () => {
    setup();
    expect(await screen.findByText(/^\(expires in 58 min\)$/)).toBeInTheDocument();
    expect(screen.getByText(/^Expires at /)).toBeInTheDocument();
  });

  it('Escape and the close button close it; Tab stays inside', async () => {
    const { user, onClose } = setup();
    await screen.findByText('Option 1: Set AWS environment variables');
    const dialog = screen.getByRole('dialog');
    for (let i = 0; i < 30; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows errors in plain words and reports an expired session', async () => {
    const { onSessionExpired } = setup('linux', {
      'credentials.get': async () => {
        throw Object.assign(new Error('expired'), { code: 'SESSION_EXPIRED' });
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your AWS sign-in has expired. Sign in again.',
    );
    expect(onSessionExpired).toHaveBeenCalledWith('work');
  });
});
