// Which start URL hosts are AWS's (no question asked) and which are not (main asks first).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowListFor,
  isAllowedExternalUrl,
  isAwsPortalHost,
  isAwsStartUrl,
  startUrlHost,
} from './external-url';

describe('isAwsStartUrl: the AWS access portal in every partition', () => {
  it.each([
    ['commercial, directory id', 'https://d-1234567890.awsapps.com/start'],
    ['commercial, alias', 'https://my-company.awsapps.com/start/#/'],
    ['commercial, upper case', 'https://D-1234567890.AWSAPPS.COM/start'],
    ['commercial, trailing dot', 'https://d-1234567890.awsapps.com./start'],
    ['commercial, explicit port 443', 'https://d-1234567890.awsapps.com:443/start'],
    ['commercial, ideographic full stop', 'https://d-1234567890.awsapps\u3002com/start'],
    ['commercial, dual-stack portal', 'https://ssoins-7223753b6943f944.portal.us-east-1.app.aws/'],
    ['commercial, IPv4 portal', 'https://ssoins-7223753b6943f944.us-west-2.portal.amazonaws.com'],
    ['commercial, issuer', 'https://identitycenter.amazonaws.com/ssoins-7223753b6943f944'],
    ['GovCloud', 'https://start.us-gov-home.awsapps.com/directory/d-1234567890'],
    ['GovCloud, regional', 'https://start.us-gov-west-1.us-gov-home.awsapps.com/directory/d-1'],
    ['GovCloud, IPv4 portal', 'https://ssoins-7223753b6943f944.us-gov-west-1.portal.amazonaws.com'],
    ['GovCloud, issuer', 'https://identitycenter.us-gov.amazonaws.com/ssoins-7223753b6943f944'],
    ['China', 'https://start.home.awsapps.cn/directory/d-1234567890'],
    ['China, regional', 'https://start.cn-north-1.home.awsapps.cn/directory/d-1234567890'],
    [
      'China, dual-stack portal',
      'https://ssoins-7223753b6943f944.portal.cn-north-1.app.amazonwebservices.com.cn/start',
    ],
    [
      'China, IPv4 portal',
      'https://ssoins-7223753b6943f944.cn-northwest-1.portal.amazonaws.com.cn',
    ],
    ['China, issuer', 'https://identitycenter.amazonaws.com.cn/ssoins-7223753b6943f944'],
    [
      'European Sovereign Cloud, dual-stack portal',
      'https://ssoins-7223753b6943f944.portal.eusc-de-east-1.api.amazonwebservices.eu',
    ],
    [
      'European Sovereign Cloud, IPv4 portal',
      'https://ssoins-7223753b6943f944.eusc-de-east-1.portal.amazonaws.eu',
    ],
    ['European Sovereign Cloud, issuer', 'https://identitycenter.amazonaws.eu/ssoins-72237'],
  ])('%s: %s', (_what, url) => {
    expect(isAwsStartUrl(url)).toBe(true);
  });

  it.each([
    ['a company domain', 'https://sso.example.com/start'],
    ['bare awsapps.com', 'https://awsapps.com/start'],
    ['bare app.aws', 'https://app.aws/start'],
    ['suffix look-alike', 'https://awsapps.com.evil.com/start'],
    ['deeper suffix look-alike', 'https://d-1234567890.awsapps.com.evil.com/start'],
    ['prefix look-alike', 'https://evil-awsapps.com/start'],
    ['glued prefix', 'https://evilawsapps.com/start'],
    ['China look-alike', 'https://awsapps.cn.evil.net/start'],
    ['China prefix look-alike', 'https://evil-awsapps.cn/start'],
    ['portal look-alike', 'https://portal.amazonaws.com.cn.evil.net/start'],
    ['issuer look-alike', 'https://identitycenter.amazonaws.com.evil.com/x'],
    ['issuer prefix', 'https://xidentitycenter.amazonaws.com/x'],
    ['EUSC service endpoint, not a portal', 'https://s3.eusc-de-east-1.api.amazonwebservices.eu/'],
    ['EUSC bucket', 'https://bucket.s3.eusc-de-east-1.api.amazonwebservices.eu/x.html'],
    ['user-info before the host', 'https://d-1234567890.awsapps.com@evil.com/start'],
    ['user-info on an AWS host', 'https://evil.com@d-1234567890.awsapps.com/start'],
    ['user-info with password', 'https://a:b@d-1234567890.awsapps.com/start'],
    ['backslash trick', 'https://evil.com\\@d-1234567890.awsapps.com/start'],
    ['IDN homograph (Cyrillic a)', 'https://d-1234567890.\u0430wsapps.com/start'],
    ['punycode label', 'https://xn--d-1234567890-awsapps.com/start'],
    ['odd port', 'https://d-1234567890.awsapps.com:8443/start'],
    ['plain http', 'http://d-1234567890.awsapps.com/start'],
    ['IP address', 'https://52.94.236.248/start'],
    ['not a URL', 'd-1234567890.awsapps.com/start'],
    ['empty', ''],
  ])('not AWS: %s', (_what, url) => {
    expect(isAwsStartUrl(url)).toBe(false);
  });

  it('reads the host as the browser would, or not at all', () => {
    expect(startUrlHost('https://D-1.AwsApps.com./start')).toBe('d-1.awsapps.com');
    expect(startUrlHost('https://d-1.awsapps.com@evil.com/')).toBeNull();
    expect(startUrlHost('https://evil.com\\@d-1.awsapps.com/')).toBe('evil.com');
    expect(startUrlHost('https://sso.example.com:8443/')).toBeNull();
    expect(startUrlHost('https://sso.\u0435xample.com/')).toBe('sso.xn--xample-2of.com');
  });

  it('no host that merely contains an AWS suffix passes (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    const suffix = fc.constantFrom(
      'awsapps.com',
      'app.aws',
      'portal.amazonaws.com',
      'awsapps.cn',
      'app.amazonwebservices.com.cn',
      'portal.amazonaws.com.cn',
      'portal.amazonaws.eu',
    );
    fc.assert(
      fc.property(label, suffix, label, (name, s, tail) => {
        expect(isAwsPortalHost(`${name}.${s}`)).toBe(true);
        expect(isAwsPortalHost(`${name}.${s}.`)).toBe(true);
        expect(isAwsPortalHost(s)).toBe(false);
        expect(isAwsPortalHost(`${name}.${s}.${tail}.com`)).toBe(false);
        expect(isAwsPortalHost(`${name}-${s}`)).toBe(false);
        expect(isAwsPortalHost(`${name}${s}`)).toBe(false);
      }),
    );
  });
});

describe('allowListFor and start URL hosts outside AWS', () => {
  const sessions = [
    { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' },
    { startUrl: 'https://ssoins-1.portal.us-east-1.app.aws/start', region: 'us-east-1' },
    { startUrl: 'https://sso.example.com/start', region: 'us-east-1' },
  ];

  it('lists an outside host only once it is trusted', () => {
    const before = allowListFor(sessions);
    expect(before.startUrlHosts).toEqual([
      'd-1234567890.awsapps.com',
      'ssoins-1.portal.us-east-1.app.aws',
    ]);
    expect(isAllowedExternalUrl('https://sso.example.com/start/#/console', before)).toBe(false);
    expect(
      isAllowedExternalUrl('https://ssoins-1.portal.us-east-1.app.aws/start/#/console', before),
    ).toBe(true);
    const after = allowListFor(sessions, {}, { trustedStartUrlHosts: ['SSO.example.com.'] });
    expect(after.startUrlHosts).toContain('sso.example.com');
    expect(isAllowedExternalUrl('https://sso.example.com/start/#/console', after)).toBe(true);
    // trusting a host that no session uses adds nothing
    expect(allowListFor(sessions, {}, { trustedStartUrlHosts: ['other.example'] })).toEqual(before);
  });
});

describe('the console sign-in hosts of every partition', () => {
  const allow = { startUrlHosts: [], oidcHosts: [] };
  it('lets the federation login and console pages of each partition through', () => {
    for (const url of [
      'https://signin.aws.amazon.com/federation?Action=login',
      'https://eu-west-1.signin.aws.amazon.com/federation?Action=login',
      'https://signin.amazonaws-us-gov.com/federation?Action=login',
      'https://signin.amazonaws.cn/federation?Action=login',
      'https://eusc-de-east-1.signin.amazonaws-eusc.eu/federation?Action=login',
      'https://console.amazonaws-eusc.eu/console/home',
      'https://console.amazonaws-us-gov.com/console/home',
      'https://console.amazonaws.cn/console/home',
    ]) {
      expect(isAllowedExternalUrl(url, allow), url).toBe(true);
    }
  });

  it('refuses their look-alikes and the bare EUSC suffix', () => {
    for (const url of [
      'https://signin.amazonaws-eusc.eu.evil.com/federation',
      'https://evil-signin.amazonaws.cn/federation',
      'https://signin.amazonaws-us-gov.com.evil.com/',
      'http://signin.amazonaws.cn/federation',
      'https://signin.amazonaws-eusc.eu:8443/federation',
    ]) {
      expect(isAllowedExternalUrl(url, allow), url).toBe(false);
    }
  });

  it('adds the host of AWS_ENDPOINT_URL_SIGNIN', () => {
    const list = allowListFor([], { AWS_ENDPOINT_URL_SIGNIN: 'https://signin.example.test' });
    expect(isAllowedExternalUrl('https://signin.example.test/federation?Action=login', list)).toBe(
      true,
    );
  });
});
