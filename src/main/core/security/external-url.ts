// Which URLs the app may hand to the OS browser (`shell.openExternal`). A URL that reaches the
// browser can start a download, a custom-protocol handler or a phishing page, so only https
// pages on AWS sign-in/console hosts and on hosts the user configured are let through.

export interface ExternalUrlAllowList {
  /** Hosts of the user's start URLs (e.g. `d-1234567890.awsapps.com`, or a custom domain). */
  startUrlHosts: readonly string[];
  /** Hosts of OIDC verification/authorize pages (e.g. `device.sso.us-east-1.amazonaws.com`). */
  oidcHosts: readonly string[];
  /**
   * Development only (the demo against the local emulator): also allow `http:` on loopback
   * hosts. Never set in a packaged build.
   */
  allowLoopbackHttp?: boolean;
}

/** AWS-owned hosts where a sign-in or console page can legitimately live. */
const AWS_EXACT_HOSTS = ['console.aws.amazon.com', 'signin.aws.amazon.com'];
const AWS_HOST_SUFFIXES = ['.signin.aws.amazon.com', '.console.aws.amazon.com', '.awsapps.com'];
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

function hostMatches(host: string, allow: ExternalUrlAllowList): boolean {
  if (AWS_EXACT_HOSTS.includes(host)) return true;
  if (AWS_HOST_SUFFIXES.some((s) => host.endsWith(s) && host.length > s.length)) return true;
  const configured = [...allow.startUrlHosts, ...allow.oidcHosts].map(normaliseHost);
  return configured.includes(host);
}

/**
 * True when `url` may be opened in the user's browser. Parsed with WHATWG `URL` (the same parser
 * Chromium uses), so `https://console.aws.amazon.com@evil.com` is seen as host `evil.com`, and
 * IDN hosts arrive punycoded (`xn--…`) and so never equal an ASCII allow-list entry.
 */
export function isAllowedExternalUrl(url: string, allow: ExternalUrlAllowList): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a URL are only ever a trick to make a host look like another.
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = normaliseHost(parsed.hostname);
  if (host === '') return false;
  if (parsed.protocol === 'http:') {
    return allow.allowLoopbackHttp === true && LOOPBACK_HOSTS.includes(host);
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.port !== '' && parsed.port !== '443') return false;
  return hostMatches(host, allow);
}

/** The host of a URL string, lower-cased, or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return normaliseHost(new URL(url).hostname) || null;
  } catch {
    return null;
  }
}

/**
 * The allow-list for the configured sessions: each start URL's host and the region's OIDC
 * hosts (device verification and authorize pages), plus endpoint overrides (the emulator).
 */
export function allowListFor(
  sessions: readonly { startUrl: string; region: string }[],
  env: Record<string, string | undefined> = {},
  options: { allowLoopbackHttp?: boolean } = {},
): ExternalUrlAllowList {
  const startUrlHosts = new Set<string>();
  const oidcHosts = new Set<string>();
  for (const s of sessions) {
    const host = hostOf(s.startUrl);
    if (host !== null) startUrlHosts.add(host);
    if (/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(s.region)) {
      oidcHosts.add(`device.sso.${s.region}.amazonaws.com`);
      oidcHosts.add(`oidc.${s.region}.amazonaws.com`);
    }
  }
  for (const name of ['AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL']) {
    const value = env[name];
    const host = value === undefined ? null : hostOf(value);
    if (host !== null) oidcHosts.add(host);
  }
  return {
    startUrlHosts: [...startUrlHosts],
    oidcHosts: [...oidcHosts],
    allowLoopbackHttp: options.allowLoopbackHttp === true,
  };
}
