import { isSsoTrayError } from '../../main/core/errors';
import {
  ENDPOINT_HOST,
  endpointShellLines,
  type EndpointRole,
} from '../../main/core/endpoint/routes';
import {
  ENDPOINT_MIN_VALIDITY_MS,
  startCredentialsEndpoint,
  type RunningEndpoint,
} from '../../main/core/endpoint/server';
import type { EnvShell } from '../../shared/credential-formats';
import { parseCommandArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../types';
import { roleTarget } from './role-target';

const usage = `Usage: sso-tray serve [--port N] [--account ID --role NAME [--session NAME]] [--shell sh|cmd|powershell]

Serves role credentials on http://${ENDPOINT_HOST}:PORT until stopped (Ctrl+C), in the format of
the AWS container credentials provider: a process started with
  AWS_CONTAINER_CREDENTIALS_FULL_URI=http://${ENDPOINT_HOST}:PORT/role/SESSION/ACCOUNT/ROLE
  AWS_CONTAINER_AUTHORIZATION_TOKEN=TOKEN
gets credentials from it through the AWS CLI and every AWS SDK, fresh ones before they expire,
for as long as this runs and the sign-in lasts. The token is new each time; anyone who has it
can get credentials, so it is printed here only. \`sso-tray exec --endpoint\` finds it by itself.
  --port N           the port (default: any free one)
  --host ADDRESS     only ${ENDPOINT_HOST} (or localhost): another address is refused
  --account ID       print the lines for this account's role...
  --role NAME        ...this role
  --session NAME     ...of this [sso-session] (default: the only one in the config file)
  --shell SHELL      sh (default; macOS and Linux), cmd (Windows) or powershell`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  session: { type: 'string' },
  shell: { type: 'string' },
} as const;

const SHELLS: Record<string, EnvShell> = { sh: 'macos', cmd: 'windows', powershell: 'powershell' };

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535, not "${text}".`, usage);
  }
  return Number(text);
}

/** Resolves on SIGINT or SIGTERM (the process's own; removed again afterwards). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function printStart(
  endpoint: RunningEndpoint,
  role: EndpointRole | undefined,
  shell: EnvShell,
  ctx: CliContext,
): void {
  const base = `http://${ENDPOINT_HOST}:${endpoint.port}`;
  ctx.stdout.write(`SSO Tray serves role credentials on ${base} (Ctrl+C stops it).\n`);
  if (role !== undefined) {
    const lines = endpointShellLines(endpoint.env(role), shell);
    ctx.stdout.write(`For ${role.roleName} in ${role.accountId}, paste into a shell:\n${lines}`);
  } else {
    const lines = endpointShellLines(
      endpoint.env({ session: 'SESSION', accountId: '000000000000', roleName: 'ROLE' }),
      shell,
    ).replace('/role/SESSION/000000000000/ROLE', '/role/SESSION/ACCOUNT_ID/ROLE_NAME');
    ctx.stdout.write(
      `Each role is at ${base}/role/SESSION/ACCOUNT_ID/ROLE_NAME (URL-encoded). Paste into a shell:\n${lines}`,
    );
  }
}

export const serve: CliCommand = {
  name: 'serve',
  summary: 'serve role credentials to AWS SDKs on 127.0.0.1 (container credentials format)',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(args, OPTIONS, usage);
    const port = parsePort(v.port);
    const shell = SHELLS[v.shell ?? 'sh'];
    if (shell === undefined) {
      throw new UsageError(`--shell must be sh, cmd or powershell, not "${v.shell}".`, usage);
    }
    const role =
      v.account !== undefined || v.role !== undefined || v.session !== undefined
        ? await roleTarget(v, usage, ctx)
        : undefined;
    const core = ctx.core();
    const log = ctx.log.child('endpoint');
    // The state file's schema needs zod; loaded here so other commands start without it.
    const { removeEndpointState, writeEndpointState } =
      await import('../../main/core/endpoint/state-file');
    const endpoint = await startCredentialsEndpoint({
      port,
      ...(v.host === undefined ? {} : { host: v.host }),
      logger: log,
      credentials: (role, minValidityMs) =>
        core.getRoleCredentials(role.session, role.accountId, role.roleName, { minValidityMs }),
    });
    const stopped = untilStopped();
    try {
      await writeEndpointState(ctx.env, {
        port: endpoint.port,
        token: endpoint.token,
        pid: process.pid,
        by: 'serve',
      });
      printStart(endpoint, role, shell, ctx);
      if (role !== undefined) {
        // Fetched now, so the first client does not wait for the portal (the JS SDK gives the
        // endpoint one second); a problem is said now, and the endpoint keeps serving.
        await core
          .getRoleCredentials(role.session, role.accountId, role.roleName, {
            minValidityMs: ENDPOINT_MIN_VALIDITY_MS,
          })
          .catch((e: unknown) => {
            const message = isSsoTrayError(e) ? e.message : 'the credentials could not be fetched.';
            ctx.stderr.write(`sso-tray serve: ${message}\n`);
          });
      }
      await stopped;
    } finally {
      await endpoint.close();
      await removeEndpointState(ctx.env, endpoint.token);
    }
    ctx.stderr.write('sso-tray serve: stopped.\n');
    return 0;
  },
};
