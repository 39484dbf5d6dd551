// The environment `sso-tray exec` gives the command it runs: the role's credentials and region
// in the variables every AWS SDK and CLI reads first, and none of the variables that would make an
// SDK look elsewhere for credentials (a profile, a container or web-identity endpoint, another
// tool's keys). Pure: the one place that decides what the child's environment holds.
import { cliExpiration } from '../../../shared/expiry-text';
import type { RoleCredentials } from '../../../shared/schemas';
import type { Env } from '../aws-paths';
import type { EndpointEnv } from '../endpoint/routes';

/** Set inside `sso-tray exec` to `ACCOUNT/ROLE`: a nested exec refuses unless --force. */
export const EXEC_MARKER = 'SSO_TRAY_EXEC';

/**
 * Credential sources the SDKs (botocore, the JS, Java, Go, .NET and Rust SDKs) and the AWS CLI
 * read from the environment, removed so the child uses exactly the credentials given to it:
 * a profile, other keys (the Java SDK's old names too), an expiry of other keys, a container
 * credentials endpoint and its token, a web-identity role, and another tool's leftovers.
 */
export const REMOVED_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
  'AWS_CREDENTIAL_SCOPE',
  'AWS_ACCOUNT_ID',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CREDENTIAL_FILE',
  'AWS_CREDENTIAL_PROFILES_FILE',
] as const;

export interface ExecTarget {
  accountId: string;
  roleName: string;
}

/**
 * Where the child gets its credentials. `static`: the keys themselves, valid until they expire.
 * `endpoint`: the URL and token of SSO Tray's local credentials endpoint, which the SDKs' container
 * credentials provider asks for fresh keys whenever the ones it has are about to expire.
 */
export type CredentialSource =
  { kind: 'static'; credentials: RoleCredentials } | { kind: 'endpoint'; env: EndpointEnv };

export interface ExecEnvOptions {
  target: ExecTarget;
  source: CredentialSource;
  region: string | undefined;
}

/**
 * The child's environment: the parent's, less REMOVED_VARIABLES, plus the role's (its keys, or
 * the endpoint's two variables: no keys beside them, as keys would win over the endpoint).
 */
export function buildExecEnv(parent: Env, o: ExecEnvOptions): Record<string, string> {
  const removed = new Set<string>(REMOVED_VARIABLES);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    // Windows names are case-insensitive: `aws_profile` is AWS_PROFILE there
    if (value === undefined || removed.has(name.toUpperCase())) continue;
    env[name] = value;
  }
  if (o.source.kind === 'static') {
    const c = o.source.credentials;
    env.AWS_ACCESS_KEY_ID = c.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = c.secretAccessKey;
    env.AWS_SESSION_TOKEN = c.sessionToken;
    env.AWS_CREDENTIAL_EXPIRATION = cliExpiration(c.expiration);
  } else {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = o.source.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = o.source.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  }
  if (o.region !== undefined) {
    env.AWS_REGION = o.region;
    env.AWS_DEFAULT_REGION = o.region;
  }
  env[EXEC_MARKER] = `${o.target.accountId}/${o.target.roleName}`;
  return env;
}

/**
 * The region for the child: --region, the profile's, the caller's AWS_REGION or
 * AWS_DEFAULT_REGION, else the session's sso_region (where its IAM Identity Center is).
 */
export function execRegion(
  parent: Env,
  given: { flag?: string; profile?: string; ssoRegion?: string },
): string | undefined {
  return (
    given.flag ||
    given.profile ||
    parent.AWS_REGION ||
    parent.AWS_DEFAULT_REGION ||
    given.ssoRegion ||
    undefined
  );
}
