import {
  CREDENTIAL_FORMATS,
  defaultProfileName,
  formatCredentials,
  type CredentialFormat,
} from '../../shared/credential-formats';
import { checkProfileName } from '../../main/core/credentials';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray credentials --account ID --role NAME [--session NAME] [--format FORMAT]

Prints the role's temporary credentials (cached until 5 minutes before they expire).
${ROLE_USAGE}
  --format FORMAT    env (default: export lines for macOS and Linux), cmd (Windows set lines),
                     powershell ($Env: lines), ini (a credentials-file profile block),
                     json, process (the credential_process JSON)
  --profile NAME     the profile name of the ini block (default: ACCOUNTID_ROLENAME)`;

export const credentials: CliCommand = {
  name: 'credentials',
  summary: 'print a role\u2019s credentials (env, cmd, powershell, ini, json, process)',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { ...ROLE_OPTIONS, format: { type: 'string' }, profile: { type: 'string' } },
      usage,
    );
    const format = (nonEmpty(v.format, '--format', usage) ?? 'env') as CredentialFormat;
    if (!CREDENTIAL_FORMATS.includes(format)) {
      throw new UsageError(
        `--format must be one of ${CREDENTIAL_FORMATS.join(', ')}, not "${format}".`,
        usage,
      );
    }
    const profile = nonEmpty(v.profile, '--profile', usage);
    if (profile !== undefined) checkProfileName(profile);
    const t = await roleTarget(v, usage, ctx);
    const c = await ctx.core().getRoleCredentials(t.session, t.accountId, t.roleName);
    ctx.stdout.write(
      formatCredentials(c, format, profile ?? defaultProfileName(t.accountId, t.roleName)),
    );
    return 0;
  },
};
