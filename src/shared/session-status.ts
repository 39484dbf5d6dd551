// The wire shapes (zod) of a session's status (`status.get`) and of what changed since the last
// listing (the `accounts` event), built from the plain rules of ./status-rules.ts, which this
// module re-exports. Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import { epochMsSchema, sessionNameSchema } from './schemas';
import { SESSION_STATUS_STATES, type ListingChanges, type SessionStatusView } from './status-rules';

export * from './status-rules';

const sessionStatusSchema = z.object({
  session: sessionNameSchema,
  state: z.enum(SESSION_STATUS_STATES),
  expiresAt: epochMsSchema.nullable(),
  refreshToken: z.boolean(),
  registrationExpiresAt: epochMsSchema.nullable(),
  accountsListedAt: epochMsSchema.nullable(),
  accounts: z.number().int().nonnegative().nullable(),
  roles: z.number().int().nonnegative().nullable(),
}) satisfies z.ZodType<SessionStatusView, SessionStatusView>;

export const statusResultSchema = z.object({ sessions: z.array(sessionStatusSchema) });
export type StatusResult = z.infer<typeof statusResultSchema>;

const changedAccountSchema = z.object({
  accountId: z.string().max(12),
  accountName: z.string().max(256),
});
const changedRoleSchema = changedAccountSchema.extend({ roleName: z.string().max(64) });

export const listingChangesSchema = z.object({
  since: epochMsSchema,
  addedAccounts: z.array(changedAccountSchema),
  removedAccounts: z.array(changedAccountSchema),
  addedRoles: z.array(changedRoleSchema),
  removedRoles: z.array(changedRoleSchema),
}) satisfies z.ZodType<ListingChanges, ListingChanges>;
