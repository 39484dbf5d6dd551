// The accounts cache as the listings write it: a failed write is only logged (the cache speeds
// up the next start, the list in memory is what matters now), and once closed nothing is
// written again and `close` waits for the writes already under way, so the data folder is left
// alone when it resolves (the app quitting, a test removing the folder).
import { silentLogger, type Logger } from '../log/logger';
import { writeAccountsCache } from './accounts-cache';
import type { SessionAccounts } from './accounts-entry';

export class AccountsCacheWrites {
  private readonly saving = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger = silentLogger,
  ) {}

  /** Writes what the entry holds now (nothing before its first listing, or once closed). */
  async save(session: string, startUrl: string, entry: SessionAccounts): Promise<void> {
    if (entry.updatedAt === null || this.closed) return;
    const write = this.write(session, startUrl, entry);
    this.saving.add(write);
    try {
      await write;
    } finally {
      this.saving.delete(write);
    }
  }

  /** Refuses every later write and resolves once the running ones have ended. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.saving]);
  }

  private async write(session: string, startUrl: string, entry: SessionAccounts): Promise<void> {
    if (entry.updatedAt === null) return;
    try {
      await writeAccountsCache(this.dataDir, session, startUrl, {
        updatedAt: entry.updatedAt,
        accounts: entry.accounts,
        roles: entry.roles,
      });
    } catch (e) {
      this.log.warn('the accounts cache could not be written', { session, error: e });
    }
  }
}
