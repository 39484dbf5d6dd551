import { compareRoleNames, sortAccounts } from '../../shared/account-order';
import type { Account } from '../../shared/schemas';
import { nonEmpty, parseCommandArgs } from '../args';
import { loadAccountsCache, saveAccountsCache } from '../local-cache';
import type { CliCommand } from '../types';
import { listingChanges } from '../../main/core/status/listing-changes';
import { listOrganisation } from '../../main/core/sso/list-organisation';
import { changesSummary, type ListingChanges } from '../../shared/status-rules';

const usage = `Usage: sso-tray accounts [--session NAME] [--json] [--changes]

Lists every account you can reach and its roles, sorted by name (numbers by value). Each run
records what it listed (~/.aws/sso-tray/accounts/), for \`sso-tray status\`, --changes and
shell completion.
  --session NAME     the [sso-session] to use (default: the only one in the config file)
  --json             print [{"accountId","accountName","emailAddress","roles":[...]}]
  --changes          print only the accounts and roles added or removed since the previous
                     listing of this session by \`sso-tray accounts\` or \`populate\` (nothing
                     when nothing changed or when there is no previous one); with --json:
                     {"since","addedAccounts","removedAccounts","addedRoles","removedRoles"}
                     (since: null without one)`;

function formatChanges(c: ListingChanges): string {
  const account = (a: { accountId: string; accountName: string }) =>
    `${a.accountId} (${a.accountName})`;
  const lines = [
    ...c.addedAccounts.map((a) => `+ account ${account(a)}`),
    ...c.addedRoles.map((r) => `+ role    ${account(r)} ${r.roleName}`),
    ...c.removedAccounts.map((a) => `- account ${account(a)}`),
    ...c.removedRoles.map((r) => `- role    ${account(r)} ${r.roleName}`),
  ];
  if (lines.length === 0) return '';
  return `${changesSummary(c)} since ${new Date(c.since).toISOString()}:\n${lines.join('\n')}\n`;
}

export interface AccountWithRoles extends Account {
  roles: string[];
}

export function formatAccountsTable(rows: AccountWithRoles[]): string {
  const header = ['ACCOUNT ID', 'NAME', 'EMAIL', 'ROLES'];
  const cells = rows.map((r) => [r.accountId, r.accountName, r.emailAddress, r.roles.join(', ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string =>
    c
      .map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}

export const accounts: CliCommand = {
  name: 'accounts',
  summary: 'list every account and its roles',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { session: { type: 'string' }, json: { type: 'boolean' }, changes: { type: 'boolean' } },
      usage,
    );
    const core = ctx.core();
    const resolved = await core.resolveSession(nonEmpty(v.session, '--session', usage));
    const session = resolved.name;
    const listing = listOrganisation(core, session);
    const list = await listing.accounts;
    const roles = await listing.roles;
    // The previous listing is read before this one replaces it.
    const previous = v.changes ? await loadAccountsCache(ctx.env, resolved) : undefined;
    const listedAt = Date.now();
    await saveAccountsCache(ctx.env, resolved, list, roles, ctx.log, listedAt);
    if (v.changes) {
      const changes =
        previous === undefined
          ? null
          : listingChanges(previous, { updatedAt: listedAt, accounts: list, roles });
      if (v.json) {
        const shown =
          changes === null
            ? {
                since: null,
                addedAccounts: [],
                removedAccounts: [],
                addedRoles: [],
                removedRoles: [],
              }
            : { ...changes, since: new Date(changes.since).toISOString() };
        ctx.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      } else if (changes !== null) {
        ctx.stdout.write(formatChanges(changes));
      }
      return 0;
    }
    const rows: AccountWithRoles[] = sortAccounts(list).map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      emailAddress: a.emailAddress,
      roles: (roles.get(a.accountId) ?? []).map((r) => r.roleName).sort(compareRoleNames),
    }));
    ctx.stdout.write(v.json ? `${JSON.stringify(rows, null, 2)}\n` : formatAccountsTable(rows));
    return 0;
  },
};
