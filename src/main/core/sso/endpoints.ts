import type { Env } from '../aws-paths';

export type SsoService = 'sso' | 'sso-oidc' | 'sts';

const ENV_NAMES: Record<SsoService, string> = {
  sso: 'AWS_ENDPOINT_URL_SSO',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  sts: 'AWS_ENDPOINT_URL_STS',
};

function partitionSuffix(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-isob-')) return 'sc2s.sgov.gov';
  if (region.startsWith('us-iso-')) return 'c2s.ic.gov';
  return 'amazonaws.com';
}

/**
 * The base URL for a service, as the AWS tools resolve it: the service-specific variable
 * (`AWS_ENDPOINT_URL_SSO`, `_SSO_OIDC`, `_STS`), then `AWS_ENDPOINT_URL`, then the public endpoint
 * of the region. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns the variables off. No trailing `/`.
 */
export function resolveEndpoint(service: SsoService, region: string, env: Env): string {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const configured = ignore ? undefined : env[ENV_NAMES[service]] || env.AWS_ENDPOINT_URL;
  if (configured) return configured.trim().replace(/\/+$/, '');
  const suffix = partitionSuffix(region);
  switch (service) {
    case 'sso':
      return `https://portal.sso.${region}.${suffix}`;
    case 'sso-oidc':
      return `https://oidc.${region}.${suffix}`;
    case 'sts':
      return `https://sts.${region}.${suffix}`;
  }
}
