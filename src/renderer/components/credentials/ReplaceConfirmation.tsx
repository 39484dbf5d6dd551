// The question before replacing a profile SSO Tray did not write: what the app said it holds,
// Replace and Cancel. Focus starts on Cancel (the choice that changes nothing); Escape cancels
// the question only, not the whole dialog.
import { useEffect, useId, useRef } from 'react';
import { Spinner } from '../icons';

interface Props {
  profileName: string;
  file: 'credentials' | 'config';
  message: string;
  busy: boolean;
  onReplace: () => void;
  onCancel: () => void;
}

export function ReplaceConfirmation({
  profileName,
  file,
  message,
  busy,
  onReplace,
  onCancel,
}: Props) {
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
