// "Recommended": the AWS CLI's own SSO support, with the session's start URL and region, and
// Write SSO profile (a profile for this role in the config file), with its replace question.
import type { RefObject } from 'react';
import type { SessionView } from '../../../shared/ipc-views';
import { Spinner } from '../icons';
import type { RoleCredentialsState } from '../useRoleCredentials';
import { ReplaceConfirmation } from './ReplaceConfirmation';

interface Props {
  ids: string;
  session: SessionView | undefined;
  state: Pick<
    RoleCredentialsState,
    'busy' | 'confirm' | 'ssoWritten' | 'writeSsoProfile' | 'closeConfirm'
  >;
  /** The Write SSO profile button, where focus returns after its question. */
  buttonRef: RefObject<HTMLButtonElement | null>;
}

export function RecommendedBox({ ids, session, state, buttonRef }: Props) {
  const { busy, confirm, ssoWritten } = state;
  return (
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
        Run <code>aws configure sso</code> with these values, or write a profile for this role into
        your AWS config file:
      </p>
      <div className="button-row">
        <button
          type="button"
          ref={buttonRef}
          onClick={() => void state.writeSsoProfile()}
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
          onReplace={() => void state.writeSsoProfile(true)}
          onCancel={() => state.closeConfirm('sso')}
        />
      ) : null}
      {ssoWritten ? (
        <p className="success small" role="status">
          Wrote profile <code>{ssoWritten.profileName}</code> to {ssoWritten.path}. Use it with{' '}
          <code>aws --profile {ssoWritten.profileName}</code>.
        </p>
      ) : null}
    </section>
  );
}
