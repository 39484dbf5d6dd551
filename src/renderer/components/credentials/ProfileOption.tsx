// Option 2: the profile block for the credentials file, the profile name (checked as typed) and
// Write profile, with its replace question and where it wrote.
import type { RefObject } from 'react';
import { defaultProfileName, formatProfileBlock } from '../../../shared/credential-formats';
import type { RoleCredentials } from '../../../shared/schemas';
import { formatClock } from '../../lib/time';
import { Spinner } from '../icons';
import type { RoleCredentialsState, RoleTarget } from '../useRoleCredentials';
import { CodeBlock } from './CodeBlock';
import { ReplaceConfirmation } from './ReplaceConfirmation';

interface Props {
  ids: string;
  creds: RoleCredentials;
  target: RoleTarget;
  state: Pick<
    RoleCredentialsState,
    | 'busy'
    | 'confirm'
    | 'written'
    | 'profileName'
    | 'profileError'
    | 'setProfileName'
    | 'writeProfile'
    | 'closeConfirm'
    | 'copy'
  >;
  /** The Write profile button, where focus returns after its question. */
  buttonRef: RefObject<HTMLButtonElement | null>;
}

export function ProfileOption({ ids, creds, target, state, buttonRef }: Props) {
  const { busy, confirm, written, profileName, profileError } = state;
  return (
    <section className="option" aria-labelledby={`${ids}-o2`}>
      <h3 id={`${ids}-o2`}>Option 2: Add a profile to your AWS credentials file</h3>
      <p className="muted small">
        Paste this into your AWS credentials file, or let the app write it.
      </p>
      <CodeBlock
        label="Profile block"
        text={formatProfileBlock(
          creds,
          profileError === null
            ? profileName
            : defaultProfileName(target.accountId, target.roleName),
        )}
        onCopy={() =>
          state.copy('profile', 'the profile', profileError === null ? profileName : undefined)
        }
      />
      <div className="field inline-field">
        <label htmlFor={`${ids}-profile`}>Profile name</label>
        <input
          id={`${ids}-profile`}
          value={profileName}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => state.setProfileName(e.target.value)}
          aria-invalid={profileError !== null}
          aria-describedby={profileError !== null ? `${ids}-profile-error` : undefined}
        />
        <button
          type="button"
          ref={buttonRef}
          onClick={() => void state.writeProfile()}
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
          onReplace={() => void state.writeProfile(true)}
          onCancel={() => state.closeConfirm('profile')}
        />
      ) : null}
      {profileError !== null ? (
        <p id={`${ids}-profile-error`} className="field-error">
          {profileError}
        </p>
      ) : null}
      {written ? (
        <p className="success small" role="status">
          Wrote profile <code>[{written.profileName}]</code> to {written.path}. The credentials
          expire at {formatClock(written.expiresAt)}.
        </p>
      ) : null}
    </section>
  );
}
