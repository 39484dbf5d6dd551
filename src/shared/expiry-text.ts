// How a credentials expiry is written as text: the ISO form the portal's formats and botocore use,
// and the AWS CLI's `export-credentials` form. Pure.

/**
 * Expiry as ISO 8601 UTC to the second, `2026-11-22T22:05:24Z` (the form botocore writes for SSO
 * credentials). Milliseconds are cut, never rounded up, so the shown expiry is never late.
 */
export function isoExpiration(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The expiry as `aws configure export-credentials` prints it: Python's `isoformat()` of a UTC
 * time, `2026-11-22T22:05:24+00:00`, to the second (as the SDKs and botocore read it back).
 */
export function cliExpiration(epochMs: number): string {
  return isoExpiration(epochMs).replace(/Z$/, '+00:00');
}
