// The Get credentials dialog: what it shows, the shell tabs, Copy and More formats (writing
// profiles, Verify, closing and errors: CredentialsDialog-write.test.tsx).
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CREDS, START_URL } from '../test/fake-api';
import { envBlock, role, setupDialog as setup } from '../test/credentials-dialog';

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
});
