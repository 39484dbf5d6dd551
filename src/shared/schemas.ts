// The zod schemas of the domain values, each built from its rule in rules.ts, and the model types
// (Account, Role, …) inferred from them. The config reader, the settings store, the IPC contract,
// the CLI and the window's forms all use these, so a value one of them accepts is never refused by
// another. The rules are re-exported, so a module that needs both imports from here.
import { z } from 'zod';
import {
  ACCOUNT_ID_PATTERN,
  ERROR_CODES,
  ROLE_NAME_PATTERN,
  configNameProblem,
  configSessionNameProblem,
  profileNameProblem,
  regionProblem,
  startUrlMessage,
  startUrlProblem,
} from './rules';

export * from './rules';

export const accountIdSchema = z
  .string()
  .regex(ACCOUNT_ID_PATTERN, 'An AWS account id is 12 digits.');
export const roleNameSchema = z
  .string()
  .regex(ROLE_NAME_PATTERN, 'A role name is 1–64 letters, digits or +=,.@_- characters.');

export const regionSchema = z
  .string()
  .refine((r) => regionProblem(r) === null, 'A region looks like us-east-1.');

export const startUrlSchema = z.string().superRefine((url, ctx) => {
  const problem = startUrlProblem(url);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: startUrlMessage(problem) });
});

/** A profile name SSO Tray writes into the credentials file (default `ACCOUNTID_ROLENAME`). */
export const profileNameSchema = z.string().superRefine((name, ctx) => {
  const problem = profileNameProblem(name);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** The name of a new `[sso-session]` SSO Tray writes. */
export const newSessionNameSchema = z.string().superRefine((name, ctx) => {
  const problem = configNameProblem('session', name);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** Any session the app works with: one read from the config file, or one it created. */
export const sessionNameSchema = z.string().superRefine((name, ctx) => {
  const problem = configSessionNameProblem(name);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `The session ${problem}.` });
});

export const accountSchema = z.object({
  accountId: accountIdSchema,
  accountName: z.string().max(256),
  emailAddress: z.string().max(256),
});
export type Account = z.infer<typeof accountSchema>;

export const roleSchema = z.object({ accountId: accountIdSchema, roleName: roleNameSchema });
export type Role = z.infer<typeof roleSchema>;

/** A point in time as epoch milliseconds. */
export const epochMsSchema = z.number().int().nonnegative();

/** Temporary role credentials. `expiration` is epoch milliseconds, as the portal API returns it. */
export const roleCredentialsSchema = z.object({
  accessKeyId: z.string().min(1).max(256),
  secretAccessKey: z.string().min(1).max(1024),
  sessionToken: z.string().min(1).max(8192),
  expiration: epochMsSchema,
});
export type RoleCredentials = z.infer<typeof roleCredentialsSchema>;

/** A role of one session, as favourites, recents and active credentials refer to it. */
export const roleRefSchema = z.object({
  session: sessionNameSchema,
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  /** Shown in lists; optional so a ref stays valid before the accounts are loaded. */
  accountName: z.string().max(256).optional(),
});
export type RoleRef = z.infer<typeof roleRefSchema>;

export const recentSchema = roleRefSchema.extend({ usedAt: epochMsSchema });
export type Recent = z.infer<typeof recentSchema>;

/** The wire form of an error: what crosses IPC or is printed by the CLI. Never holds secrets. */
export const errorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().max(2000),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;
