// "Get credentials for <Role>": the portal's dialog, plus writing profiles and verifying. The
// requests and their state are in useRoleCredentials, the keyboard trap in useFocusTrap, and each
// part of the dialog in ./credentials.
import { useId, useRef, useState } from 'react';
import type { Platform, SessionView } from '../../shared/ipc-views';
import { defaultProfileName, type MoreFormatId } from '../../shared/credential-formats';
import { EndpointOption } from './credentials/EndpointOption';
import { EnvOption } from './credentials/EnvOption';
import { MoreFormatOption, MoreFormatsMenu, moreFormat } from './credentials/MoreFormats';
import { ExpiryFooter } from './credentials/ExpiryFooter';
import { ProfileOption } from './credentials/ProfileOption';
import { RecommendedBox } from './credentials/RecommendedBox';
import {
  defaultShell,
  panelId,
  ShellTabs,
  tabFor,
  tabId,
  type Shell,
} from './credentials/ShellTabs';
import { ValuesOption } from './credentials/ValuesOption';
import { CloseIcon, Spinner } from './icons';
import { useFocusTrap } from './useFocusTrap';
import { useRoleCredentials, type RoleTarget } from './useRoleCredentials';
import { ErrorAlert } from './ErrorAlert';

export interface DialogTarget extends RoleTarget {
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
  const ids = useId();
  const dialogRef = useRef<HTMLDivElement | null>(null);
  const profileButton = useRef<HTMLButtonElement | null>(null);
  const ssoButton = useRef<HTMLButtonElement | null>(null);
  const state = useRoleCredentials(target, onSessionExpired, {
    profile: profileButton,
    sso: ssoButton,
  });
  const onKeyDown = useFocusTrap(dialogRef, onClose);
  const [shell, setShell] = useState<Shell>(defaultShell(platform));
  const [more, setMore] = useState<MoreFormatId | null>(null);
  const { creds, loading, error } = state;
  const account = target.accountName
    ? `${target.accountName} (${target.accountId})`
    : `Account ${target.accountId}`;

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
            <h2 id={`${ids}-title`}>Get credentials for {target.roleName}</h2>
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
          <div className="shell-row">
            <ShellTabs ids={ids} shell={shell} onSelect={setShell} />
            <MoreFormatsMenu ids={ids} chosen={more} onChoose={setMore} />
          </div>
          <div
            role="tabpanel"
            id={panelId(ids)}
            aria-labelledby={tabId(ids, shell)}
            className="tabpanel"
          >
            <RecommendedBox ids={ids} session={session} state={state} buttonRef={ssoButton} />
            {loading && creds === null ? (
              <p className="muted center">
                <Spinner label="Getting credentials" />
              </p>
            ) : null}
            <ErrorAlert error={error} />
            {creds !== null ? (
              <>
                <EnvOption ids={ids} creds={creds} tab={tabFor(shell)} copy={state.copy} />
                {more !== null ? (
                  <MoreFormatOption
                    ids={ids}
                    creds={creds}
                    format={moreFormat(more)}
                    profileName={defaultProfileName(target.accountId, target.roleName)}
                    copy={state.copy}
                    onClose={() => {
                      setMore(null);
                      document.getElementById(`${ids}-more-button`)?.focus();
                    }}
                  />
                ) : null}
                <ProfileOption
                  ids={ids}
                  creds={creds}
                  target={target}
                  state={state}
                  buttonRef={profileButton}
                />
                <ValuesOption ids={ids} creds={creds} copy={state.copy} />
                <EndpointOption ids={ids} target={target} tab={tabFor(shell)} />
              </>
            ) : null}
          </div>
        </div>

        <ExpiryFooter state={state} />
        <div className="visually-hidden" role="status" aria-live="polite">
          {state.announcement}
        </div>
      </div>
    </div>
  );
}
