// How an updater's failure is worded for the window and the log (the service's status, the
// electron-updater adapter's log lines). Pure.

/**
 * A failure in words fit for the window and the log: the first line only (electron-updater adds
 * response headers after it), URLs without user info, query or fragment, long token-like runs
 * cut out, at most 300 characters.
 */
export function updateErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const code =
    typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
      ? (e as { code: string }).code
      : '';
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|net::ERR_/.test(`${code} ${raw}`)) {
    return 'The update server could not be reached. Check the network and try again.';
  }
  const first = (raw.split(/\r?\n/)[0] ?? '').trim();
  const cleaned = first
    .replace(/\b(https?:\/\/)(?:[^\s/@]*@)?([^\s?#]*)(?:[?#]\S*?)?(?=[,:;.)"']*(?:\s|$))/gi, '$1$2')
    .replace(/[A-Za-z0-9+/_=-]{40,}/g, '…')
    .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '');
  if (cleaned === '') return 'The updater failed without saying why.';
  return cleaned.length > 300 ? `${cleaned.slice(0, 299)}…` : cleaned;
}
