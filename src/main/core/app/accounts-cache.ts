// The last known accounts and roles of each session, kept in the app's data folder so the list
// shows instantly at the next start and is then revalidated. No secrets: names, ids and emails.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { sortRoles } from '../../../shared/account-order';
import type { Account, Role } from '../../../shared/schemas';
import { readJsonFile, writeJsonFile } from './json-file';

const CACHE_VERSION = 1;

const cacheSchema = z.object({
  version: z.literal(CACHE_VERSION),
  session: z.string(),
  startUrl: z.string(),
  updatedAt: z.number().int().nonnegative(),
  accounts: z.array(
    z.object({ accountId: z.string(), accountName: z.string(), emailAddress: z.string() }),
  ),
  /** Role names by account id, for accounts whose roles were loaded. */
  roles: z.record(z.string(), z.array(z.string())),
});

export interface CachedAccounts {
  updatedAt: number;
  accounts: Account[];
  roles: Map<string, Role[]>;
}

export function accountsCachePath(dataDir: string, session: string): string {
  const id = createHash('sha1').update(session, 'utf8').digest('hex');
  return join(dataDir, 'accounts', `${id}.json`);
}

/** The cached list, or undefined when none (or it belongs to another start URL). */
export async function readAccountsCache(
  dataDir: string,
  session: string,
  startUrl: string,
): Promise<CachedAccounts | undefined> {
  const parsed = cacheSchema.safeParse(await readJsonFile(accountsCachePath(dataDir, session)));
  if (!parsed.success) return undefined;
  const data = parsed.data;
  if (data.session !== session || data.startUrl !== startUrl) return undefined;
  const known = new Set(data.accounts.map((a) => a.accountId));
  const roles = new Map<string, Role[]>();
  for (const [accountId, names] of Object.entries(data.roles)) {
    if (known.has(accountId))
      roles.set(accountId, sortRoles(names.map((roleName) => ({ accountId, roleName }))));
  }
  return { updatedAt: data.updatedAt, accounts: data.accounts, roles };
}

export async function writeAccountsCache(
  dataDir: string,
  session: string,
  startUrl: string,
  value: CachedAccounts,
): Promise<void> {
  const roles: Record<string, string[]> = {};
  for (const [accountId, list] of value.roles) roles[accountId] = list.map((r) => r.roleName);
  await writeJsonFile(accountsCachePath(dataDir, session), {
    version: CACHE_VERSION,
    session,
    startUrl,
    updatedAt: value.updatedAt,
    accounts: value.accounts,
    roles,
  });
}
