import { describe, expect, it } from 'vitest';
import { notificationFor } from './notifications';
import type { CopiedExpiryItem, ExpiryItem, WrittenExpiryItem } from './scheduler';

const item: CopiedExpiryItem = {
  id: 'creds:acme:123456789012:AdministratorAccess',
  kind: 'credentials',
  label: '123456789012 · AdministratorAccess',
  expiresAt: 0,
  source: 'copied',
  session: 'acme',
  accountId: '123456789012',
  roleName: 'AdministratorAccess',
};

describe('notificationFor', () => {
  it('warns about copied credentials and copies fresh ones on click', () => {
    const n = notificationFor(
      { type: 'warn', item, thresholdMinutes: 5, msLeft: 4 * 60_000 },
      { platform: 'darwin' },
    );
    expect(n).toMatchObject({
      title: 'AWS credentials expire in 4 minutes',
      body: '123456789012 · AdministratorAccess — click to copy fresh credentials',
      onClick: {
        kind: 'copy',
        format: 'env-macos',
        session: 'acme',
        accountId: '123456789012',
        roleName: 'AdministratorAccess',
      },
    });
    expect(n?.actions).toEqual([{ id: 'refresh', label: 'Refresh', action: n?.onClick }]);
  });

  it('uses the platform copy format', () => {
    const n = notificationFor({ type: 'expired', item }, { platform: 'win32' });
    expect(n?.title).toBe('AWS credentials expired');
    expect(n?.onClick).toMatchObject({ kind: 'copy', format: 'env-windows' });
  });

  it('written profiles are rewritten on click', () => {
    const written: WrittenExpiryItem = {
      ...item,
      source: 'written',
      profileName: 'prod',
      autoRefresh: false,
    };
    const n = notificationFor(
      { type: 'warn', item: written, thresholdMinutes: 15, msLeft: 15 * 60_000 },
      { platform: 'linux' },
    );
    expect(n?.title).toBe('AWS profile prod expires in 15 minutes');
    expect(n?.onClick).toEqual({
      kind: 'writeProfile',
      session: 'acme',
      accountId: '123456789012',
      roleName: 'AdministratorAccess',
      profileName: 'prod',
    });
  });

  it('session warnings and the end ask to sign in again', () => {
    const session: ExpiryItem = {
      id: 'session:acme',
      kind: 'session',
      label: 'acme',
      session: 'acme',
      expiresAt: 0,
    };
    const warn = notificationFor(
      { type: 'warn', item: session, thresholdMinutes: 15, msLeft: 14 * 60_000 + 1 },
      { platform: 'linux' },
    );
    expect(warn?.title).toBe('AWS sign-in ends in 15 minutes');
    expect(warn?.onClick).toEqual({ kind: 'signIn', session: 'acme' });
    const ended = notificationFor({ type: 'sessionEnded', item: session }, { platform: 'linux' });
    expect(ended?.title).toBe('AWS sign-in ended');
    expect(ended?.id).not.toBe(warn?.id);
    expect(ended?.tag).toBe(warn?.tag);
  });

  it('auto refresh needs no notification', () => {
    expect(
      notificationFor(
        {
          type: 'autoRefresh',
          item: { ...item, source: 'written', profileName: 'prod', autoRefresh: true },
          msLeft: 1,
        },
        { platform: 'linux' },
      ),
    ).toBeNull();
  });
});
