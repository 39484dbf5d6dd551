// What the `sso-tray` command keeps of the accounts and roles it listed, so that shell
// completion can offer account ids, account names and role names without a network call, and
// `sso-tray status` and `sso-tray accounts --changes` can tell when the last listing was and
// what changed since. Every `sso-tray accounts` and `sso-tray populate` replaces it. The same
// cache format as the app's (app/accounts-cache.ts), in ~/.aws/sso-tray/accounts/ beside the
// record of written profiles (the app keeps its own in its data folder). No secrets: names,
// ids, emails.
import { join } from 'node:path';
import { awsHome, type Env } from '../main/core/aws-paths';
import type { CachedAccounts } from '../main/core/app/accounts-cache';
import type { Logger } from '../main/core/log/logger';
import type { Account, Role } from '../shared/schemas';

/** The folder of the command's own caches. */
export function cliDataDir(env: Env): string {
  return join(awsHome(env), '.aws', 'sso-tray');
}

/** Saves a listing; a failure only costs completion its values (logged). */
export async function saveAccountsCache(
  env: Env,
  session: { name: string; startUrl: string },
  accounts: Account[],
  roles: Map<string, Role[]>,
  log: Logger,
  /** When the listing was made (epoch ms). */
  updatedAt: number = Date.now(),
): Promise<void> {
  try {
    // Loaded here: its file schema needs zod, which a command answering from a cache never loads.
    const { writeAccountsCache } = await import('../main/core/app/accounts-cache');
    await writeAccountsCache(cliDataDir(env), session.name, session.startUrl, {
      updatedAt,
      accounts,
      roles,
    });
  } catch (e) {
    log.warn('the accounts cache could not be written', { session: session.name, error: e });
  }
}

/** The session's last listing by the command, or undefined when none (or for another start URL). */
export async function loadAccountsCache(
  env: Env,
  session: { name: string; startUrl: string },
): Promise<CachedAccounts | undefined> {
  // Loaded here for the same reason as above.
  const { readAccountsCache } = await import('../main/core/app/accounts-cache');
  return readAccountsCache(cliDataDir(env), session.name, session.startUrl);
}
