// STS GetCallerIdentity with role credentials: proves the credentials work and shows who they
// are. The endpoint is resolved like the AWS tools do (AWS_ENDPOINT_URL_STS, ...).
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { resolveEndpoint } from '../sso/endpoints';
import type { RoleCredentials } from '../../../shared/schemas';

export interface StsVerifyArgs {
  env: Env;
  region: string;
  credentials: RoleCredentials;
}

/** Who the credentials belong to, as STS says. */
export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

export async function verifyWithSts(args: StsVerifyArgs): Promise<CallerIdentity> {
  const { env, region, credentials } = args;
  const endpoint = resolveEndpoint('sts', region, env);
  // Loaded here, not with the module: only this call needs the STS client.
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  const client = new STSClient({
    region,
    endpoint,
    maxAttempts: 2,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    if (out.Arn === undefined) throw new SsoTrayError('AWS', 'STS did not say who you are.');
    return { arn: out.Arn, account: out.Account ?? '', userId: out.UserId ?? '' };
  } catch (e) {
    if (e instanceof SsoTrayError) throw e;
    const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
    if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError/.test(`${name} ${String(e)}`)) {
      throw new SsoTrayError('NETWORK', `Cannot reach ${endpoint}.`);
    }
    if (/ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|AccessDenied/.test(name)) {
      throw new SsoTrayError('ACCESS_DENIED', `STS refused these credentials (${name}).`);
    }
    throw new SsoTrayError('AWS', `STS GetCallerIdentity failed${name ? ` (${name})` : ''}.`);
  } finally {
    client.destroy();
  }
}
