// What Settings → Profiles keeps per session (the name template and the profiles' region), and
// the preview the window shows of a populate run. Built from the plain rule in
// ./profile-template, so the settings store, the IPC contract and the window agree. Pure: zod.
import { z } from 'zod';
import { MAX_TEMPLATE_LENGTH, templateProblem } from './profile-template';
import { regionSchema, sessionNameSchema } from './schemas';

export { DEFAULT_TEMPLATE, TEMPLATE_FIELDS, templateProblem } from './profile-template';

/** A template the rule accepts. */
const templateSchema = z.string().superRefine((v, ctx) => {
  const p = templateProblem(v);
  if (p !== null) ctx.addIssue({ code: 'custom', message: p });
});

/** A template as typed: any text of a bounded length (the preview says what is wrong with it). */
export const typedTemplateSchema = z.string().max(MAX_TEMPLATE_LENGTH * 4);

/** A session's saved choices; absent fields are the defaults (DEFAULT_TEMPLATE, its region). */
export const profileSettingsSchema = z
  .object({
    template: templateSchema,
    region: regionSchema.optional(),
  })
  .strict();
export type ProfileSettings = z.infer<typeof profileSettingsSchema>;

/** How many names of each kind the preview lists. */
export const PREVIEW_NAMES = 8;

const someNames = z.object({
  count: z.number().int().nonnegative(),
  /** The first PREVIEW_NAMES of them, in the order of the roles. */
  first: z.array(z.string().max(200)).max(PREVIEW_NAMES),
});

/** What a populate run would do (preview) or did (write), in counts and first names. */
export const profilesPlanSchema = z.object({
  session: sessionNameSchema,
  /** The config file written. */
  file: z.string().max(4096),
  template: z.string().max(MAX_TEMPLATE_LENGTH * 4),
  /** The profiles' region. */
  region: z.string().max(64),
  /** How many roles the session has: one profile each. */
  roles: z.number().int().nonnegative(),
  /** The profile names, first ones. */
  names: someNames,
  add: someNames,
  change: someNames,
  /** Profiles that already say what would be written. */
  unchanged: z.number().int().nonnegative(),
  /** Profiles an earlier populate wrote that no role calls for any more (what Prune removes). */
  remove: someNames,
  /** Such profiles changed by hand since: never pruned. */
  keptChanged: someNames,
  /** Whether [sso-session NAME] is added (or completed). */
  sessionAdded: z.boolean(),
  /** Why nothing can be written as asked (a bad template), in a full sentence; null when fine. */
  problem: z.string().max(600).nullable(),
});
export type ProfilesPlan = z.infer<typeof profilesPlanSchema>;

export const profilesWriteResultSchema = profilesPlanSchema.extend({
  /** The user said no to removing profiles (or could not be asked): nothing was written. */
  cancelled: z.boolean(),
});
export type ProfilesWriteResult = z.infer<typeof profilesWriteResultSchema>;
