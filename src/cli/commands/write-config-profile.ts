import { defaultProfileName } from '../../shared/credential-formats';
import {
  checkProfileName,
  writeCredentialProcessProfile,
  writeSsoProfile,
} from '../../main/core/credentials';
import { validateRegion } from '../../main/core/sso/validate';
import { nonEmpty, parseCommandArgs, withForceHint } from '../args';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray write-config-profile --account ID --role NAME [--profile NAME] [--session NAME]
                                    [--credential-process] [--region R] [--force]

Writes a profile into the AWS config file (~/.aws/config or AWS_CONFIG_FILE) that gets fresh
credentials by itself, so no keys are ever pasted:
  default               sso_session, sso_account_id, sso_role_name (the AWS CLI and SDKs sign in
                        through the shared token cache; adds [sso-session] if it is missing)
  --credential-process  credential_process = sso-tray credential-process ... (any tool that reads
                        the config file runs this command)
${ROLE_USAGE}
  --profile NAME     the profile name (default: ACCOUNTID_ROLENAME)
  --region R         the profile's default region
  --force            replace a profile SSO Tray did not write (or that changed since it did);
                     without it such a profile is left as it is and the command exits 4`;

export const writeConfigProfile: CliCommand = {
  name: 'write-config-profile',
  summary: 'write a config profile (sso_session or credential_process)',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      {
        ...ROLE_OPTIONS,
        profile: { type: 'string' },
        region: { type: 'string' },
        'credential-process': { type: 'boolean' },
        force: { type: 'boolean' },
      },
      usage,
    );
    const profile = nonEmpty(v.profile, '--profile', usage);
    if (profile !== undefined) checkProfileName(profile);
    const given = nonEmpty(v.region, '--region', usage);
    // A region the AWS tools cannot use would otherwise land in the config file as it is.
    const region = given === undefined ? undefined : validateRegion(given);
    const t = await roleTarget(v, usage, ctx);
    const profileName = profile ?? defaultProfileName(t.accountId, t.roleName);
    const common = {
      env: ctx.env,
      profileName,
      accountId: t.accountId,
      roleName: t.roleName,
      force: v.force === true,
      ...(region === undefined ? {} : { region }),
    };
    if (v['credential-process']) {
      const r = await withForceHint(
        writeCredentialProcessProfile({ ...common, session: t.session }),
      );
      ctx.stdout.write(
        `Wrote profile ${profileName} to ${r.path}\ncredential_process = ${r.credentialProcess}\n`,
      );
    } else {
      const session = await ctx.core().resolveSession(t.session);
      const r = await withForceHint(writeSsoProfile({ ...common, session }));
      ctx.stdout.write(`Wrote profile ${profileName} (sso_session ${session.name}) to ${r.path}\n`);
    }
    ctx.stdout.write(`Use it with: aws --profile ${profileName} ...\n`);
    return 0;
  },
};
