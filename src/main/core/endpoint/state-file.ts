// Where a running credentials endpoint can be found by other SSO Tray processes (`sso-tray exec
// --endpoint`): ~/.aws/sso-tray/endpoint.json, 0600 in a 0700 folder, beside the record of
// written profiles so the app and the CLI find the same file. It holds the port, the token and
// the pid of the process serving; it is written when an endpoint starts and removed when it
// stops (only while it still names that endpoint). The token in it gives what the AWS CLI's
// token cache next to it gives anyway: credentials, to processes running as this user.
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { awsHome, type Env } from '../aws-paths';
import { writePrivateFile } from '../sso/cache-files';
import { ENDPOINT_HOST, type EndpointAddress } from './routes';
import { tokenMatches } from './server';

export function endpointStatePath(env: Env): string {
  return join(awsHome(env), '.aws', 'sso-tray', 'endpoint.json');
}

const stateSchema = z.object({
  version: z.literal(1),
  port: z.number().int().min(1).max(65535),
  token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/),
  pid: z.number().int().positive(),
  /** `app` (the tray app's setting) or `serve` (`sso-tray serve`). */
  by: z.enum(['app', 'serve']),
});
export type EndpointState = z.infer<typeof stateSchema>;

export async function writeEndpointState(env: Env, state: Omit<EndpointState, 'version'>) {
  await writePrivateFile(endpointStatePath(env), `${JSON.stringify({ version: 1, ...state })}\n`);
}

async function readState(env: Env): Promise<EndpointState | undefined> {
  try {
    const parsed = stateSchema.safeParse(
      JSON.parse(await readFile(endpointStatePath(env), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the state file if it still describes the endpoint with this token. */
export async function removeEndpointState(env: Env, token: string): Promise<void> {
  const state = await readState(env);
  if (state === undefined || !tokenMatches(state.token, token)) return;
  try {
    await unlink(endpointStatePath(env));
  } catch {
    // gone already
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else (then it is not ours, but it is alive)
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Asks the endpoint at `address` whether it is SSO Tray's and accepts the token. */
async function probeEndpoint(address: EndpointAddress, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`http://${ENDPOINT_HOST}:${address.port}/`, {
      headers: { Authorization: address.token },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status !== 200) return false;
    const body = (await res.json()) as { service?: unknown };
    return body.service === 'sso-tray-credentials';
  } catch {
    return false;
  }
}

/**
 * The endpoint the app or `sso-tray serve` is running for this HOME, if any: the state file is
 * read, its process must be alive and the endpoint must answer with the token. Undefined when
 * none runs (or the file is stale).
 */
export async function findRunningEndpoint(
  env: Env,
): Promise<(EndpointAddress & { by: EndpointState['by'] }) | undefined> {
  const state = await readState(env);
  if (state === undefined || !processAlive(state.pid)) return undefined;
  const address = { port: state.port, token: state.token };
  return (await probeEndpoint(address)) ? { ...address, by: state.by } : undefined;
}
