// What the credentials dialog's tests share: the dialog rendered over the fake api for one role.
import { screen } from '@testing-library/react';
import { vi } from 'vitest';
import { CredentialsDialog, type DialogTarget } from '../components/CredentialsDialog';
import { fakeApi, snapshot } from './fake-api';
import { renderWithApi } from './render';
import type { Platform } from '../../shared/ipc-views';

export const target: DialogTarget = {
  session: 'work',
  accountId: '111111111111',
  roleName: 'AdministratorAccess',
  accountName: 'Production',
};

export function setupDialog(
  platform: Platform = 'linux',
  overrides: Parameters<typeof fakeApi>[0] = {},
) {
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

export const role = { session: 'work', accountId: '111111111111', roleName: 'AdministratorAccess' };
export const envBlock = () => screen.getByLabelText(/^Environment variables for/);
