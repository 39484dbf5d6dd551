import {
  checkProfileName,
  removeProfile as removeCredentialsProfile,
} from '../../main/core/credentials';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import type { CliCommand } from '../types';

const usage = `Usage: sso-tray remove-profile --profile NAME [--force]

Removes a profile that SSO Tray (write-profile or the app) wrote into the credentials file.
Profiles it did not write, [default] included, are left alone unless --force is given.
  --profile NAME     the profile to remove
  --force            remove it even if SSO Tray did not write it or it changed since`;

export const removeProfile: CliCommand = {
  name: 'remove-profile',
  summary: 'remove a profile that SSO Tray wrote',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { profile: { type: 'string' }, force: { type: 'boolean' } },
      usage,
    );
    const profileName = nonEmpty(v.profile, '--profile', usage);
    if (profileName === undefined) throw new UsageError('--profile is required.', usage);
    checkProfileName(profileName);
    const r = await removeCredentialsProfile({
      env: ctx.env,
      profileName,
      force: v.force === true,
    });
    ctx.stdout.write(
      r.removed
        ? `Removed profile ${r.profileName} from ${r.path}\n`
        : `Profile ${r.profileName} was no longer in ${r.path}; forgot it.\n`,
    );
    return 0;
  },
};
