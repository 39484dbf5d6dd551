// How "Open console" opens the AWS console for a session's roles: the way (the access portal's
// shortcut link, or a direct federation sign-in with the role's credentials), the page to land
// on, the region, and the browser (the default one, or a named one with a profile or a Firefox
// container). One rule for the settings store, the IPC contract, the window and the CLI. Pure.
import { z } from 'zod';
import {
  BROWSERS,
  CONSOLE_WAYS,
  browserPairProblem,
  browserWordProblem,
  destinationProblem,
} from './console-rules';
import { regionSchema } from './schemas';

export {
  BROWSERS,
  CHROMIUM_BROWSERS,
  browserWordProblem,
  destinationProblem,
  type BrowserName,
  type ConsoleWay,
} from './console-rules';

const word = (what: 'profile' | 'container') =>
  z.string().superRefine((v, ctx) => {
    const p = browserWordProblem(what, v);
    if (p !== null) ctx.addIssue({ code: 'custom', message: p });
  });

const destinationSchema = z.string().superRefine((v, ctx) => {
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
    const p = browserPairProblem(c);
    if (p !== null) ctx.addIssue({ code: 'custom', message: p });
  });
export type BrowserChoice = z.infer<typeof browserChoiceSchema>;

const DEFAULT_BROWSER: BrowserChoice = { browser: 'default' };

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
