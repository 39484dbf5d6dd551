// Toasts for notices the app pushes (and failures of background actions). Announced politely.
import { useEffect } from 'react';
import type { NoticeEvent } from '../../shared/ipc-contract';
import { CloseIcon } from './icons';

export type Notice = NoticeEvent & { id: number };

const VISIBLE_MS = 6000;

function Toast({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const id = setTimeout(() => onDismiss(notice.id), VISIBLE_MS);
    return () => clearTimeout(id);
  }, [notice.id, onDismiss]);
  return (
    <div className={`toast toast-${notice.level}`}>
      <span>{notice.message}</span>
      <button type="button" className="icon-button" onClick={() => onDismiss(notice.id)}>
        <CloseIcon />
        <span className="visually-hidden">Dismiss</span>
      </button>
    </div>
  );
}

export function Notices({
  notices,
  onDismiss,
}: {
  notices: readonly Notice[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {notices.map((n) => (
        <Toast key={n.id} notice={n} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
