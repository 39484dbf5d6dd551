import {
  DEFAULT_TEMPLATE,
  checkTemplate,
  planPopulate,
  populateProfiles,
  populateRoles,
  type PopulatePlan,
} from '../../main/core/credentials/populate';
import { validateRegion } from '../../main/core/sso/validate';
import { listOrganisation } from '../../main/core/sso/list-organisation';
import { nonEmpty, parseCommandArgs } from '../args';
import { saveAccountsCache } from '../local-cache';
import type { CliCommand } from '../types';

const usage = `Usage: sso-tray populate [--session NAME] [--template T] [--region R] [--prune] [--dry-run]

Writes one sso_session profile per account and role of a session into the AWS config file
(~/.aws/config or AWS_CONFIG_FILE), in one atomic write. Only profiles SSO Tray wrote are
changed or removed; every other profile and every other byte of the file stay as they are.
  --session NAME     the [sso-session] to use (default: the only one in the config file)
  --template T       the profile names (default: ${DEFAULT_TEMPLATE}); placeholders:
                     {account_name} {account_id} {role_name} {session}. Names are made safe for
                     every AWS tool (other characters become -); two roles with the same name both
                     get the account id added, and so does a role whose name another profile has
  --region R         the profiles' region (default: the session's region)
  --prune            also remove the profiles an earlier populate of this session wrote that no
                     role calls for any more (never one that was changed since)
  --dry-run          print what would be added, changed and removed; write nothing`;

export { populateRoles };

function formatPlan(plan: PopulatePlan, dryRun: boolean, session: string): string {
  const out: string[] = [];
  const n = (count: number, one: string) => `${count} ${count === 1 ? one : `${one}s`}`;
  const summary = dryRun
    ? `Would add ${plan.add.length}, change ${plan.change.length} and remove ${plan.remove.length} ` +
      `profiles in ${plan.file}; ${n(plan.unchanged, 'profile')} already up to date.`
    : `Added ${plan.add.length}, changed ${plan.change.length} and removed ${plan.remove.length} ` +
      `profiles in ${plan.file}; ${n(plan.unchanged, 'profile')} already up to date.`;
  out.push(`Session ${session}: ${n(plan.names.length, 'role')}.`, summary);
  if (plan.sessionAdded) out.push(`${dryRun ? 'Would add' : 'Added'} [sso-session ${session}].`);
  if (dryRun) {
    for (const a of plan.add) out.push(`  + ${a.profileName}  (${a.accountId} ${a.roleName})`);
    for (const c of plan.change) out.push(`  ~ ${c.profileName}  (${c.accountId} ${c.roleName})`);
    for (const r of plan.remove) out.push(`  - ${r}`);
  }
  for (const k of plan.keptChanged) {
    out.push(`  left alone: ${k} (changed since SSO Tray wrote it; remove it by hand if unwanted)`);
  }
  const first = plan.names[0];
  if (!dryRun && first !== undefined) out.push(`Use them with: aws --profile ${first} ...`);
  return `${out.join('\n')}\n`;
}

export const populate: CliCommand = {
  name: 'populate',
  summary: 'write an sso_session profile for every account and role',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      {
        session: { type: 'string' },
        template: { type: 'string' },
        region: { type: 'string' },
        prune: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
      usage,
    );
    const template = nonEmpty(v.template, '--template', usage) ?? DEFAULT_TEMPLATE;
    checkTemplate(template);
    const given = nonEmpty(v.region, '--region', usage);
    const region = given === undefined ? undefined : validateRegion(given);
    const core = ctx.core();
    const session = await core.resolveSession(nonEmpty(v.session, '--session', usage));
    const listing = listOrganisation(core, session.name);
    const accounts = await listing.accounts;
    const roles = await listing.roles;
    await saveAccountsCache(ctx.env, session, accounts, roles, ctx.log);
    const populateArgs = {
      env: ctx.env,
      session,
      roles: populateRoles(accounts, roles),
      template,
      prune: v.prune === true,
      ...(region === undefined ? {} : { region }),
    };
    const dryRun = v['dry-run'] === true;
    const plan = dryRun ? await planPopulate(populateArgs) : await populateProfiles(populateArgs);
    ctx.stdout.write(formatPlan(plan, dryRun, session.name));
    return 0;
  },
};
