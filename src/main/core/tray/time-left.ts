// How much time is left, in the words the tray and notifications use.
import { timeLeftWords } from '../../../shared/status-rules';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** "7 h 12 min", "12 min", "45 s"; "0 s" when nothing is left. Minutes round down. */
export const formatTimeLeft = timeLeftWords;

/** The compact macOS menu-bar form: "7h 12m", "12m", "45s". */
export function formatTimeLeftShort(ms: number): string {
  if (ms <= 0) return 'expired';
  if (ms < MINUTE) return `${Math.ceil(ms / SECOND)}s`;
  const totalMinutes = Math.floor(ms / MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}m`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

/** "1 minute", "4 minutes": whole minutes rounded up, as people read a countdown. */
export function formatMinutesWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Milliseconds until `formatTimeLeft(ms)` changes: the next minute boundary, and every second
 * in the last minute.
 */
export function msUntilDisplayChanges(ms: number): number {
  if (ms <= 0) return 0;
  if (ms < MINUTE) return ((ms - 1) % SECOND) + 1;
  return (ms % MINUTE) + 1;
}
