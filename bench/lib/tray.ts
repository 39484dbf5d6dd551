// The tray menu model for a large organisation: `buildTrayMenu` for N accounts in the order main
// keeps them (with their roles), against the listing's own sort of the same accounts in the
// order the portal returns them (`sortAccounts`, what the app does when a listing ends).
import { sortAccounts } from '../../src/shared/account-order';
import { buildTrayMenu } from '../../src/main/core/tray/menu';
import { walkMenu } from '../../src/main/core/tray/menu-lookup';
import type { TrayState } from '../../src/main/core/tray/state';
import { generateOrganisation } from '../../tools/emulator/org';

export interface TrayRun {
  accounts: number;
  menuMs: number[];
  sortMs: number[];
  /** Building every item below the accounts too (what walking the whole menu does). */
  everyItemMs: number;
  items: number;
}

export function runTrayBench(o: { accounts: number; runs: number }): TrayRun {
  const org = generateOrganisation({ seed: 1, accounts: o.accounts });
  const asListed = org.accounts.map(({ accountId, accountName, emailAddress }) => ({
    accountId,
    accountName,
    emailAddress,
  }));
  const roles = new Map(org.accounts.map((a) => [a.accountId, [...a.roles]]));
  const now = Date.now();
  const state = (accounts: typeof asListed): TrayState => ({
    now,
    platform: 'linux',
    sessions: [{ name: 'bench', status: 'signed-in', expiresAt: now + 8 * 3600_000 }],
    activeSession: 'bench',
    accounts: accounts.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      roles: roles.get(a.accountId) ?? [],
    })),
    favourites: [],
    recents: [],
    credentials: [],
    thresholdsMinutes: [15, 5],
  });
  const displayed = state(sortAccounts(asListed));
  const menuMs: number[] = [];
  const sortMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    let t = performance.now();
    buildTrayMenu(displayed);
    menuMs.push(performance.now() - t);
    t = performance.now();
    sortAccounts(asListed);
    sortMs.push(performance.now() - t);
  }
  const t = performance.now();
  let items = 0;
  for (const _ of walkMenu(buildTrayMenu(displayed))) items++;
  return { accounts: o.accounts, menuMs, sortMs, everyItemMs: performance.now() - t, items };
}
