import { verifyWithSts } from '../../main/core/app/sts-verify';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray verify --account ID --role NAME [--session NAME]

Calls STS GetCallerIdentity with the role's credentials and prints who they are (the ARN).
The STS endpoint honours AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL.
${ROLE_USAGE}`;

export const verify: CliCommand = {
  name: 'verify',
  summary: 'check a role\u2019s credentials with STS GetCallerIdentity',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(args, ROLE_OPTIONS, usage);
    const t = await roleTarget(v, usage, ctx);
    const core = ctx.core();
    const { region } = await core.resolveSession(t.session);
    const credentials = await core.getRoleCredentials(t.session, t.accountId, t.roleName);
    const who = await verifyWithSts({ env: ctx.env, region, credentials });
    ctx.stdout.write(`${who.arn}\n`);
    return 0;
  },
};
