// Which role a named profile stands for, for `sso-tray exec --profile P`: a config-file profile
// that signs in through an `[sso-session]` (sso_session, sso_account_id, sso_role_name), a
// legacy SSO profile (sso_start_url instead of sso_session), or any profile SSO Tray wrote (in
// the credentials file, or a credential_process profile in the config file: its record names
// the role). The profile's own `region` comes along. Reads the files, never changes them.
import { printable, sameStartUrl } from '../../../shared/rules';
import { awsPaths, type Env } from '../aws-paths';
import {
  readWrittenProfiles,
  sameProfile,
  writtenProfilesPath,
} from '../credentials/written-profiles';
import { SsoTrayError } from '../errors';
import { parseIniDocument } from '../files/ini-parse';
import { readConfigText, readSsoConfig } from '../sso/config';
import { rawSections, sectionName } from '../sso/config-sections';

export interface ProfileTarget {
  session: string;
  accountId: string;
  roleName: string;
  /** The profile's `region`, when it has one. */
  region?: string;
  /** How the profile was understood (for the log and messages). */
  source: 'sso-session' | 'legacy-sso' | 'written';
}

/** The values of `[profile name]` (`[default]` for default) as botocore reads them, or null. */
function configProfile(text: string, name: string): Record<string, string> | null {
  const { sections } = rawSections(parseIniDocument(text));
  let found: Record<string, string> | null = null;
  for (const s of sections) {
    const own =
      name === 'default'
        ? s.raw === 'default' || s.raw.replace(/\s+/g, ' ') === 'profile default'
        : s.raw.startsWith('profile') &&
          (() => {
            const n = sectionName(s.raw, 'profile');
            return 'name' in n && n.name === name;
          })();
    // a later section of the same name wins, as in botocore
    if (own) found = { ...(found ?? {}), ...s.values };
  }
  return found;
}

/** The role `--profile name` means, or an SsoTrayError saying why the profile cannot be used. */
export async function resolveProfileTarget(env: Env, name: string): Promise<ProfileTarget> {
  const paths = awsPaths(env);
  const text = await readConfigText(paths.configFile);
  const values = text === null ? null : configProfile(text, name);
  const region = values?.region?.trim() || undefined;
  const withRegion = region === undefined ? {} : { region };
  const shown = printable(name);

  if (values !== null && (values.sso_session !== undefined || values.sso_start_url !== undefined)) {
    const accountId = values.sso_account_id?.trim();
    const roleName = values.sso_role_name?.trim();
    if (!accountId || !roleName) {
      throw new SsoTrayError(
        'INVALID_INPUT',
        `The profile ${shown} in ${paths.configFile} names no role: it needs sso_account_id and sso_role_name (or use --account and --role).`,
      );
    }
    if (values.sso_session !== undefined) {
      return {
        session: values.sso_session.trim(),
        accountId,
        roleName,
        source: 'sso-session',
        ...withRegion,
      };
    }
    // A legacy profile signs in with its start URL: the session SSO Tray offers for that URL.
    const startUrl = values.sso_start_url?.trim() ?? '';
    const session = readSsoConfig(text ?? '').sessions.find((s) =>
      sameStartUrl(s.startUrl, startUrl),
    );
    if (session === undefined) {
      throw new SsoTrayError(
        'CONFIG',
        `The profile ${shown} in ${paths.configFile} signs in to ${printable(startUrl)}, which SSO Tray cannot use; run \`sso-tray sessions\` to see why.`,
      );
    }
    return { session: session.name, accountId, roleName, source: 'legacy-sso', ...withRegion };
  }

  const written = await readWrittenProfiles(writtenProfilesPath(env));
  const entry =
    written.find((w) => sameProfile(w, paths.configFile, name, 'config')) ??
    written.find((w) => sameProfile(w, paths.credentialsFile, name, 'credentials'));
  if (entry !== undefined) {
    return {
      session: entry.session,
      accountId: entry.accountId,
      roleName: entry.roleName,
      source: 'written',
      ...withRegion,
    };
  }
  throw new SsoTrayError(
    'INVALID_INPUT',
    values === null
      ? `There is no profile ${shown} SSO Tray wrote or can sign in with (no [profile ${shown}] with sso_session in ${paths.configFile}). Use --account and --role, or write the profile with \`sso-tray write-config-profile\`.`
      : `The profile ${shown} is neither an sso_session profile nor one SSO Tray wrote, so SSO Tray cannot tell which role it is. Use --account and --role.`,
  );
}
