// The one case `sso-tray` answers before the rest of the command line loads: a
// `credential-process` whose session is given by name (--session: givenSession in
// role-target.ts decides, for this path and the full command alike, that such a session needs no
// config file) and whose credentials are in the cache and still usable. `aws` and the SDKs start
// one before every command, so this is most of its runs. It reads the arguments, the cache and
// the output format with the very functions the full command uses (role-target.ts,
// role-credentials-cache.ts, credential-formats.ts); anything else (another command, --help,
// --verbose, no --session, a bad argument, a miss, an unreadable file) is left to the full
// command, which does it all again and reports what went wrong.
import type { Env } from '../main/core/aws-paths';
import {
  cachedCredentialsUsable,
  fileRoleCredentialsCache,
  roleCredentialsCacheKey,
} from '../main/core/sso/role-credentials-cache';
import { formatCredentialProcess } from '../shared/credential-formats';
import { parseCommandArgs } from './args';
import { givenSession, ROLE_OPTIONS, roleArgs } from './commands/role-target';

/** What `credential-process` prints for `argv`, from the cache alone; undefined to run it. */
export async function cachedCredentialProcess(
  argv: readonly string[],
  env: Env,
  now: number = Date.now(),
): Promise<string | undefined> {
  const [command, ...args] = argv;
  if (command !== 'credential-process') return undefined;
  if (args.some((a) => a === '--' || a === '--verbose' || a === '--help' || a === '-h')) {
    return undefined;
  }
  try {
    const v = parseCommandArgs(args, ROLE_OPTIONS, '');
    const { accountId, roleName } = roleArgs(v, '');
    // A session given by name is used without the config file, as the full command does; without
    // one the config file names it, and the full command reads it.
    const session = givenSession(v, '');
    if (session === undefined) return undefined;
    const key = roleCredentialsCacheKey(session, accountId, roleName);
    const cached = await fileRoleCredentialsCache(env).get(key);
    if (!cached || !cachedCredentialsUsable(cached, now)) return undefined;
    return formatCredentialProcess(cached);
  } catch {
    return undefined;
  }
}
