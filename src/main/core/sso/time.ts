// Times in the AWS token cache: the CLI writes `2026-11-22T22:05:17Z`, the JS SDK writes
// `2026-11-22T22:06:15.860Z`; older tools wrote `+00:00` or `UTC` forms. Read them all.

/** Parses an ISO-8601 time as found in token caches; undefined when it is not a time. */
export function parseAwsTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let s = value.trim();
  if (/UTC$/.test(s)) s = `${s.slice(0, -3).trim()}Z`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    return undefined;
  }
  const ms = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** The AWS CLI form, `%Y-%m-%dT%H:%M:%SZ` in UTC (whole seconds, rounded down). */
export function formatCliTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
