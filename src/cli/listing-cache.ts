// The `sso-tray` command's record of its last listing of each session: the same file format as
// the app's accounts cache (src/main/core/app/accounts-cache.ts), kept beside the record of
// written profiles in ~/.aws/sso-tray/accounts/<sha1(session)>.json, so every run of the command
// shares it. `sso-tray accounts` writes it; `sso-tray status` and `accounts --changes` read it.
// No secrets: account ids, names, emails and role names.
import { join } from 'node:path';
import { awsHome, type Env } from '../main/core/aws-paths';

/** The folder the command keeps its listings in (~/.aws/sso-tray). */
export function cliDataDir(env: Env): string {
  return join(awsHome(env), '.aws', 'sso-tray');
}
