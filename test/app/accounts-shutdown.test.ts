// Shutting the accounts service down while a listing runs: once `dispose` resolves, the
// listing neither emits nor writes its cache, so the host may remove the data folder (the app
// quitting, a test cleaning up). The portal is a fake port whose answers the test releases.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsService, type AccountSessions } from '../../src/main/core/app/accounts';
import { EventBus } from '../../src/main/core/app/events';
import type { SsoPort } from '../../src/main/core/app/ports';
import type { Account, Role } from '../../src/shared/schemas';
import type { ListingChanges } from '../../src/shared/status-rules';
import { deferred } from '../support/deferred';

const SESSION = 'work';
const ACCOUNTS: Account[] = [
  { accountId: '111111111111', accountName: 'alpha', emailAddress: 'a@example.com' },
  { accountId: '222222222222', accountName: 'beta', emailAddress: 'b@example.com' },
];

const sessions: AccountSessions = {
  config: (name) => ({
    name,
    startUrl: 'https://example.awsapps.com/start',
    region: 'eu-west-1',
    scopes: [],
    kind: 'sso-session',
    cacheKey: name,
    profiles: [],
  }),
  isSignedIn: () => true,
  noteError: () => undefined,
};

/** A portal that answers the account list and the roles only when the test says so. */
function heldPortal() {
  const accounts = deferred<Account[]>();
  const roles = deferred<void>();
  const portal = {
    listAccounts: () => accounts.promise,
    listAllRoles: async (
      _session: string,
      list: Account[],
      onRoles?: (accountId: string, roles: Role[]) => void,
    ) => {
      await roles.promise;
      const all = new Map<string, Role[]>();
      for (const a of list) {
        const r = [{ accountId: a.accountId, roleName: 'Admin' }];
        all.set(a.accountId, r);
        onRoles?.(a.accountId, r);
      }
      return all;
    },
  } as Partial<SsoPort> as SsoPort;
  return { portal, accounts, roles };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function service() {
  dir = await mkdtemp(join(tmpdir(), 'sso-tray-accounts-'));
  const held = heldPortal();
  const bus = new EventBus();
  const events: unknown[] = [];
  bus.subscribe((_name, payload) => events.push(payload));
  const accounts = new AccountsService({
    dataDir: dir,
    sso: held.portal,
    sessions,
    bus,
    now: () => 1_700_000_000_000,
    changed: () => undefined,
  });
  return { accounts, held, events, dataDir: dir };
}

/** Every file under `root`, relative, sorted (an absent folder has none). */
async function filesUnder(root: string): Promise<string[]> {
  try {
    return (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Lets every settled promise's continuations and pending file operations run. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('the accounts service shutting down', () => {
  it('a listing still waiting for accounts writes nothing and emits nothing after dispose', async () => {
    const { accounts, held, events, dataDir } = await service();
    await accounts.list(SESSION);
    expect(accounts.isLoading(SESSION)).toBe(true);

    await accounts.dispose();
    const emitted = events.length;
    held.accounts.resolve(ACCOUNTS);
    held.roles.resolve();
    await settle();

    expect(await filesUnder(dataDir)).toEqual([]);
    expect(events.length).toBe(emitted);
  });

  it('a listing between its two cache writes stops there: the first write is whole, no second', async () => {
    const { accounts, held, dataDir } = await service();
    await accounts.list(SESSION);
    held.accounts.resolve(ACCOUNTS);
    // the account list is written before the roles are asked for
    for (let i = 0; i < 100 && (await filesUnder(dataDir)).length === 0; i += 1) await settle();
    const afterAccounts = await filesUnder(dataDir);
    expect(afterAccounts).toHaveLength(1);

    await accounts.dispose();
    // the folder can go now; a write after dispose would bring it back
    await rm(dataDir, { recursive: true, force: true });
    held.roles.resolve();
    await settle();
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  it('a listing that changed tells nobody once the service is disposed before it ends', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-tray-accounts-'));
    // The portal's organisation, changed between the two listings.
    let org = ACCOUNTS.slice(0, 1);
    const portal = {
      listAccounts: async () => org,
      listAllRoles: async (
        _session: string,
        list: Account[],
        onRoles?: (accountId: string, roles: Role[]) => void,
      ) => {
        const all = new Map<string, Role[]>();
        for (const a of list) {
          const r = [{ accountId: a.accountId, roleName: 'Admin' }];
          all.set(a.accountId, r);
          onRoles?.(a.accountId, r);
        }
        return all;
      },
    } as Partial<SsoPort> as SsoPort;
    const bus = new EventBus();
    const told: Array<{ session: string; changes: ListingChanges }> = [];
    const accounts = new AccountsService({
      dataDir: dir,
      sso: portal,
      sessions,
      bus,
      now: () => 1_700_000_000_000,
      changed: () => undefined,
      onChanges: (session, changes) => told.push({ session, changes }),
    });
    await accounts.list(SESSION);
    await accounts.idle(SESSION);
    expect(told).toEqual([]); // a first listing compares with nothing

    // A check that can fail: without the dispose, the second listing's change is told.
    org = ACCOUNTS;
    await accounts.refresh(SESSION);
    await accounts.idle(SESSION);
    expect(told.map((t) => t.changes.addedAccounts.map((a) => a.accountId))).toEqual([
      ['222222222222'],
    ]);

    // The third listing adds an account again; the app quits as its roles arrive (the event
    // that carries them is the last one before the listing saves its cache and ends).
    org = [
      ...ACCOUNTS,
      { accountId: '333333333333', accountName: 'gamma', emailAddress: 'c@example.com' },
    ];
    let disposing: Promise<void> | undefined;
    bus.subscribe((_name, payload) => {
      const e = payload as { roles?: Record<string, string[]>; loading?: boolean };
      if (disposing === undefined && e.loading === true && Object.keys(e.roles ?? {}).length > 0) {
        disposing = accounts.dispose();
      }
    });
    await accounts.refresh(SESSION);
    await accounts.idle(SESSION);
    await settle();
    expect(disposing).toBeDefined();
    await disposing;
    expect(told).toHaveLength(1);
  });

  it('refuses to start a listing once disposed', async () => {
    const { accounts } = await service();
    await accounts.dispose();
    await accounts.list(SESSION);
    expect(accounts.isLoading(SESSION)).toBe(false);
  });
});
