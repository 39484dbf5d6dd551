import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allowListFor,
  CONTENT_SECURITY_POLICY,
  consoleUrl,
  isAllowedExternalUrl,
  isTrustedSender,
  resolveAppAsset,
  windowWebPreferences,
} from './index';

const allow = {
  startUrlHosts: ['d-1234567890.awsapps.com', 'sso.example.com'],
  oidcHosts: ['device.sso.us-east-1.amazonaws.com', 'oidc.us-east-1.amazonaws.com'],
};

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://d-1234567890.awsapps.com/start/#/device?user_code=ABCD-EFGH',
    'https://sso.example.com/start',
    'https://SSO.Example.com./start',
    'https://device.sso.us-east-1.amazonaws.com/?user_code=X',
    'https://oidc.us-east-1.amazonaws.com/authorize?x=1',
    'https://console.aws.amazon.com/console/home',
    'https://us-east-1.console.aws.amazon.com/ec2',
    'https://us-east-1.signin.aws.amazon.com/oauth',
    'https://signin.aws.amazon.com/federation',
    'https://d-9999999999.awsapps.com/start',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url, allow)).toBe(true);
  });

  it.each([
    ['plain http', 'http://console.aws.amazon.com/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['custom scheme', 'ms-settings:privacy'],
    ['userinfo trick', 'https://console.aws.amazon.com@evil.com/'],
    ['userinfo with password', 'https://user:pw@console.aws.amazon.com/'],
    ['lookalike suffix', 'https://console.aws.amazon.com.evil.com/'],
    ['lookalike prefix', 'https://evilconsole.aws.amazon.com/'],
    ['lookalike awsapps', 'https://awsapps.com.evil.com/start'],
    ['bare awsapps', 'https://awsapps.com/'],
    ['unrelated', 'https://example.com/'],
    ['IDN homograph', 'https://cоnsole.aws.amazon.com/'],
    ['fullwidth dot trick', 'https://evil.com\uff0fconsole.aws.amazon.com'],
    ['odd port', 'https://console.aws.amazon.com:8443/'],
    ['loopback http without dev flag', 'http://127.0.0.1:4567/device'],
    ['empty', ''],
    ['garbage', 'not a url'],
    ['backslash trick', 'https://evil.com\\@console.aws.amazon.com/'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, allow)).toBe(false);
  });

  it('allows loopback http only when dev mode is explicitly flagged', () => {
    const dev = { ...allow, allowLoopbackHttp: true };
    expect(isAllowedExternalUrl('http://127.0.0.1:4567/device', dev)).toBe(true);
    expect(isAllowedExternalUrl('http://localhost:4567/device', dev)).toBe(true);
    expect(isAllowedExternalUrl('http://evil.com/', dev)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1.evil.com/', dev)).toBe(false);
  });

  it('never allows a URL whose parsed host is off the list (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
        const onList =
          host === 'console.aws.amazon.com' ||
          host === 'signin.aws.amazon.com' ||
          /\.(console\.aws\.amazon\.com|signin\.aws\.amazon\.com|awsapps\.com)$/.test(host) ||
          [...allow.startUrlHosts, ...allow.oidcHosts].includes(host);
        if (isAllowedExternalUrl(url, allow)) expect(onList).toBe(true);
      }),
    );
    // fast-check's URL generator is slow on a loaded 2-core machine; the runs stay 100
  }, 60_000);
});

describe('window security', () => {
  it('uses exactly the CSP of the security checklist', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
    );
  });

  it('isolates and sandboxes the renderer, devtools only in dev', () => {
    const prefs = windowWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(windowWebPreferences('/p', { dev: true }).devTools).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('accepts the app origin from the top frame', () => {
    expect(isTrustedSender('app://sso-tray/index.html', 'app://sso-tray')).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });

  it.each([
    'app://sso-tray.evil/index.html',
    'app://evil/index.html',
    'app://x@sso-tray/index.html',
    'https://sso-tray/index.html',
    'https://console.aws.amazon.com/',
    'file:///index.html',
    'about:blank',
    '',
    'garbage',
  ])('rejects %s', (url) => {
    expect(isTrustedSender(url, 'app://sso-tray')).toBe(false);
  });

  it('rejects subframes and missing frames', () => {
    expect(isTrustedSender('app://sso-tray/', 'app://sso-tray', { isTopFrame: false })).toBe(false);
    expect(isTrustedSender(null, 'app://sso-tray')).toBe(false);
    expect(isTrustedSender(undefined, 'app://sso-tray')).toBe(false);
  });
});

describe('consoleUrl', () => {
  it('builds the access portal console link', () => {
    expect(
      consoleUrl('https://d-1234567890.awsapps.com/start', '123456789012', 'AdministratorAccess'),
    ).toBe(
      'https://d-1234567890.awsapps.com/start/#/console?account_id=123456789012&role_name=AdministratorAccess',
    );
  });

  it('tolerates a trailing slash and encodes odd role names', () => {
    expect(consoleUrl('https://d-1.awsapps.com/start/', '1', 'A+B=C')).toBe(
      'https://d-1.awsapps.com/start/#/console?account_id=1&role_name=A%2BB%3DC',
    );
  });
});

describe('resolveAppAsset', () => {
  const root = '/opt/app/out/renderer';
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://sso-tray/')).toEqual({
      filePath: '/opt/app/out/renderer/index.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://sso-tray/assets/index-abc.js')?.filePath).toBe(
      '/opt/app/out/renderer/assets/index-abc.js',
    );
  });

  it.each([
    'app://sso-tray/assets/..%2f..%2fmain/index.js',
    'app://sso-tray/..%5cmain%5cindex.js',
    'app://sso-tray/%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://sso-tray/secret.bin',
    'app://sso-tray/%E0%A4%A.js',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('keeps dot segments the URL parser resolves inside the renderer folder', () => {
    for (const url of ['app://sso-tray/../main/index.js', 'app://sso-tray/%2e%2e/main/index.js']) {
      const asset = resolveAppAsset(root, url);
      expect(asset === null || asset.filePath.startsWith(`${root}/`)).toBe(true);
    }
  });

  it('never resolves outside the renderer folder (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (tail) => {
        const asset = resolveAppAsset(root, `app://sso-tray/${tail}`);
        if (asset !== null) expect(asset.filePath.startsWith(`${root}/`)).toBe(true);
      }),
    );
  });
});

describe('allowListFor', () => {
  it('derives start URL and OIDC hosts from the sessions and endpoint overrides', () => {
    const list = allowListFor(
      [
        { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' },
        { startUrl: 'not a url', region: 'bogus' },
      ],
      { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4567' },
    );
    expect(list.startUrlHosts).toEqual(['d-1234567890.awsapps.com']);
    expect(list.oidcHosts).toEqual([
      'device.sso.eu-west-1.amazonaws.com',
      'oidc.eu-west-1.amazonaws.com',
      '127.0.0.1',
    ]);
    expect(list.allowLoopbackHttp).toBe(false);
    // An override host alone does not make plain http acceptable.
    expect(isAllowedExternalUrl('http://127.0.0.1:4567/device', list)).toBe(false);
    expect(isAllowedExternalUrl('https://device.sso.eu-west-1.amazonaws.com/?x', list)).toBe(true);
  });
});
