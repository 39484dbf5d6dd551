import { endpointEnv } from '../../main/core/endpoint/routes';
import { checkEndpointRole } from '../../main/core/endpoint/role-check';
import {
  buildExecEnv,
  EXEC_MARKER,
  execRegion,
  type CredentialSource,
} from '../../main/core/exec/exec-env';
import { resolveProfileTarget } from '../../main/core/exec/profile-target';
import { SsoTrayError } from '../../main/core/errors';
import { printable, regionProblem } from '../../shared/rules';
import { isoExpiration } from '../../shared/expiry-text';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import { runChild, userShell } from '../exec-child';
import type { CliCommand, CliContext } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray exec (--profile NAME | --account ID --role NAME [--session NAME])
                    [--region REGION] [--endpoint] [--force] [-- COMMAND [ARGS...]]

Runs COMMAND with the role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION, and the region in AWS_REGION and
AWS_DEFAULT_REGION; AWS_PROFILE and every other variable that points the AWS tools at other
credentials are removed. No shell runs in between; the terminal, SIGINT, SIGTERM and SIGHUP
reach COMMAND, and its exit code is sso-tray's (128 + N when signal N ended it, 127 when it was
not found). Without COMMAND it starts your shell ($SHELL; %COMSPEC% on Windows).
The credentials do not renew inside: they last until AWS_CREDENTIAL_EXPIRATION. With
--endpoint, COMMAND gets no keys but AWS_CONTAINER_CREDENTIALS_FULL_URI and
AWS_CONTAINER_AUTHORIZATION_TOKEN instead: its SDKs then ask SSO Tray's local credentials endpoint
(the app's, or \`sso-tray serve\`) for fresh credentials whenever theirs run out.
  --profile NAME     an sso_session profile of the config file, or a profile SSO Tray wrote
${ROLE_USAGE}
  --region REGION    the region (default: the profile's, then AWS_REGION, AWS_DEFAULT_REGION,
                     then the session's sso_region)
  --endpoint         credentials from the running local endpoint, renewed for as long as it
                     runs (turn it on in the app's Settings, or run \`sso-tray serve\`)
  --force            run even inside another \`sso-tray exec\` (${EXEC_MARKER} is set there)`;

/**
 * The running endpoint's variables for `target`, once the endpoint has served the role's
 * credentials; an error saying how to start one when none runs.
 */
async function endpointSource(
  ctx: CliContext,
  target: { session: string; accountId: string; roleName: string },
): Promise<CredentialSource> {
  // The state file's schema needs zod; loaded here so the CLI starts without it.
  const { findRunningEndpoint } = await import('../../main/core/endpoint/state-file');
  const running = await findRunningEndpoint(ctx.env);
  if (running === undefined) {
    throw new SsoTrayError(
      'NETWORK',
      'No SSO Tray credentials endpoint is running. Turn on "Serve credentials to local processes" in the app\u2019s Settings, or run `sso-tray serve` in another terminal; or leave out --endpoint for credentials that last until they expire.',
    );
  }
  await checkEndpointRole(running, target);
  ctx.log.info('exec through the local endpoint', { port: running.port, by: running.by });
  return { kind: 'endpoint', env: endpointEnv(running, target) };
}

export const exec: CliCommand = {
  name: 'exec',
  summary: 'run a command (or your shell) with a role\u2019s credentials',
  usage,
  async run(argv, ctx) {
    const split = argv.indexOf('--');
    const own = split === -1 ? argv : argv.slice(0, split);
    const command = split === -1 ? [] : argv.slice(split + 1);
    const v = parseCommandArgs(
      own,
      {
        ...ROLE_OPTIONS,
        profile: { type: 'string' },
        region: { type: 'string' },
        force: { type: 'boolean' },
        endpoint: { type: 'boolean' },
      },
      usage,
    );
    const profile = nonEmpty(v.profile, '--profile', usage);
    const flagRegion = nonEmpty(v.region, '--region', usage);
    if (flagRegion !== undefined && regionProblem(flagRegion) !== null) {
      throw new UsageError(
        `--region must be a region name such as us-east-1, not "${printable(flagRegion)}".`,
        usage,
      );
    }
    if (
      profile !== undefined &&
      (v.account !== undefined || v.role !== undefined || v.session !== undefined)
    ) {
      throw new UsageError(
        '--profile names the role itself; leave out --account, --role and --session.',
        usage,
      );
    }
    const inside = ctx.env[EXEC_MARKER];
    if (inside !== undefined && inside !== '' && v.force !== true) {
      throw new SsoTrayError(
        'INVALID_INPUT',
        `This shell already runs inside \`sso-tray exec\` for ${printable(inside)} (${EXEC_MARKER} is set). Leave it first (exit), or add --force to replace those credentials.`,
      );
    }

    const t = profile !== undefined ? await resolveProfileTarget(ctx.env, profile) : undefined;
    const target = t ?? (await roleTarget(v, usage, ctx));
    const core = ctx.core();
    const session = await core.resolveSession(target.session);
    // Fetched now, either way, so a wrong role or a session that is not signed in is said before
    // COMMAND starts.
    const source: CredentialSource =
      v.endpoint === true
        ? await endpointSource(ctx, target)
        : {
            kind: 'static',
            credentials: await core.getRoleCredentials(
              target.session,
              target.accountId,
              target.roleName,
            ),
          };
    const region = execRegion(ctx.env, {
      ...(flagRegion === undefined ? {} : { flag: flagRegion }),
      ...(t?.region === undefined ? {} : { profile: t.region }),
      ssoRegion: session.region,
    });
    const env = buildExecEnv(ctx.env, {
      target,
      source,
      region,
    });
    ctx.log.info('exec', {
      accountId: target.accountId,
      roleName: target.roleName,
      session: target.session,
      ...(t === undefined ? {} : { profile: t.source }),
      credentials: source.kind,
    });

    const [file, ...args] = command.length > 0 ? command : [userShell(ctx.env, process.platform)];
    if (file === undefined || file === '')
      throw new UsageError('the command after -- is empty.', usage);
    if (command.length === 0) {
      const lasting =
        source.kind === 'static'
          ? `until ${isoExpiration(source.credentials.expiration)}`
          : 'from the local endpoint, renewed while it runs';
      ctx.stderr.write(
        `sso-tray exec: a new shell with ${target.accountId}/${target.roleName} ${lasting}; exit it to leave.\n`,
      );
    }
    const result = await runChild(file, args, env);
    if (result.failed !== undefined) {
      ctx.stderr.write(`sso-tray exec: ${printable(file)}: ${result.failed}\n`);
    }
    return result.code;
  },
};
