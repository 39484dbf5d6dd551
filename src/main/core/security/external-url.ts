// Which URLs the app may hand to the OS browser (`shell.openExternal`). A URL that reaches the
// browser can start a download, a custom-protocol handler or a phishing page, so only https
// pages on AWS sign-in/console/portal hosts, and on start URL hosts outside AWS that the user
// confirmed in a dialog shown by main, are let through.

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
const AWS_EXACT_HOSTS = [
  'console.aws.amazon.com',
  'signin.aws.amazon.com',
  // the console sign-in (federation) and console hosts of the other partitions
  'signin.amazonaws-us-gov.com',
  'console.amazonaws-us-gov.com',
  'signin.amazonaws.cn',
  'console.amazonaws.cn',
  'console.amazonaws-eusc.eu',
];
const AWS_HOST_SUFFIXES = [
  '.signin.aws.amazon.com',
  '.console.aws.amazon.com',
  '.awsapps.com',
  '.signin.amazonaws-us-gov.com',
  '.console.amazonaws-us-gov.com',
  '.signin.amazonaws.cn',
  '.console.amazonaws.cn',
  // the European Sovereign Cloud's sign-in endpoints are per region: <region>.signin.…
  '.signin.amazonaws-eusc.eu',
  '.console.amazonaws-eusc.eu',
];
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

// ---- which start URL hosts belong to AWS -------------------------------------------------------
//
// Where the AWS access portal lives, by partition. Sources: the AWS CLI v2's start URL resolver
// (awscli/customizations/sso/resolve.py, its list of AWS-owned suffixes, and aws/aws-cli issue
// #10464, where China's `.awsapps.cn` had been left out of it); the AWS SDK for .NET's
// SSOEndpointResolver and its unit tests, which spell out the portal, IPv4-only and issuer forms
// of each partition; the AWS GovCloud (US) User Guide's IAM Identity Center page for the GovCloud
// portal address (Noovolari/leapp issue #239 shows it with the region in it); users' reports of
// the China portal address (pyro2927/AWS_SSO_Containers issue #23).
// - commercial: `<directory id or alias>.awsapps.com/start`; the newer portal
//   `<instance id>.portal.<region>.app.aws` (dual stack) and
//   `<instance id>.<region>.portal.amazonaws.com` (IPv4 only); the issuer form
//   `identitycenter.amazonaws.com/<instance id>`.
// - GovCloud (US): `start.us-gov-home.awsapps.com/directory/<id>` (also
//   `start.us-gov-west-1.us-gov-home.awsapps.com`), the IPv4-only form under
//   `portal.amazonaws.com`, and the issuer host `identitycenter.us-gov.amazonaws.com`.
// - China: `start.home.awsapps.cn/directory/<id>` and `start.<region>.home.awsapps.cn/...`;
//   the newer `<id>.portal.<region>.app.amazonwebservices.com.cn` and
//   `<id>.<region>.portal.amazonaws.com.cn`; the issuer host `identitycenter.amazonaws.com.cn`.
// - European Sovereign Cloud: `<id>.portal.<region>.api.amazonwebservices.eu` and
//   `<id>.<region>.portal.amazonaws.eu`; the issuer host `identitycenter.amazonaws.eu`.
// The AWS CLI takes any host under `api.amazonwebservices.eu`; that name also holds every
// dual-stack service endpoint of the partition, some serving customers' own content (S3
// buckets), so here only the portal form under it counts.
// Any other start URL host is a company's own domain that redirects to one of these: allowed,
// once the user confirmed it in a dialog shown by main (see Sessions), asked once per host.

/** Any name below these suffixes (never the bare suffix). */
const AWS_PORTAL_SUFFIXES = [
  '.awsapps.com',
  '.app.aws',
  '.portal.amazonaws.com',
  '.awsapps.cn',
  '.app.amazonwebservices.com.cn',
  '.portal.amazonaws.com.cn',
  '.portal.amazonaws.eu',
];
/** `<id>.portal.<region>.api.amazonwebservices.eu`, the European Sovereign Cloud's dual stack. */
const EUSC_DUAL_STACK_PORTAL = /^[a-z0-9-]+\.portal\.[a-z0-9-]+\.api\.amazonwebservices\.eu$/;
const AWS_ISSUER_HOSTS = [
  'identitycenter.amazonaws.com',
  'identitycenter.us-gov.amazonaws.com',
  'identitycenter.amazonaws.com.cn',
  'identitycenter.amazonaws.eu',
];

/**
 * Whether `host` (as `URL.hostname` gives it: lower case, IDN in punycode) is an AWS access
 * portal host in any partition. A trailing dot is ignored; look-alikes such as
 * `awsapps.com.evil.com`, `evil-awsapps.com` or a homograph (`xn--…`) are not AWS hosts.
 */
export function isAwsPortalHost(host: string): boolean {
  const h = normaliseHost(host);
  if (h === '' || !/^[a-z0-9.-]+$/.test(h) || h.includes('..')) return false;
  if (AWS_ISSUER_HOSTS.includes(h)) return true;
  if (EUSC_DUAL_STACK_PORTAL.test(h)) return true;
  return AWS_PORTAL_SUFFIXES.some((s) => h.endsWith(s) && h.length > s.length);
}

/**
 * The host a start URL points the browser at, lower case without a trailing dot; null when the
 * URL is not https, carries user-info (`https://d-1.awsapps.com@evil.com` is evil.com), names a
 * port other than 443, or does not parse.
 */
export function startUrlHost(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '' && parsed.port !== '443') return null;
  return normaliseHost(parsed.hostname) || null;
}

/** A start URL that needs no question: https, no user-info, port 443, on an AWS portal host. */
export function isAwsStartUrl(url: string): boolean {
  const host = startUrlHost(url);
  return host !== null && isAwsPortalHost(host);
}

/** The host of a URL string, lower-cased, or null when it does not parse. */
function hostOf(url: string): string | null {
  try {
    return normaliseHost(new URL(url).hostname) || null;
  } catch {
    return null;
  }
}

/**
 * The allow-list for the configured sessions: each start URL's host when it is an AWS portal
 * host or one the user confirmed (`trustedStartUrlHosts`), the region's OIDC hosts (device
 * verification and authorize pages), plus endpoint overrides (the emulator).
 */
export function allowListFor(
  sessions: readonly { startUrl: string; region: string }[],
  env: Record<string, string | undefined> = {},
  options: { allowLoopbackHttp?: boolean; trustedStartUrlHosts?: readonly string[] } = {},
): ExternalUrlAllowList {
  const trusted = new Set((options.trustedStartUrlHosts ?? []).map(normaliseHost));
  const startUrlHosts = new Set<string>();
  const oidcHosts = new Set<string>();
  for (const s of sessions) {
    const host = startUrlHost(s.startUrl);
    if (host !== null && (isAwsPortalHost(host) || trusted.has(host))) startUrlHosts.add(host);
    if (/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(s.region)) {
      oidcHosts.add(`device.sso.${s.region}.amazonaws.com`);
      oidcHosts.add(`oidc.${s.region}.amazonaws.com`);
    }
  }
  // The console sign-in's federation endpoint, when pointed elsewhere (AWS_ENDPOINT_URL_SIGNIN).
  for (const name of ['AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SIGNIN']) {
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
