// After the portal's three options: the two lines that point a shell at SSO Tray's local
// credentials endpoint for this role. The token is never shown: main copies the lines with it.
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/schemas';
import { useApi } from '../api-context';
import { errorMessage, toInfo } from '../../lib/errors';
import type { RoleTarget } from '../useRoleCredentials';
import { CopyButton } from './CodeBlock';
import type { ShellTab } from './ShellTabs';

interface Props {
  ids: string;
  target: RoleTarget;
  tab: ShellTab;
}

type Lines = { url: string | null; preview: string | null };

export function EndpointOption({ ids, target, tab }: Props) {
  const api = useApi();
  const [lines, setLines] = useState<Lines | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { session, accountId, roleName } = target;
  const shell = tab.shell;

  useEffect(() => {
    let live = true;
    api.getEndpointLines({ session, accountId, roleName, shell }).then(
      (l) => live && setLines(l),
      (e: unknown) => live && setError(toInfo(e)),
    );
    return () => {
      live = false;
    };
  }, [api, session, accountId, roleName, shell]);

  async function copy(): Promise<boolean> {
    setError(null);
    try {
      await api.copyEndpointLines({ session, accountId, roleName, shell });
      return true;
    } catch (e) {
      setError(toInfo(e));
      return false;
    }
  }

  const label = `Endpoint lines for ${tab.label}`;
  return (
    <section className="option" aria-labelledby={`${ids}-o4`}>
      <h3 id={`${ids}-o4`}>Credentials that never expire while SSO Tray runs</h3>
      {lines === null ? null : lines.preview === null ? (
        <p className="muted small">
          Turn on <strong>Serve credentials to local processes</strong> in Settings: a process
          started with two lines from here then gets fresh credentials from SSO Tray by itself.
        </p>
      ) : (
        <>
          <p className="muted small">
            Paste these in your terminal ({tab.label}): the AWS CLI and SDKs started there get this
            role&rsquo;s credentials from SSO Tray on 127.0.0.1, fresh before they expire. Copy puts
            the token in; it is new each time SSO Tray starts.
          </p>
          <div className="code-block">
            <pre aria-label={label} tabIndex={0}>
              <code>{lines.preview}</code>
            </pre>
            <CopyButton label={label.toLowerCase()} onCopy={copy} />
          </div>
        </>
      )}
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
    </section>
  );
}
