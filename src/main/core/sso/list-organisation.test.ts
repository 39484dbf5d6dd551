import { describe, expect, it } from 'vitest';
import type { Account, Role } from '../../../shared/schemas';
import { deferred } from '../../../../test/support/deferred';
import { listOrganisation, type OrganisationSource } from './list-organisation';

const account = (n: number): Account => ({
  accountId: String(100000000000 + n),
  accountName: `a${n}`,
  emailAddress: `a${n}@example.com`,
});
const rolesOf = (a: Account): Role[] => [{ accountId: a.accountId, roleName: 'Admin' }];

/** A portal whose pages the test releases one by one; it records what happened in order. */
function pagedSource(pages: Account[][], o: { failRolesOf?: string; failPage?: number } = {}) {
  const log: string[] = [];
  const gates = pages.map(() => deferred<void>());
  const aborted: string[] = [];
  const source: OrganisationSource = {
    async listAccounts(_session, onPage) {
      const all: Account[] = [];
      for (const [i, page] of pages.entries()) {
        await gates[i]!.promise;
        if (o.failPage === i) throw new Error(`page ${i} failed`);
        log.push(`page ${i}`);
        all.push(...page);
        onPage?.(page);
      }
      return all;
    },
    async listAllRoles(_session, accounts, onRoles, signal) {
      log.push(`roles of ${accounts.map((a) => a.accountName).join(',')}`);
      const out = new Map<string, Role[]>();
      for (const a of accounts) {
        await new Promise((r) => setTimeout(r, 1));
        if (signal?.aborted) {
          aborted.push(a.accountName);
          throw signal.reason;
        }
        if (a.accountId === o.failRolesOf) throw new Error(`roles of ${a.accountName} failed`);
        out.set(a.accountId, rolesOf(a));
        onRoles?.(a.accountId, rolesOf(a));
      }
      return out;
    },
  };
  return { source, log, gates, aborted };
}

describe('listOrganisation', () => {
  it('asks for a page’s roles as soon as it is in, before the next page comes', async () => {
    const pages = [[account(1), account(2)], [account(3)]];
    const { source, log, gates } = pagedSource(pages);
    const streamed: string[] = [];
    const listing = listOrganisation(source, 's', { onRoles: (id) => streamed.push(id) });
    gates[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    // Page 1's roles are under way (even done) while page 2 is still held back.
    expect(log).toEqual(['page 0', 'roles of a1,a2']);
    expect(streamed).toEqual([account(1).accountId, account(2).accountId]);
    gates[1]!.resolve();
    expect((await listing.accounts).map((a) => a.accountName)).toEqual(['a1', 'a2', 'a3']);
    const roles = await listing.roles;
    expect([...roles.keys()].sort()).toEqual(pages.flat().map((a) => a.accountId));
    expect(log).toEqual(['page 0', 'roles of a1,a2', 'page 1', 'roles of a3']);
  });

  it('skips accounts fetched meanwhile, and lists the roles a non-streaming source did not page', async () => {
    const all = [account(1), account(2), account(3)];
    const asked: string[] = [];
    const source: OrganisationSource = {
      listAccounts: async () => all, // never calls onPage
      listAllRoles: async (_s, accounts) => {
        asked.push(...accounts.map((a) => a.accountName));
        return new Map(accounts.map((a) => [a.accountId, rolesOf(a)]));
      },
    };
    const listing = listOrganisation(source, 's', {
      skip: (id) => id === account(2).accountId,
    });
    const roles = await listing.roles;
    expect(asked).toEqual(['a1', 'a3']);
    expect([...roles.keys()]).toEqual([account(1).accountId, account(3).accountId]);
  });

  it('a failed role list stops the roles still waiting; the accounts are still listed', async () => {
    const pages = [
      [account(1), account(2), account(3), account(4)],
      [account(5), account(6)],
    ];
    const { source, gates, aborted } = pagedSource(pages, { failRolesOf: account(2).accountId });
    const listing = listOrganisation(source, 's');
    gates[0]!.resolve();
    gates[1]!.resolve();
    expect(await listing.accounts).toHaveLength(6);
    await expect(listing.roles).rejects.toThrow('roles of a2 failed');
    // The other page's calls saw the stop and went no further.
    expect(aborted.length).toBeGreaterThan(0);
  });

  it('stop() stops the calls still waiting: a listing nobody wants any more', async () => {
    const pages = [[account(1), account(2), account(3), account(4)]];
    const { source, gates, aborted } = pagedSource(pages);
    const listing = listOrganisation(source, 's', {
      onRoles: () => listing.stop(), // no longer wanted once the first roles are in
    });
    gates[0]!.resolve();
    await listing.accounts;
    await expect(listing.roles).rejects.toThrow('the listing was stopped');
    expect(aborted).toEqual(['a2']);
  });

  it('a failed account list fails the roles too, stopping the calls of the pages before it', async () => {
    const pages = [[account(1), account(2), account(3)], [account(4)]];
    const { source, gates, aborted } = pagedSource(pages, { failPage: 1 });
    const listing = listOrganisation(source, 's');
    gates[0]!.resolve();
    gates[1]!.resolve();
    await expect(listing.accounts).rejects.toThrow('page 1 failed');
    await expect(listing.roles).rejects.toThrow('page 1 failed');
    expect(aborted.length).toBeGreaterThan(0);
  });

  it('lets every page’s role listing listen for its stop at once, with no warning', async () => {
    // Throttled, many pages' role listings are under way together, each listening for the stop.
    const pages = Array.from({ length: 15 }, (_, i) => [account(i)]);
    const release = deferred<void>();
    const listening: number[] = [];
    const source: OrganisationSource = {
      async listAccounts(_session, onPage) {
        for (const page of pages) onPage?.(page);
        return pages.flat();
      },
      async listAllRoles(_session, accounts, _onRoles, signal) {
        const onStop = () => undefined;
        signal?.addEventListener('abort', onStop);
        listening.push(accounts.length);
        await release.promise;
        signal?.removeEventListener('abort', onStop);
        return new Map(accounts.map((a) => [a.accountId, rolesOf(a)]));
      },
    };
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const listing = listOrganisation(source, 's');
      await new Promise((r) => setTimeout(r, 10));
      expect(listening).toHaveLength(15);
      release.resolve();
      await expect(listing.accounts).resolves.toEqual(pages.flat());
      expect((await listing.roles).size).toBe(15);
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
