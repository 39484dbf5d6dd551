import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CredentialsDialog, type DialogTarget } from './CredentialsDialog';
import { CREDS, START_URL, fakeApi, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import type { Platform } from '../../shared/ipc-views';

const target: DialogTarget = {
  session: 'work',
  accountId: '111111111111',
  roleName: 'AdministratorAccess',
  accountName: 'Production',
};

function setup(platform: Platform = 'linux', overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(overrides);
  const onClose = vi.fn();
  const onSessionExpired = vi.fn();
  const r = renderWithApi(
    fake.api,
    <CredentialsDialog
      target={target}
      session={snapshot().sessions[0]}
      platform={platform}
      onClose={onClose}
      onSessionExpired={onSessionExpired}
    />,
  );
  return { ...fake, ...r, onClose, onSessionExpired };
}

const role = { session: 'work', accountId: '111111111111', roleName: 'AdministratorAccess' };
const envBlock = () => screen.getByLabelText(/^Environment variables for/);

describe('Get credentials dialog', () => {
  it('is a labelled modal with the role, account and SSO facts', async () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Get credentials for AdministratorAccess' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Production (111111111111)');
    expect(within(dialog).getByText(START_URL)).toBeInTheDocument();
    expect(within(dialog).getByText('us-east-1')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Use the AWS CLI to get credentials that refresh automatically.'),
    ).toBeInTheDocument();
    await screen.findByText('Option 1: Set AWS environment variables');
  });

  it('preselects the platform tab and shows the exact commands per tab', async () => {
    const { user } = setup('darwin');
    await screen.findByText('Option 1: Set AWS environment variables');
    const mac = screen.getByRole('tab', { name: 'macOS and Linux' });
    expect(mac).toHaveAttribute('aria-selected', 'true');
    expect(envBlock().textContent).toBe(
      `export AWS_ACCESS_KEY_ID="${CREDS.accessKeyId}"\n` +
        `export AWS_SECRET_ACCESS_KEY="${CREDS.secretAccessKey}"\n` +
        `export AWS_SESSION_TOKEN="${CREDS.sessionToken}"\n`,
    );
    await user.click(screen.getByRole('tab', { name: 'Windows' }));
    expect(screen.getByRole('tab', { name: 'Windows' })).toHaveAttribute('aria-selected', 'true');
    expect(envBlock().textContent).toBe(
      `set AWS_ACCESS_KEY_ID=${CREDS.accessKeyId}\n` +
        `set AWS_SECRET_ACCESS_KEY=${CREDS.secretAccessKey}\n` +
        `set AWS_SESSION_TOKEN=${CREDS.sessionToken}\n`,
    );
    // Arrow keys move between tabs.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'PowerShell' })).toHaveFocus();
    expect(envBlock().textContent).toBe(
      `$Env:AWS_ACCESS_KEY_ID="${CREDS.accessKeyId}"\n` +
        `$Env:AWS_SECRET_ACCESS_KEY="${CREDS.secretAccessKey}"\n` +
        `$Env:AWS_SESSION_TOKEN="${CREDS.sessionToken}"\n`,
    );
  });

  it('preselects Windows on win32 and shows the profile block and individual values', async () => {
    setup('win32');
    await screen.findByText('Option 1: Set AWS environment variables');
    expect(screen.getByRole('tab', { name: 'Windows' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('Profile block').textContent).toBe(
      '[111111111111_AdministratorAccess]\n' +
        `aws_access_key_id=${CREDS.accessKeyId}\n` +
        `aws_secret_access_key=${CREDS.secretAccessKey}\n` +
        `aws_session_token=${CREDS.sessionToken}\n`,
    );
    expect(screen.getByTestId('value-AWS_ACCESS_KEY_ID')).toHaveTextContent(CREDS.accessKeyId);
    expect(screen.getByTestId('value-AWS_SECRET_ACCESS_KEY')).toHaveTextContent(
      CREDS.secretAccessKey,
    );
    expect(screen.getByTestId('value-AWS_SESSION_TOKEN')).toHaveTextContent(CREDS.sessionToken);
  });

  it('Copy asks the app to copy the right thing and shows feedback with the clearing delay', async () => {
    const { user, calls } = setup('linux');
    await screen.findByText('Option 1: Set AWS environment variables');
    await user.click(screen.getByRole('tab', { name: 'PowerShell' }));
    await user.click(screen.getByRole('button', { name: /^Copy environment variables/ }));
    await user.click(screen.getByRole('button', { name: 'Copy profile block' }));
    await user.click(screen.getByRole('button', { name: 'Copy AWS_ACCESS_KEY_ID' }));
    await user.click(screen.getByRole('button', { name: 'Copy AWS_SECRET_ACCESS_KEY' }));
    await user.click(screen.getByRole('button', { name: 'Copy AWS_SESSION_TOKEN' }));
    expect(calls('credentials.copy')).toEqual([
      { ...role, what: 'env-powershell' },
      { ...role, what: 'profile', profileName: '111111111111_AdministratorAccess' },
      { ...role, what: 'accessKeyId' },
      { ...role, what: 'secretAccessKey' },
      { ...role, what: 'sessionToken' },
    ]);
    // No secret is ever sent back to the app.
    expect(JSON.stringify(calls('credentials.copy'))).not.toContain(CREDS.secretAccessKey);
    expect(screen.getByRole('button', { name: 'Copied AWS_SESSION_TOKEN' })).toHaveTextContent(
      'Copied',
    );
    const live = screen.getByText(/^Copied AWS_SESSION_TOKEN\./);
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live.textContent).toMatch(/The clipboard will be cleared in (59|60) s\.$/);
  });

  it('"More formats" is a keyboard menu after the tabs; a chosen format shows its text and copies it', async () => {
    const { user, calls, onClose } = setup('linux');
    await screen.findByText('Option 1: Set AWS environment variables');
    const button = screen.getByRole('button', { name: 'More formats' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    // the portal's three tabs stay as they are
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'macOS and Linux',
      'Windows',
      'PowerShell',
    ]);
    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'More formats' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', menu.id);
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual([
      'fish',
      'Shell variables (no export)',
      '.env file',
      'Nushell',
      'JSON (AWS CLI)',
    ]);
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(items[4]).toHaveFocus();
    await user.keyboard('{Home}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('menuitemradio', { name: 'Nushell' })).toHaveFocus();
    // Escape closes the menu only, and gives the focus back to its button
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}{End}{ArrowUp}{ArrowUp}{ArrowUp}{Enter}');
    expect(screen.queryByRole('menu')).toBeNull();
    const block = screen.getByLabelText('Credentials as Shell variables (no export)');
    expect(block).toHaveFocus();
    const exp = new Date(Math.floor(CREDS.expiration / 1000) * 1000)
      .toISOString()
      .replace('.000Z', '+00:00');
    expect(block.textContent).toBe(
      `AWS_ACCESS_KEY_ID=${CREDS.accessKeyId}\n` +
        `AWS_SECRET_ACCESS_KEY=${CREDS.secretAccessKey}\n` +
        `AWS_SESSION_TOKEN=${CREDS.sessionToken}\n` +
        `AWS_CREDENTIAL_EXPIRATION=${exp}\n`,
    );
    await user.click(
      screen.getByRole('button', { name: 'Copy credentials as shell variables (no export)' }),
    );
    // the menu marks the chosen one; a click picks another
    await user.click(button);
    expect(
      screen.getByRole('menuitemradio', { name: 'Shell variables (no export)' }),
    ).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('menuitemradio', { name: 'fish' }));
    expect(screen.getByLabelText('Credentials as fish').textContent).toContain(
      `set -gx AWS_SESSION_TOKEN "${CREDS.sessionToken}"\n`,
    );
    await user.click(screen.getByRole('button', { name: 'Copy credentials as fish' }));
    expect(calls('credentials.copy')).toEqual([
      { ...role, what: 'env-no-export' },
      { ...role, what: 'fish' },
    ]);
    // Hide removes the block and returns to the menu button
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByLabelText('Credentials as fish')).toBeNull();
    expect(button).toHaveFocus();
  });

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
