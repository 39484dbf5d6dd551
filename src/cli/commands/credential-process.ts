import { formatCredentialProcess } from '../../shared/credential-formats';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray credential-process --account ID --role NAME [--session NAME]

Prints the credential_process JSON (Version 1, ISO Expiration) for a config profile such as
  credential_process = sso-tray credential-process --account 123456789012 --role Admin
Credentials are reused from the AWS CLI's cache (~/.aws/cli/cache) until 5 minutes before they
expire; the sign-in is refreshed when needed. Exits 3 when you need to run \`sso-tray login\`.
${ROLE_USAGE}`;

export const credentialProcess: CliCommand = {
  name: 'credential-process',
  summary: 'print credentials for a credential_process profile',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(args, ROLE_OPTIONS, usage);
    const t = await roleTarget(v, usage, ctx);
    const c = await ctx.core().getRoleCredentials(t.session, t.accountId, t.roleName);
    ctx.stdout.write(formatCredentialProcess(c));
    return 0;
  },
};
