// Options shared by the credentials commands: which account, role and sign-in session.
import { nonEmpty, UsageError } from '../args';
import type { CliContext } from '../types';
import { ACCOUNT_ID_PATTERN, ROLE_NAME_PATTERN } from '../../shared/rules';

export const ROLE_OPTIONS = {
  account: { type: 'string' },
  role: { type: 'string' },
  session: { type: 'string' },
} as const;

export const ROLE_USAGE = `  --account ID       the 12-digit AWS account id
  --role NAME        the role (permission set) name
  --session NAME     the [sso-session] to use (default: the only one in the config file)`;

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

export function roleArgs(
  v: { account?: string; role?: string },
  usage: string,
): { accountId: string; roleName: string } {
  const accountId = nonEmpty(v.account, '--account', usage);
  const roleName = nonEmpty(v.role, '--role', usage);
  if (accountId === undefined) throw new UsageError('--account is required.', usage);
  if (roleName === undefined) throw new UsageError('--role is required.', usage);
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new UsageError(`--account must be a 12-digit account id, not "${accountId}".`, usage);
  }
  if (!ROLE_NAME_PATTERN.test(roleName)) {
    throw new UsageError(
      `--role must be a role name: 1–64 letters, digits or +=,.@_- characters, not "${roleName}".`,
      usage,
    );
  }
  return { accountId, roleName };
}

/**
 * The session a command was given by name (--session), which it then uses as it is, without
 * reading the config file: the token and role-credential caches are keyed by the name, and a
 * session no longer in the file can still be signed out of. Undefined when none was given: the
 * config file names it then (sessionName). The cached credential-process answer (cached-answer.ts)
 * decides with this too, so it answers for exactly the command lines whose session the full
 * command would not look up.
 */
export function givenSession(v: { session?: string }, usage: string): string | undefined {
  return nonEmpty(v.session, '--session', usage);
}

/** The session's name: --session as given (givenSession), else the only one in the config file. */
export async function sessionName(
  v: { session?: string },
  usage: string,
  ctx: CliContext,
): Promise<string> {
  return givenSession(v, usage) ?? (await ctx.core().resolveSession()).name;
}

/** Account and role from the flags, session from --session or the config file. */
export async function roleTarget(
  v: { account?: string; role?: string; session?: string },
  usage: string,
  ctx: CliContext,
): Promise<RoleTarget> {
  const { accountId, roleName } = roleArgs(v, usage);
  return { session: await sessionName(v, usage, ctx), accountId, roleName };
}
