import { parseCommandArgs } from '../args';
import type { CliCommand } from '../types';
import { sessionName } from './role-target';

const usage = `Usage: sso-tray logout [--session NAME]

Signs out: calls Logout and removes the cached token and cached role credentials.
  --session NAME     the [sso-session] to sign out of (default: the only one in the config file)`;

export const logout: CliCommand = {
  name: 'logout',
  summary: 'sign out and remove the cached token',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(args, { session: { type: 'string' } }, usage);
    const name = await sessionName(v, usage, ctx);
    await ctx.core().logout(name);
    ctx.stdout.write(`Signed out of ${name}.\n`);
    return 0;
  },
};
