// Human time for expiries: "expires in 58 min", "14:32".

/** "58 min", "1 h 5 min", "45 s"; rounds minutes down so a countdown never overstates. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function expiresIn(expiresAt: number, now: number): string {
  return expiresAt <= now ? 'expired' : `expires in ${formatDuration(expiresAt - now)}`;
}

export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "60 s" for clipboard clearing (seconds up to two minutes, as the setting is in seconds). */
export function clearsIn(clearsAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((clearsAt - now) / 1000));
  return seconds < 120 ? `${seconds} s` : formatDuration(clearsAt - now);
}
