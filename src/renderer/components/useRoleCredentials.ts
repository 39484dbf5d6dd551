// The state and requests behind the "Get credentials" dialog for one role: the credentials
// (fetched on open, fetched again on Refresh), Copy, Verify, and writing a credentials-file or SSO
// profile. Secrets are shown (the user asked for them) but never sent back: Copy asks the app to
// format and copy its cached credentials itself, and to clear the clipboard later.
// Writing over a profile SSO Tray did not write (the app answers PROFILE_NOT_OURS, saying what the
// profile holds) becomes a question (`confirm`); answering it sends the write again with `replace`.
import { useCallback, useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { defaultProfileName, validateProfileName } from '../../shared/credential-formats';
import type { CopyKind } from '../../shared/credential-formats';
import type { ErrorInfo, RoleCredentials } from '../../shared/schemas';
import { toInfo } from '../lib/errors';
import { clearsIn } from '../lib/time';
import { useApi } from './api-context';

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

/** Which write: a profile in the credentials file, or an SSO profile in the config file. */
export type WriteKind = 'profile' | 'sso';

/** The request in flight that disables its button. */
export type Busy = 'write' | 'sso' | 'verify' | null;

/** The write waiting for the user's word to replace a profile SSO Tray did not write. */
export interface ReplaceQuestion {
  write: WriteKind;
  profileName: string;
  message: string;
}

export interface WrittenProfile {
  path: string;
  profileName: string;
  expiresAt: number;
}

export interface WrittenSsoProfile {
  path: string;
  profileName: string;
}

export interface RoleCredentialsState {
  creds: RoleCredentials | null;
  loading: boolean;
  error: ErrorInfo | null;
  verified: { arn: string } | null;
  busy: Busy;
  /** What a screen reader announces after a copy. */
  announcement: string;
  refresh(): Promise<void>;
  verify(): Promise<void>;
  /** Asks the app to copy `what`; false when it failed (the error shows). */
  copy(what: CopyKind, label: string, profileName?: string): Promise<boolean>;
  /** The name for Write profile, and why it cannot be used (null when it can). */
  profileName: string;
  profileError: string | null;
  setProfileName(name: string): void;
  written: WrittenProfile | null;
  ssoWritten: WrittenSsoProfile | null;
  confirm: ReplaceQuestion | null;
  writeProfile(replace?: boolean): Promise<void>;
  writeSsoProfile(replace?: boolean): Promise<void>;
  /** Closes the question and puts focus back on the button that asked it. */
  closeConfirm(write: WriteKind): void;
}

/** The write buttons, which get focus back when their question closes. */
export type WriteButtons = Record<WriteKind, RefObject<HTMLButtonElement | null>>;

export function useRoleCredentials(
  target: RoleTarget,
  onSessionExpired: (session: string) => void,
  buttons: WriteButtons,
): RoleCredentialsState {
  const api = useApi();
  const { session, accountId, roleName } = target;
  const [creds, setCreds] = useState<RoleCredentials | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [verified, setVerified] = useState<{ arn: string } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [announcement, setAnnouncement] = useState('');
  const [profileName, setName] = useState(() => defaultProfileName(accountId, roleName));
  const [written, setWritten] = useState<WrittenProfile | null>(null);
  const [ssoWritten, setSsoWritten] = useState<WrittenSsoProfile | null>(null);
  const [confirm, setConfirm] = useState<ReplaceQuestion | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      const info = toInfo(e);
      setError(info);
      if (info.code === 'SESSION_EXPIRED' || info.code === 'NOT_SIGNED_IN')
        onSessionExpired(session);
    },
    [onSessionExpired, session],
  );

  useEffect(() => {
    let live = true;
    api
      .getCredentials({ session, accountId, roleName })
      .then((c) => live && setCreds(c))
      .catch((e: unknown) => live && fail(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, session, accountId, roleName, fail]);

  function refresh() {
    setLoading(true);
    setError(null);
    setVerified(null);
    return api
      .getCredentials({ session, accountId, roleName, forceRefresh: true })
      .then(setCreds)
      .catch(fail)
      .finally(() => setLoading(false));
  }

  async function verify() {
    setBusy('verify');
    setVerified(null);
    try {
      setVerified(await api.verifyCredentials({ session, accountId, roleName }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  async function copy(what: CopyKind, label: string, withProfile?: string) {
    try {
      const r = await api.copyCredentials({
        session,
        accountId,
        roleName,
        what,
        ...(withProfile !== undefined ? { profileName: withProfile } : {}),
      });
      const clearing =
        r.clearsAt !== undefined
          ? ` The clipboard will be cleared in ${clearsIn(r.clearsAt, Date.now())}.`
          : '';
      setAnnouncement(`Copied ${label}.${clearing}`);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  }

  const profileCheck = validateProfileName(profileName);
  const profileError = profileCheck.ok ? null : profileCheck.message;

  function setProfileName(name: string) {
    setName(name);
    setWritten(null);
    // the question was about the profile of the old name
    if (confirm?.write === 'profile') setConfirm(null);
  }

  /** A refusal to replace someone else's profile becomes the question; other errors show. */
  function failWrite(e: unknown, write: WriteKind, name: string) {
    const info = toInfo(e);
    if (info.code === 'PROFILE_NOT_OURS') {
      setConfirm({ write, profileName: name, message: info.message });
      return;
    }
    fail(e);
  }

  function closeConfirm(write: WriteKind) {
    setConfirm(null);
    buttons[write].current?.focus();
  }

  /**
   * Ends a write: after a Replace, the question goes away and focus returns to the write button,
   * once that button is enabled again (a disabled button cannot take focus).
   */
  function endWrite(write: WriteKind, replaced: boolean) {
    if (!replaced) {
      setBusy(null);
      return;
    }
    flushSync(() => {
      setBusy(null);
      setConfirm(null);
    });
    buttons[write].current?.focus();
  }

  async function writeProfile(replace = false) {
    if (profileError !== null) return;
    setBusy('write');
    setWritten(null);
    setError(null);
    try {
      setWritten(
        await api.writeProfile({
          session,
          accountId,
          roleName,
          profileName,
          ...(replace ? { replace: true } : {}),
        }),
      );
      setConfirm(null);
    } catch (e) {
      setConfirm(null);
      failWrite(e, 'profile', profileName);
    } finally {
      endWrite('profile', replace);
    }
  }

  async function writeSsoProfile(replace = false) {
    setBusy('sso');
    setError(null);
    try {
      setSsoWritten(
        await api.writeSsoProfile({
          session,
          accountId,
          roleName,
          ...(replace ? { replace: true } : {}),
        }),
      );
      setConfirm(null);
    } catch (e) {
      setConfirm(null);
      failWrite(e, 'sso', defaultProfileName(accountId, roleName));
    } finally {
      endWrite('sso', replace);
    }
  }

  return {
    creds,
    loading,
    error,
    verified,
    busy,
    announcement,
    refresh,
    verify,
    copy,
    profileName,
    profileError,
    setProfileName,
    written,
    ssoWritten,
    confirm,
    writeProfile,
    writeSsoProfile,
    closeConfirm,
  };
}
