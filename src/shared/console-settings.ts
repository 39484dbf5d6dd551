// How "Open console" opens the AWS console for a session's roles: the way (the access portal's
// shortcut link, or a direct federation sign-in with the role's credentials), the page to land
// on, the region, and the browser (the default one, or a named one with a profile or a Firefox
// container). One rule for the settings store, the IPC contract, the window and the CLI. Pure.
import { z } from 'zod';
import { hasForbiddenChars } from './text-rules';
import { regionSchema } from './schemas';

/** `shortcut`: the portal's own link (needs the portal's browser session). `direct`: federation. */
export const CONSOLE_WAYS = ['shortcut', 'direct'] as const;
export type ConsoleWay = (typeof CONSOLE_WAYS)[number];

export const BROWSERS = ['default', 'chrome', 'edge', 'brave', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** The browsers whose profiles are folders chosen with `--profile-directory`. */
export const CHROMIUM_BROWSERS: readonly BrowserName[] = ['chrome', 'edge', 'brave'];

export const MAX_PROFILE_LENGTH = 100;
export const MAX_CONTAINER_LENGTH = 100;
export const MAX_DESTINATION_LENGTH = 2048;

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

const word = (what: 'profile' | 'container') =>
  z.string().superRefine((v, ctx) => {
    const p = browserWordProblem(what, v);
    if (p !== null) ctx.addIssue({ code: 'custom', message: p });
  });

export const destinationSchema = z.string().superRefine((v, ctx) => {
  const p = destinationProblem(v);
  if (p !== null) ctx.addIssue({ code: 'custom', message: p });
});

/** Which browser opens the console, and in which profile or container. */
export const browserChoiceSchema = z
  .object({
    browser: z.enum(BROWSERS),
    /** Chrome/Edge/Brave: the profile folder (`Default`, `Profile 1`); Firefox: the profile name. */
    profile: word('profile').optional(),
    /** Firefox only: the container of the "Open external links in a container" add-on. */
    container: word('container').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.browser === 'default' && c.profile !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'A profile needs a named browser, not the default.',
      });
    }
    if (c.container !== undefined && c.browser !== 'firefox') {
      ctx.addIssue({ code: 'custom', message: 'Containers are a Firefox feature.' });
    }
  });
export type BrowserChoice = z.infer<typeof browserChoiceSchema>;

export const DEFAULT_BROWSER: BrowserChoice = { browser: 'default' };

/** A session's console settings. */
export const consoleSettingsSchema = z
  .object({
    way: z.enum(CONSOLE_WAYS),
    /** The page the direct sign-in lands on; the console home when absent. */
    destination: destinationSchema.optional(),
    /** The console's region for the direct sign-in; the session's region when absent. */
    region: regionSchema.optional(),
    browser: browserChoiceSchema,
  })
  .strict();
export type ConsoleSettings = z.infer<typeof consoleSettingsSchema>;

/** The shortcut link in the default browser: what a session uses until the user chooses. */
export function defaultConsoleSettings(): ConsoleSettings {
  return { way: 'shortcut', browser: { ...DEFAULT_BROWSER } };
}
