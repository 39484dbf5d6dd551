// Settings: where the log is, and a way to open its folder (what to attach to a bug report).
// Hidden where the host keeps no log.
import { useId } from 'react';
import type { NoticeEvent } from '../../../shared/ipc-contract';
import { errorMessage, toInfo } from '../../lib/errors';
import { useApi } from '../api-context';

interface Props {
  location: string | null;
  notify: (n: NoticeEvent) => void;
}

export function LogSection({ location, notify }: Props) {
  const api = useApi();
  const ids = useId();
  if (location === null) return null;
  return (
    <section className="log-section" aria-labelledby={`${ids}-log`}>
      <h2 id={`${ids}-log`} className="section-title">
        Log
      </h2>
      <p className="muted small">
        What went wrong and what SSO Tray refused, never a key or token: attach it to a bug report.{' '}
        <span className="path">{location}</span>
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            api
              .openLogsFolder()
              .catch((e: unknown) => notify({ level: 'error', message: errorMessage(toInfo(e)) }))
          }
        >
          Open logs folder
        </button>
      </div>
    </section>
  );
}
