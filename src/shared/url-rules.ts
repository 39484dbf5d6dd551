// The one rule for an https address a setting or a config file names (a start URL, an update
// feed): what is wrong with it, as the end of "this one …", or null when it is usable. Each
// caller adds its own rules and wording (rules.ts: startUrlProblem; updates.ts: feedUrlProblem).
// No zod here, so the CLI checks a start URL without loading it. Pure: no Node, DOM or Electron.
import { describeForbiddenChar } from './text-rules';

/**
 * Usable: an https URL of at most `maxLength` characters, with a host name that has a domain,
 * no user name or password (settings and config files never hold a secret), no spaces and no
 * characters that may never be written to an AWS file (./text-rules.ts).
 */
export function httpsUrlProblem(url: string, maxLength: number): string | null {
  if (url === '') return 'is empty';
  if (url.length > maxLength) return `is longer than ${maxLength} characters`;
  const forbidden = describeForbiddenChar(url);
  if (forbidden !== undefined) return `contains ${forbidden}`;
  if (/\s/u.test(url)) return 'contains spaces';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:') return 'does not start with https://';
  if (parsed.username !== '' || parsed.password !== '') {
    return 'must not contain a user name or password';
  }
  if (!parsed.hostname.includes('.')) return 'has no domain in its host name';
  return null;
}
