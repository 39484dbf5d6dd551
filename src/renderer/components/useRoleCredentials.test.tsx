import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from './api-context';
import { useRoleCredentials } from './useRoleCredentials';
import { CREDS, fakeApi } from '../test/fake-api';

const role = { session: 'work', accountId: '111111111111', roleName: 'AdministratorAccess' };
const DEFAULT_NAME = '111111111111_AdministratorAccess';

const created: HTMLElement[] = [];
afterEach(() => {
  for (const el of created.splice(0)) el.remove();
});

function setup(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(overrides);
  const onSessionExpired = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiContext.Provider value={fake.api}>{children}</ApiContext.Provider>
  );
  // The write buttons the dialog would render: focus returns to them after a question.
  const button = (name: string) => {
    const b = document.createElement('button');
    b.textContent = name;
    document.body.append(b);
    created.push(b);
    return b;
  };
  const buttons = {
    profile: { current: button('Write profile') },
    sso: { current: button('Write SSO profile') },
  };
  const hook = renderHook(() => useRoleCredentials(role, onSessionExpired, buttons), { wrapper });
  const loaded = () => waitFor(() => expect(hook.result.current.loading).toBe(false));
  return { ...fake, ...hook, onSessionExpired, loaded, buttons };
}

const notOurs = () =>
  Object.assign(new Error('refused'), {
    code: 'PROFILE_NOT_OURS',
    message: 'SSO Tray did not write this profile: it holds long-term access keys.',
  });

describe('useRoleCredentials', () => {
  it('fetches the credentials once on open; refresh forces new ones and clears Verify', async () => {
    const { result, calls, loaded } = setup();
    expect(result.current.loading).toBe(true);
    expect(result.current.creds).toBeNull();
    await loaded();
    expect(result.current.creds).toEqual(CREDS);
    expect(calls('credentials.get')).toEqual([role]);

    await act(() => result.current.verify());
    expect(result.current.verified?.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\//);
    await act(() => result.current.refresh());
    expect(result.current.verified).toBeNull();
    expect(calls('credentials.get')).toEqual([role, { ...role, forceRefresh: true }]);
    expect(result.current.loading).toBe(false);
  });

  it('an expired session shows its error and is reported to the window', async () => {
    const { result, loaded, onSessionExpired } = setup({
      'credentials.get': async () => {
        throw Object.assign(new Error('expired'), { code: 'SESSION_EXPIRED' });
      },
    });
    await loaded();
    expect(result.current.error?.code).toBe('SESSION_EXPIRED');
    expect(result.current.creds).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledWith('work');
  });

  it('copy says what it copied and when the clipboard clears; a failed copy returns false', async () => {
    let fail = false;
    const { result, calls, loaded } = setup({
      'credentials.copy': async () => {
        if (fail) throw Object.assign(new Error('no'), { code: 'NETWORK', message: 'offline' });
        return { clearsAt: Date.now() + 30_000 };
      },
    });
    await loaded();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.copy('profile', 'the profile', 'prod');
    });
    expect(ok).toBe(true);
    expect(calls('credentials.copy')).toEqual([{ ...role, what: 'profile', profileName: 'prod' }]);
    expect(result.current.announcement).toMatch(
      /^Copied the profile\. The clipboard will be cleared in (29|30) s\.$/,
    );
    fail = true;
    await act(async () => {
      ok = await result.current.copy('sessionToken', 'AWS_SESSION_TOKEN');
    });
    expect(ok).toBe(false);
    expect(result.current.error?.code).toBe('NETWORK');
  });

  it('checks the profile name as it changes and does not write a bad one', async () => {
    const { result, calls, loaded } = setup();
    await loaded();
    expect(result.current.profileName).toBe(DEFAULT_NAME);
    expect(result.current.profileError).toBeNull();
    act(() => result.current.setProfileName('my profile'));
    expect(result.current.profileError).toMatch(/cannot contain spaces/);
    await act(() => result.current.writeProfile());
    expect(calls('credentials.writeProfile')).toEqual([]);
    act(() => result.current.setProfileName('prod-admin'));
    await act(() => result.current.writeProfile());
    expect(calls('credentials.writeProfile')).toEqual([{ ...role, profileName: 'prod-admin' }]);
    expect(result.current.written).toEqual({
      path: '/home/me/.aws/credentials',
      profileName: 'prod-admin',
      expiresAt: CREDS.expiration,
    });
    expect(result.current.busy).toBeNull();
    // A new name: what was written under the old one is no longer news.
    act(() => result.current.setProfileName('prod-admin-2'));
    expect(result.current.written).toBeNull();
  });

  it('a profile SSO Tray did not write becomes a question; Replace resends with replace', async () => {
    const { result, calls, loaded, buttons } = setup({
      'credentials.writeProfile': async (p) => {
        if (p.replace !== true) throw notOurs();
        return { path: '/home/me/.aws/credentials', profileName: p.profileName, expiresAt: 1 };
      },
    });
    await loaded();
    await act(() => result.current.writeProfile());
    expect(result.current.confirm).toEqual({
      write: 'profile',
      profileName: DEFAULT_NAME,
      message: 'SSO Tray did not write this profile: it holds long-term access keys.',
    });
    expect(result.current.error).toBeNull();
    expect(result.current.written).toBeNull();
    await act(() => result.current.writeProfile(true));
    expect(calls('credentials.writeProfile')).toEqual([
      { ...role, profileName: DEFAULT_NAME },
      { ...role, profileName: DEFAULT_NAME, replace: true },
    ]);
    expect(result.current.confirm).toBeNull();
    expect(result.current.written?.profileName).toBe(DEFAULT_NAME);
    // After the Replace, focus is back on the button that asked.
    expect(buttons.profile.current).toHaveFocus();
  });

  it('the question goes when the name changes or it is cancelled; other errors show as errors', async () => {
    let refuse: 'not-ours' | 'file' = 'not-ours';
    const { result, loaded, buttons } = setup({
      'credentials.writeProfile': async () => {
        throw refuse === 'not-ours'
          ? notOurs()
          : Object.assign(new Error('x'), { code: 'FILE', message: 'cannot write' });
      },
      'credentials.writeSsoProfile': async () => {
        throw notOurs();
      },
    });
    await loaded();
    await act(() => result.current.writeProfile());
    expect(result.current.confirm?.write).toBe('profile');
    act(() => result.current.setProfileName(`${DEFAULT_NAME}-2`));
    expect(result.current.confirm).toBeNull();

    await act(() => result.current.writeSsoProfile());
    expect(result.current.confirm).toMatchObject({ write: 'sso', profileName: DEFAULT_NAME });
    // Typing a profile name does not drop the question about the SSO profile.
    act(() => result.current.setProfileName(`${DEFAULT_NAME}-3`));
    expect(result.current.confirm?.write).toBe('sso');
    act(() => result.current.closeConfirm('sso'));
    expect(result.current.confirm).toBeNull();
    expect(buttons.sso.current).toHaveFocus();

    refuse = 'file';
    await act(() => result.current.writeProfile());
    expect(result.current.confirm).toBeNull();
    expect(result.current.error).toEqual({ code: 'FILE', message: 'cannot write' });
  });

  it('writes an SSO profile and says where', async () => {
    const { result, calls, loaded } = setup();
    await loaded();
    await act(() => result.current.writeSsoProfile());
    expect(calls('credentials.writeSsoProfile')).toEqual([role]);
    expect(result.current.ssoWritten).toEqual({
      path: '/home/me/.aws/config',
      profileName: DEFAULT_NAME,
    });
    expect(result.current.busy).toBeNull();
  });
});
