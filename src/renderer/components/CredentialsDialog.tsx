// "Get credentials for <Role>": the portal's dialog, plus writing profiles and verifying.
// Secrets are shown (the user asked for them) but never sent back: Copy asks the app to format
// and copy its cached credentials itself, and to clear the clipboard later.
// Writing over a profile SSO Tray did not write (the app answers PROFILE_NOT_OURS, saying what
// the profile holds) asks first, inline: Replace sends the write again with `replace`.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  defaultProfileName,
  ENV_FORMATS as TABS,
  formatEnv,
  formatProfileBlock,
  platformEnvFormat,
  validateProfileName,
  type CopyKind,
  type EnvShell,
} from '../../shared/credential-formats';
import type { Platform, SessionView } from '../../shared/ipc-views';
import type { ErrorInfo, RoleCredentials } from '../../shared/schemas';
import { errorMessage, toInfo } from '../lib/errors';
import { clearsIn, expiresIn, formatClock } from '../lib/time';
import { useApi } from './api-context';
import { useFlash, useNow } from './hooks';
import { CloseIcon, Spinner } from './icons';

export interface DialogTarget {
  session: string;
  accountId: string;
  roleName: string;
  accountName?: string;
}

interface Props {
  target: DialogTarget;
  session: SessionView | undefined;
  platform: Platform;
  onClose: () => void;
  onSessionExpired: (session: string) => void;
}

export function CredentialsDialog({ target, session, platform, onClose, onSessionExpired }: Props) {
  const api = useApi();
  const ids = useId();
  const dialogRef = useRef<HTMLDivElement | null>(null);
  const now = useNow(1000);
  const [creds, setCreds] = useState<RoleCredentials | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [shell, setShell] = useState<EnvShell>(platformEnvFormat(platform).shell);
  const [profileName, setProfileName] = useState(() =>
    defaultProfileName(target.accountId, target.roleName),
  );
  const [written, setWritten] = useState<{
    path: string;
    profileName: string;
    expiresAt: number;
  } | null>(null);
  const [ssoWritten, setSsoWritten] = useState<{ path: string; profileName: string } | null>(null);
  const [verified, setVerified] = useState<{ arn: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** The write waiting for the user's word to replace a profile SSO Tray did not write. */
  const [confirm, setConfirm] = useState<{
    write: 'profile' | 'sso';
    profileName: string;
    message: string;
  } | null>(null);
  const writeButton = useRef<HTMLButtonElement | null>(null);
  const ssoButton = useRef<HTMLButtonElement | null>(null);

  const { session: sessionName, accountId, roleName } = target;
  const fail = useCallback(
    (e: unknown) => {
      const info = toInfo(e);
      setError(info);
      if (info.code === 'SESSION_EXPIRED' || info.code === 'NOT_SIGNED_IN')
        onSessionExpired(sessionName);
    },
    [onSessionExpired, sessionName],
  );

  const load = useCallback(
    (forceRefresh: boolean) => {
      setLoading(true);
      setError(null);
      setVerified(null);
      return api
        .getCredentials({ session: sessionName, accountId, roleName, forceRefresh })
        .then(setCreds)
        .catch(fail)
        .finally(() => setLoading(false));
    },
    [api, sessionName, accountId, roleName, fail],
  );

  useEffect(() => {
    let live = true;
    api
      .getCredentials({ session: sessionName, accountId, roleName })
      .then((c) => live && setCreds(c))
      .catch((e: unknown) => live && fail(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, sessionName, accountId, roleName, fail]);

  // Focus moves into the dialog and back to where it was when the dialog closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialogRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || dialogRef.current === null) return;
    const focusable = [
      ...dialogRef.current.querySelectorAll<HTMLElement>(
        'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"]), a[href], textarea, select',
      ),
    ].filter((el) => el !== dialogRef.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) return;
    const current = document.activeElement;
    if (e.shiftKey && (current === first || current === dialogRef.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && current === last) {
      e.preventDefault();
      first.focus();
    }
  }

  async function copy(what: CopyKind, label: string, withProfile?: string) {
    try {
      const r = await api.copyCredentials({
        session: sessionName,
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

  /** A refusal to replace someone else's profile becomes the question; other errors show. */
  function failWrite(e: unknown, write: 'profile' | 'sso', name: string) {
    const info = toInfo(e);
    if (info.code === 'PROFILE_NOT_OURS') {
      setConfirm({ write, profileName: name, message: info.message });
      return;
    }
    fail(e);
  }

  /** Closes the question and puts focus back on the button that asked it. */
  function closeConfirm(write: 'profile' | 'sso') {
    setConfirm(null);
    (write === 'sso' ? ssoButton : writeButton).current?.focus();
  }

  /**
   * Ends a write: after a Replace, the question goes away and focus returns to the write button,
   * once that button is enabled again (a disabled button cannot take focus).
   */
  function endWrite(write: 'profile' | 'sso', replaced: boolean) {
    if (!replaced) {
      setBusy(null);
      return;
    }
    flushSync(() => {
      setBusy(null);
      setConfirm(null);
    });
    (write === 'sso' ? ssoButton : writeButton).current?.focus();
  }

  async function writeProfile(replace = false) {
    if (profileError !== null) return;
    setBusy('write');
    setWritten(null);
    setError(null);
    try {
      setWritten(
        await api.writeProfile({
          session: sessionName,
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
          session: sessionName,
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

  async function verify() {
    setBusy('verify');
    setVerified(null);
    try {
      setVerified(await api.verifyCredentials({ session: sessionName, accountId, roleName }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  const tab = TABS.find((t) => t.shell === shell) ?? TABS[0]!;
  const account = target.accountName
    ? `${target.accountName} (${accountId})`
    : `Account ${accountId}`;

  return (
    <div className="backdrop">
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-account`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <div>
            <h2 id={`${ids}-title`}>Get credentials for {roleName}</h2>
            <p id={`${ids}-account`} className="muted">
              {account}
            </p>
          </div>
          <button type="button" className="icon-button" onClick={onClose}>
            <CloseIcon />
            <span className="visually-hidden">Close</span>
          </button>
        </header>

        <div className="dialog-body">
          <div role="tablist" aria-label="Shell" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.shell}
                type="button"
                role="tab"
                id={`${ids}-tab-${t.shell}`}
                aria-selected={t.shell === shell}
                aria-controls={`${ids}-panel`}
                tabIndex={t.shell === shell ? 0 : -1}
                onClick={() => setShell(t.shell)}
                onKeyDown={(e) => {
                  const i = TABS.indexOf(t);
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (step === 0) return;
                  e.preventDefault();
                  const next = TABS[(i + step + TABS.length) % TABS.length]!;
                  setShell(next.shell);
                  document.getElementById(`${ids}-tab-${next.shell}`)?.focus();
                }}
              >
                {t.label}
              </button>
            ))}
          </div>

          <div
            role="tabpanel"
            id={`${ids}-panel`}
            aria-labelledby={`${ids}-tab-${shell}`}
            className="tabpanel"
          >
            <section className="recommended" aria-labelledby={`${ids}-rec`}>
              <h3 id={`${ids}-rec`}>Recommended</h3>
              <p>Use the AWS CLI to get credentials that refresh automatically.</p>
              <dl className="facts">
                <dt>SSO start URL</dt>
                <dd>
                  <code>{session?.startUrl ?? '—'}</code>
                </dd>
                <dt>SSO region</dt>
                <dd>
                  <code>{session?.region ?? '—'}</code>
                </dd>
              </dl>
              <p className="muted small">
                Run <code>aws configure sso</code> with these values, or write a profile for this
                role into your AWS config file:
              </p>
              <div className="button-row">
                <button
                  type="button"
                  ref={ssoButton}
                  onClick={() => void writeSsoProfile()}
                  disabled={busy === 'sso'}
                >
                  {busy === 'sso' && confirm === null ? <Spinner /> : null}
                  Write SSO profile
                </button>
              </div>
              {confirm?.write === 'sso' ? (
                <ReplaceConfirmation
                  profileName={confirm.profileName}
                  file="config"
                  message={confirm.message}
                  busy={busy === 'sso'}
                  onReplace={() => void writeSsoProfile(true)}
                  onCancel={() => closeConfirm('sso')}
                />
              ) : null}
              {ssoWritten ? (
                <p className="success small" role="status">
                  Wrote profile <code>{ssoWritten.profileName}</code> to {ssoWritten.path}. Use it
                  with <code>aws --profile {ssoWritten.profileName}</code>.
                </p>
              ) : null}
            </section>

            {loading && creds === null ? (
              <p className="muted center">
                <Spinner label="Getting credentials" />
              </p>
            ) : null}
            {error ? (
              <p role="alert" className="error">
                {errorMessage(error)}
              </p>
            ) : null}

            {creds !== null ? (
              <>
                <section className="option" aria-labelledby={`${ids}-o1`}>
                  <h3 id={`${ids}-o1`}>Option 1: Set AWS environment variables</h3>
                  <p className="muted small">
                    Paste these commands in your terminal ({tab.label}) to use the credentials
                    there.
                  </p>
                  <CodeBlock
                    label={`Environment variables for ${tab.label}`}
                    text={formatEnv(creds, shell)}
                    onCopy={() => copy(tab.id, 'the commands')}
                  />
                </section>

                <section className="option" aria-labelledby={`${ids}-o2`}>
                  <h3 id={`${ids}-o2`}>Option 2: Add a profile to your AWS credentials file</h3>
                  <p className="muted small">
                    Paste this into your AWS credentials file, or let the app write it.
                  </p>
                  <CodeBlock
                    label="Profile block"
                    text={formatProfileBlock(
                      creds,
                      profileError === null ? profileName : defaultProfileName(accountId, roleName),
                    )}
                    onCopy={() =>
                      copy(
                        'profile',
                        'the profile',
                        profileError === null ? profileName : undefined,
                      )
                    }
                  />
                  <div className="field inline-field">
                    <label htmlFor={`${ids}-profile`}>Profile name</label>
                    <input
                      id={`${ids}-profile`}
                      value={profileName}
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(e) => {
                        setProfileName(e.target.value);
                        setWritten(null);
                        // the question was about the profile of the old name
                        if (confirm?.write === 'profile') setConfirm(null);
                      }}
                      aria-invalid={profileError !== null}
                      aria-describedby={profileError !== null ? `${ids}-profile-error` : undefined}
                    />
                    <button
                      type="button"
                      ref={writeButton}
                      onClick={() => void writeProfile()}
                      disabled={profileError !== null || busy === 'write'}
                    >
                      {busy === 'write' && confirm === null ? <Spinner /> : null}
                      Write profile
                    </button>
                  </div>
                  {confirm?.write === 'profile' ? (
                    <ReplaceConfirmation
                      profileName={confirm.profileName}
                      file="credentials"
                      message={confirm.message}
                      busy={busy === 'write'}
                      onReplace={() => void writeProfile(true)}
                      onCancel={() => closeConfirm('profile')}
                    />
                  ) : null}
                  {profileError !== null ? (
                    <p id={`${ids}-profile-error`} className="field-error">
                      {profileError}
                    </p>
                  ) : null}
                  {written ? (
                    <p className="success small" role="status">
                      Wrote profile <code>[{written.profileName}]</code> to {written.path}. The
                      credentials expire at {formatClock(written.expiresAt)}.
                    </p>
                  ) : null}
                </section>

                <section className="option" aria-labelledby={`${ids}-o3`}>
                  <h3 id={`${ids}-o3`}>Option 3: Use individual values</h3>
                  <Value
                    name="AWS_ACCESS_KEY_ID"
                    value={creds.accessKeyId}
                    onCopy={() => copy('accessKeyId', 'AWS_ACCESS_KEY_ID')}
                  />
                  <Value
                    name="AWS_SECRET_ACCESS_KEY"
                    value={creds.secretAccessKey}
                    onCopy={() => copy('secretAccessKey', 'AWS_SECRET_ACCESS_KEY')}
                  />
                  <Value
                    name="AWS_SESSION_TOKEN"
                    value={creds.sessionToken}
                    onCopy={() => copy('sessionToken', 'AWS_SESSION_TOKEN')}
                  />
                </section>
              </>
            ) : null}
          </div>
        </div>

        <footer className="dialog-footer">
          <div className="expiry" aria-live="off">
            {creds !== null ? (
              <>
                <span>Expires at {formatClock(creds.expiration)}</span>{' '}
                <span className={creds.expiration - now < 5 * 60_000 ? 'warning-text' : 'muted'}>
                  ({expiresIn(creds.expiration, now)})
                </span>
              </>
            ) : null}
            {verified ? (
              <p className="success small verified">
                Verified: <code>{verified.arn}</code>
              </p>
            ) : null}
          </div>
          <div className="button-row">
            <button type="button" onClick={() => void load(true)} disabled={loading}>
              {loading && creds !== null ? <Spinner /> : null}
              Refresh
            </button>
            <button type="button" onClick={verify} disabled={creds === null || busy === 'verify'}>
              {busy === 'verify' ? <Spinner /> : null}
              Verify
            </button>
          </div>
        </footer>
        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </div>
      </div>
    </div>
  );
}

/**
 * The question before replacing a profile SSO Tray did not write: what the app said it holds,
 * Replace and Cancel. Focus starts on Cancel (the choice that changes nothing); Escape cancels
 * the question only, not the whole dialog.
 */
function ReplaceConfirmation({
  profileName,
  file,
  message,
  busy,
  onReplace,
  onCancel,
}: {
  profileName: string;
  file: 'credentials' | 'config';
  message: string;
  busy: boolean;
  onReplace: () => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const cancel = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div
      role="group"
      className="warning confirm"
      aria-labelledby={`${ids}-question`}
      aria-describedby={`${ids}-message`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }}
    >
      <p id={`${ids}-question`} className="confirm-question">
        Replace profile <code>{profileName}</code> in your {file} file?
      </p>
      <p id={`${ids}-message`} className="small">
        {message}
      </p>
      <div className="button-row">
        <button type="button" className="danger" onClick={onReplace} disabled={busy}>
          {busy ? <Spinner /> : null}
          Replace
        </button>
        <button type="button" ref={cancel} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function CopyButton({ label, onCopy }: { label: string; onCopy: () => Promise<boolean> }) {
  const [copied, flash] = useFlash(2000);
  return (
    <button
      type="button"
      className={`small-button copy${copied ? ' copied' : ''}`}
      aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
      onClick={() => {
        void onCopy().then((ok) => ok && flash());
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function CodeBlock({
  label,
  text,
  onCopy,
}: {
  label: string;
  text: string;
  onCopy: () => Promise<boolean>;
}) {
  return (
    <div className="code-block">
      <pre aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton label={label.toLowerCase()} onCopy={onCopy} />
    </div>
  );
}

function Value({
  name,
  value,
  onCopy,
}: {
  name: string;
  value: string;
  onCopy: () => Promise<boolean>;
}) {
  return (
    <div className="value-row">
      <span className="value-name">{name}</span>
      <code className="value" title={value} data-testid={`value-${name}`}>
        {value}
      </code>
      <CopyButton label={name} onCopy={onCopy} />
    </div>
  );
}
