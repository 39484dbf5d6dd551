import { SsoTrayError } from '../errors';
import { forbiddenCharsMessage } from '../../../shared/text-rules';

const REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const MAX_START_URL = 512;

/** Throws INVALID_REGION unless `region` looks like an AWS region name (e.g. `eu-west-1`). */
export function validateRegion(region: string): string {
  const r = region.trim();
  if (!REGION_RE.test(r)) {
    throw new SsoTrayError(
      'INVALID_REGION',
      `"${printable(r)}" is not an AWS region name (expected something like us-east-1 or eu-west-1).`,
    );
  }
  return r;
}

/** Throws INVALID_START_URL unless `url` is an https URL with a host, no spaces, ≤ 512 chars. */
export function validateStartUrl(url: string): string {
  const forbidden = forbiddenCharsMessage('The start URL', url);
  if (forbidden !== undefined) throw new SsoTrayError('INVALID_START_URL', forbidden);
  const u = url.trim();
  const bad = (why: string): never => {
    throw new SsoTrayError(
      'INVALID_START_URL',
      `The start URL ${why}. It looks like https://d-1234567890.awsapps.com/start.`,
    );
  };
  if (u.length === 0) bad('is empty');
  if (u.length > MAX_START_URL) bad(`is longer than ${MAX_START_URL} characters`);
  if (/\s/.test(u)) bad('contains spaces');
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return bad(`"${printable(u)}" is not a URL`);
  }
  if (parsed.protocol !== 'https:') bad('must start with https://');
  if (!parsed.hostname) bad('has no host name');
  if (parsed.username || parsed.password) bad('must not contain a user name or password');
  return u;
}

/**
 * A session name for a start URL: the first label of its host (`d-1234567890` for
 * `https://d-1234567890.awsapps.com/start`), limited to characters safe in an INI header.
 */
export function sessionNameFromStartUrl(startUrl: string): string {
  const host = new URL(startUrl).hostname;
  const label = (host.split('.')[0] ?? host).toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  return label || 'default';
}

/** Throws INVALID_INPUT for session names the AWS tools cannot read back from an INI header. */
export function validateSessionName(name: string): string {
  const forbidden = forbiddenCharsMessage('The session name', name);
  if (forbidden !== undefined) throw new SsoTrayError('INVALID_INPUT', forbidden);
  if (!name || /[[\]\s#;]/.test(name) || name.length > 128) {
    throw new SsoTrayError(
      'INVALID_INPUT',
      `"${printable(name)}" cannot be used as a session name: use letters, digits, "-" or "_".`,
    );
  }
  return name;
}

function printable(s: string): string {
  const t = s.replace(/[^\x20-\x7e]/g, '?');
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
