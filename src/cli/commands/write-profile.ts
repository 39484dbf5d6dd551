import { defaultProfileName, formatTimeLeft } from '../../shared/credential-formats';
import { isoExpiration } from '../../shared/expiry-text';
import {
  checkProfileName,
  writeProfile as writeCredentialsProfile,
} from '../../main/core/credentials';
import { nonEmpty, parseCommandArgs, withForceHint } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray write-profile --account ID --role NAME [--profile NAME] [--session NAME] [--force]

Writes the role's credentials as a profile of the credentials file (~/.aws/credentials or
AWS_SHARED_CREDENTIALS_FILE), changing nothing else in the file, and remembers it so
remove-profile and the app's auto-refresh can find it again.
${ROLE_USAGE}
  --profile NAME     the profile name (default: ACCOUNTID_ROLENAME)
  --force            replace a profile SSO Tray did not write (or that changed since it did);
                     without it such a profile is left as it is and the command exits 4`;

export const writeProfile: CliCommand = {
  name: 'write-profile',
  summary: 'write a role\u2019s credentials into the credentials file',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { ...ROLE_OPTIONS, profile: { type: 'string' }, force: { type: 'boolean' } },
      usage,
    );
    const profile = nonEmpty(v.profile, '--profile', usage);
    if (profile !== undefined) checkProfileName(profile);
    const t = await roleTarget(v, usage, ctx);
    const profileName = profile ?? defaultProfileName(t.accountId, t.roleName);
    const c = await ctx.core().getRoleCredentials(t.session, t.accountId, t.roleName);
    const r = await withForceHint(
      writeCredentialsProfile({
        env: ctx.env,
        profileName,
        credentials: c,
        ...t,
        force: v.force === true,
      }),
    );
    ctx.stdout.write(
      (r.changed
        ? `Wrote profile ${r.profileName} to ${r.path}\n`
        : `Profile ${r.profileName} in ${r.path} already holds these credentials: nothing to write.\n`) +
        `It expires at ${isoExpiration(r.expiresAt)} (in ${formatTimeLeft(r.expiresAt - Date.now())}).\n` +
        `Use it with: aws --profile ${r.profileName} ...\n`,
    );
    return 0;
  },
};
