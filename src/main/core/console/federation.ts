// The direct way into the AWS console: the role's temporary credentials are exchanged at the
// AWS federation endpoint for a sign-in token (`Action=getSigninToken`), and the browser opens
// the endpoint's `Action=login` URL with that token and the page to land on (`Destination`).
//
// The federation endpoint is not an AWS API: no SDK has a client for it, it is a plain HTTPS GET
// answering JSON. So this module calls it with Node's own fetch; the project's rule of using the
// official SDK clients for AWS services has no client to apply to here.
//
// Hosts by partition (the region's prefix decides it, as in the SDKs' partition table):
// - aws:        the sign-in endpoint of the region, `<region>.signin.aws.amazon.com`
//               (`signin.aws.amazon.com` for us-east-1, the global one), console
//               `console.aws.amazon.com`;
// - aws-us-gov: `signin.amazonaws-us-gov.com`, console `console.amazonaws-us-gov.com`;
// - aws-cn:     `signin.amazonaws.cn`, console `console.amazonaws.cn`;
// - aws-eusc (the European Sovereign Cloud): `<region>.signin.amazonaws-eusc.eu`, console
//               `console.amazonaws-eusc.eu`.
// `AWS_ENDPOINT_URL_SIGNIN` (the AWS Sign-In service's variable in the SDKs' naming), then
// `AWS_ENDPOINT_URL`, replace the endpoint (the tests point it at the emulator), unless
// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import type { RoleCredentials } from '../../../shared/schemas';
import { destinationProblem } from '../../../shared/console-rules';

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-eusc';

export interface PartitionHosts {
  partition: Partition;
  /** The federation endpoint's base URL (no trailing `/`). */
  signin: string;
  /** The console's host; destinations must be on it or one of its subdomains. */
  consoleHost: string;
}

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** The public sign-in and console hosts for a region. */
export function partitionHosts(region: string): PartitionHosts {
  const partition = partitionOf(region);
  switch (partition) {
    case 'aws-us-gov':
      return {
        partition,
        signin: 'https://signin.amazonaws-us-gov.com',
        consoleHost: 'console.amazonaws-us-gov.com',
      };
    case 'aws-cn':
      return {
        partition,
        signin: 'https://signin.amazonaws.cn',
        consoleHost: 'console.amazonaws.cn',
      };
    case 'aws-eusc':
      return {
        partition,
        signin: `https://${region}.signin.amazonaws-eusc.eu`,
        consoleHost: 'console.amazonaws-eusc.eu',
      };
    case 'aws':
      return {
        partition,
        signin:
          region === 'us-east-1'
            ? 'https://signin.aws.amazon.com'
            : `https://${region}.signin.aws.amazon.com`,
        consoleHost: 'console.aws.amazon.com',
      };
  }
}

/** The federation endpoint (`…/federation`) for a region, honouring the endpoint variables. */
export function federationEndpoint(region: string, env: Env): string {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const configured = ignore ? undefined : env.AWS_ENDPOINT_URL_SIGNIN || env.AWS_ENDPOINT_URL;
  const base = configured ? configured.trim().replace(/\/+$/, '') : partitionHosts(region).signin;
  return `${base}/federation`;
}

/**
 * The console page to land on: the console home of the region when `destination` is absent, a
 * path (`/ec2/home`) on the partition's console host, or an https URL on that host (or one of
 * its subdomains, such as `us-west-2.console.aws.amazon.com`). A `region` query parameter is
 * added when the page has none. Anything else is refused: the login URL would otherwise send the
 * signed-in browser to a page off the console.
 */
export function consoleDestination(region: string, destination?: string): string {
  const { consoleHost } = partitionHosts(region);
  const raw = destination ?? '/console/home';
  const problem = destinationProblem(raw);
  if (problem !== null) throw new SsoTrayError('INVALID_INPUT', problem);
  const url = new URL(raw, `https://${consoleHost}`);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (
    url.protocol !== 'https:' ||
    (url.port !== '' && url.port !== '443') ||
    (host !== consoleHost && !host.endsWith(`.${consoleHost}`))
  ) {
    throw new SsoTrayError(
      'INVALID_INPUT',
      `The console page must be on ${consoleHost} for the region ${region}.`,
    );
  }
  if (!url.searchParams.has('region')) url.searchParams.set('region', region);
  return url.href;
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface SigninTokenOptions {
  /** Seconds the console session may last (900–43200); the credentials' own lifetime if absent. */
  sessionDurationSeconds?: number;
  fetch?: FetchFn;
  /** Milliseconds before the request is given up. */
  timeoutMs?: number;
}

const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Exchanges role credentials for a console sign-in token at `endpoint` (from
 * federationEndpoint). The request carries the credentials and the answer a token good for 15
 * minutes: neither appears in an error message or the log.
 */
export async function getSigninToken(
  endpoint: string,
  creds: Pick<RoleCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  options: SigninTokenOptions = {},
): Promise<string> {
  const query = new URLSearchParams({ Action: 'getSigninToken' });
  if (options.sessionDurationSeconds !== undefined) {
    query.set('SessionDuration', String(options.sessionDurationSeconds));
  }
  query.set(
    'Session',
    JSON.stringify({
      sessionId: creds.accessKeyId,
      sessionKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
    }),
  );
  const doFetch: FetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(`${endpoint}?${query.toString()}`, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (e) {
    // The error of a failed fetch may quote the URL, which holds the credentials: not kept.
    const timedOut = e instanceof Error && e.name === 'TimeoutError';
    throw new SsoTrayError(
      'NETWORK',
      timedOut
        ? 'The AWS sign-in endpoint did not answer in time.'
        : `The AWS sign-in endpoint (${hostForMessage(endpoint)}) could not be reached.`,
    );
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new SsoTrayError(
        'ACCESS_DENIED',
        `The AWS sign-in endpoint refused the role's credentials (HTTP ${res.status}): they are ` +
          'expired or not valid for the console. Get new credentials and try again.',
      );
    }
    throw new SsoTrayError(
      'AWS',
      `The AWS sign-in endpoint answered HTTP ${res.status} instead of a sign-in token.`,
    );
  }
  let token: unknown;
  try {
    const text = await res.text();
    token = (JSON.parse(text) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
    throw new SsoTrayError('AWS', 'The AWS sign-in endpoint answered without a sign-in token.');
  }
  return token;
}

/**
 * The URL that signs the browser in and lands on `destination`. It carries the sign-in token,
 * a secret for 15 minutes: open it or print it when asked, never log it.
 */
export function loginUrl(
  endpoint: string,
  token: string,
  destination: string,
  issuer?: string,
): string {
  const query = new URLSearchParams({ Action: 'login' });
  if (issuer !== undefined) query.set('Issuer', issuer);
  query.set('Destination', destination);
  query.set('SigninToken', token);
  return `${endpoint}?${query.toString()}`;
}

function hostForMessage(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unparsable URL';
  }
}
