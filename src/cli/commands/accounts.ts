import { compareRoleNames, sortAccounts } from '../../shared/account-order';
import type { Account } from '../../shared/schemas';
import { nonEmpty, parseCommandArgs } from '../args';
import type { CliCommand } from '../types';
import { writeAccountsCache } from '../../main/core/app/accounts-cache';
import { cliDataDir } from '../listing-cache';

const usage = `Usage: sso-tray accounts [--session NAME] [--json]

Lists every account you can reach and its roles, sorted by name (numbers by value).
  --session NAME     the [sso-session] to use (default: the only one in the config file)
  --json             print [{"accountId","accountName","emailAddress","roles":[...]}]`;

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
      { session: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const core = ctx.core();
    const config = await core.resolveSession(nonEmpty(v.session, '--session', usage));
    const session = config.name;
    const list = await core.listAccounts(session);
    const roles = await core.listAllRoles(session, list);
    try {
      // The command's record of this listing (src/cli/listing-cache.ts), for `status`.
      await writeAccountsCache(cliDataDir(ctx.env), session, config.startUrl, {
        updatedAt: Date.now(),
        accounts: list,
        roles,
      });
    } catch (e) {
      ctx.log.warn('the listing could not be recorded', { session, error: e });
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
