import {
  CLI_FORMATS,
  defaultProfileName,
  formatCredentials,
} from '../../shared/credential-formats';
import { checkProfileName } from '../../main/core/credentials';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const FORMAT_NAMES = CLI_FORMATS.map((f) => f.cli.name);
const DEFAULT_FORMAT = 'env';
const nameWidth = Math.max(...FORMAT_NAMES.map((n) => n.length));
const formatLines = CLI_FORMATS.map((f) => {
  const line = `${f.cli.name.padEnd(nameWidth)}  ${f.cli.help}`;
  return `                       ${line}${f.cli.name === DEFAULT_FORMAT ? ' (the default)' : ''}`;
});

const usage = `Usage: sso-tray credentials --account ID --role NAME [--session NAME] [--format FORMAT]

Prints the role's temporary credentials (cached until 5 minutes before they expire).
${ROLE_USAGE}
  --format FORMAT    what to print:
${formatLines.join('\n')}
  --profile NAME     the profile name of the ini block (default: ACCOUNTID_ROLENAME)`;

export const credentials: CliCommand = {
  name: 'credentials',
  summary: `print a role\u2019s credentials (${FORMAT_NAMES.join(', ')})`,
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { ...ROLE_OPTIONS, format: { type: 'string' }, profile: { type: 'string' } },
      usage,
    );
    const name = nonEmpty(v.format, '--format', usage) ?? DEFAULT_FORMAT;
    const format = CLI_FORMATS.find((f) => f.cli.name === name);
    if (format === undefined) {
      throw new UsageError(
        `--format must be one of ${FORMAT_NAMES.join(', ')}, not "${name}".`,
        usage,
      );
    }
    const profile = nonEmpty(v.profile, '--profile', usage);
    if (profile !== undefined) checkProfileName(profile);
    const t = await roleTarget(v, usage, ctx);
    const c = await ctx.core().getRoleCredentials(t.session, t.accountId, t.roleName);
    ctx.stdout.write(
      formatCredentials(c, format.id, profile ?? defaultProfileName(t.accountId, t.roleName)),
    );
    return 0;
  },
};
