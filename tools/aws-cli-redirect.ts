// Points the AWS CLI v2 (also Debian's 2.9.19, which ignores AWS_ENDPOINT_URL_*) at the local
// emulator: a one-rule endpoint ruleset per service in $HOME/.aws/models overrides the bundled one
// (docs/aws-protocols.md). It affects every client of SSO, SSO OIDC and STS under that HOME, so use
// it only with a temporary HOME.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Service model folders and API versions whose endpoint resolution is redirected. */
export const REDIRECTED_SERVICES = [
  ['sso', '2019-06-10'],
  ['sso-oidc', '2019-06-10'],
  ['sts', '2011-06-15'],
] as const;

export function endpointRuleset(url: string): unknown {
  return {
    version: '1.0',
    parameters: {
      Region: {
        builtIn: 'AWS::Region',
        required: false,
        documentation: 'The AWS region.',
        type: 'String',
      },
      UseDualStack: {
        builtIn: 'AWS::UseDualStack',
        required: true,
        default: false,
        documentation: 'Use dual-stack endpoints.',
        type: 'Boolean',
      },
      UseFIPS: {
        builtIn: 'AWS::UseFIPS',
        required: true,
        default: false,
        documentation: 'Use FIPS endpoints.',
        type: 'Boolean',
      },
      Endpoint: {
        builtIn: 'SDK::Endpoint',
        required: false,
        documentation: 'Override endpoint.',
        type: 'String',
      },
    },
    rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }],
  };
}

/** Writes `$home/.aws/models/{sso,sso-oidc,sts}/<version>/endpoint-rule-set-1.json` pointing at `url`. */
export function writeAwsCliEndpointOverrides(home: string, url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`Not an http(s) URL: ${url}`);
  const base = `${parsed.protocol}//${parsed.host}`;
  for (const [service, version] of REDIRECTED_SERVICES) {
    const dir = join(home, '.aws', 'models', service, version);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'endpoint-rule-set-1.json'),
      `${JSON.stringify(endpointRuleset(base), null, 2)}\n`,
    );
  }
}
