// The plain rules of how "Open console" opens the AWS console: the ways, the browsers, and what
// makes a browser profile, container or console page unusable. No zod here, so the CLI can check
// its flags without loading it; ./console-settings.ts builds the settings schemas from these.
import { hasForbiddenChars } from './text-rules';

/** `shortcut`: the portal's own link (needs the portal's browser session). `direct`: federation. */
export const CONSOLE_WAYS = ['shortcut', 'direct'] as const;
export type ConsoleWay = (typeof CONSOLE_WAYS)[number];

export const BROWSERS = ['default', 'chrome', 'edge', 'brave', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** The browsers whose profiles are folders chosen with `--profile-directory`. */
export const CHROMIUM_BROWSERS: readonly BrowserName[] = ['chrome', 'edge', 'brave'];

const MAX_PROFILE_LENGTH = 100;
const MAX_CONTAINER_LENGTH = 100;
const MAX_DESTINATION_LENGTH = 2048;

/** Why a browser profile or container name cannot be used; null when it can. */
export function browserWordProblem(what: 'profile' | 'container', value: string): string | null {
  const label = what === 'profile' ? 'The browser profile' : 'The container name';
  const max = what === 'profile' ? MAX_PROFILE_LENGTH : MAX_CONTAINER_LENGTH;
  if (value.trim() === '') return `${label} is empty.`;
  if (value !== value.trim()) return `${label} starts or ends with a space.`;
  if (value.length > max) return `${label} is longer than ${max} characters.`;
  if (hasForbiddenChars(value)) return `${label} contains a control character.`;
  // Windows would have to quote it inside the argument; no browser names its profiles so.
  if (value.includes('"')) return `${label} cannot contain a double quote.`;
  // The browser would read a leading `-` as an option of its own, not as a name.
  if (value.startsWith('-')) return `${label} cannot start with "-".`;
  return null;
}

/**
 * Why a console destination cannot be used; null when it can. Either a path on the console host
 * (`/ec2/home`, `/s3/buckets`) or an https URL (whose host is checked against the partition's
 * console host when the URL is built).
 */
export function destinationProblem(value: string): string | null {
  if (value.length > MAX_DESTINATION_LENGTH) {
    return `The console page is longer than ${MAX_DESTINATION_LENGTH} characters.`;
  }
  if (hasForbiddenChars(value) || /\s/.test(value)) {
    return 'The console page contains a space or a control character.';
  }
  if (value.startsWith('/') && !value.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The console page is neither a path such as /ec2/home nor an https URL.';
  }
  if (url.protocol !== 'https:') return 'The console page must be an https URL or a path.';
  if (url.username !== '' || url.password !== '') return 'The console page URL has a user name.';
  return null;
}

/** Why a browser, profile and container do not go together; null when they do. */
export function browserPairProblem(c: {
  browser: BrowserName;
  profile?: string | undefined;
  container?: string | undefined;
}): string | null {
  if (c.browser === 'default' && c.profile !== undefined) {
    return 'A profile needs a named browser, not the default.';
  }
  if (c.container !== undefined && c.browser !== 'firefox')
    return 'Containers are a Firefox feature.';
  return null;
}

/** Why a whole browser choice cannot be used (its words, then how they go together); null when it can. */
export function browserChoiceProblem(c: {
  browser: BrowserName;
  profile?: string | undefined;
  container?: string | undefined;
}): string | null {
  return (
    (c.profile === undefined ? null : browserWordProblem('profile', c.profile)) ??
    (c.container === undefined ? null : browserWordProblem('container', c.container)) ??
    browserPairProblem(c)
  );
}
