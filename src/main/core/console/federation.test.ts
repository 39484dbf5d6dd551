import { describe, expect, it } from 'vitest';
import {
  consoleDestination,
  federationEndpoint,
  getSigninToken,
  loginUrl,
  partitionHosts,
  partitionOf,
  type FetchFn,
} from './federation';

const CREDS = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'secret/with+chars=',
  sessionToken: 'IQoJb3JpZ2luX2VjE+token/=',
};

describe('partitions', () => {
  it('names the partition from the region', () => {
    expect(partitionOf('us-east-1')).toBe('aws');
    expect(partitionOf('eu-central-1')).toBe('aws');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOf('eusc-de-east-1')).toBe('aws-eusc');
  });

  it('uses the sign-in and console hosts of each partition', () => {
    expect(partitionHosts('us-east-1')).toEqual({
      partition: 'aws',
      signin: 'https://signin.aws.amazon.com',
      consoleHost: 'console.aws.amazon.com',
    });
    expect(partitionHosts('eu-west-1').signin).toBe('https://eu-west-1.signin.aws.amazon.com');
    expect(partitionHosts('us-gov-east-1')).toEqual({
      partition: 'aws-us-gov',
      signin: 'https://signin.amazonaws-us-gov.com',
      consoleHost: 'console.amazonaws-us-gov.com',
    });
    expect(partitionHosts('cn-north-1')).toEqual({
      partition: 'aws-cn',
      signin: 'https://signin.amazonaws.cn',
      consoleHost: 'console.amazonaws.cn',
    });
    expect(partitionHosts('eusc-de-east-1')).toEqual({
      partition: 'aws-eusc',
      signin: 'https://eusc-de-east-1.signin.amazonaws-eusc.eu',
      consoleHost: 'console.amazonaws-eusc.eu',
    });
  });
});

describe('federationEndpoint', () => {
  it('is the partition host, or AWS_ENDPOINT_URL_SIGNIN, then AWS_ENDPOINT_URL', () => {
    expect(federationEndpoint('us-east-1', {})).toBe('https://signin.aws.amazon.com/federation');
    expect(federationEndpoint('cn-north-1', {})).toBe('https://signin.amazonaws.cn/federation');
    expect(
      federationEndpoint('us-east-1', {
        AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4566/',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      }),
    ).toBe('http://127.0.0.1:4566/federation');
    expect(federationEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe(
      'http://127.0.0.1:1/federation',
    );
    expect(
      federationEndpoint('us-gov-west-1', {
        AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4566',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE',
      }),
    ).toBe('https://signin.amazonaws-us-gov.com/federation');
  });
});

describe('consoleDestination', () => {
  it('defaults to the console home of the region, in every partition', () => {
    expect(consoleDestination('eu-west-1')).toBe(
      'https://console.aws.amazon.com/console/home?region=eu-west-1',
    );
    expect(consoleDestination('us-gov-west-1')).toBe(
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    );
    expect(consoleDestination('cn-north-1')).toBe(
      'https://console.amazonaws.cn/console/home?region=cn-north-1',
    );
    expect(consoleDestination('eusc-de-east-1')).toBe(
      'https://console.amazonaws-eusc.eu/console/home?region=eusc-de-east-1',
    );
  });

  it('takes a path or a URL on the console host, and keeps a region it names', () => {
    expect(consoleDestination('us-east-1', '/ec2/home#Instances:')).toBe(
      'https://console.aws.amazon.com/ec2/home?region=us-east-1#Instances:',
    );
    expect(
      consoleDestination(
        'us-west-2',
        'https://us-west-2.console.aws.amazon.com/s3/home?region=eu-west-1',
      ),
    ).toBe('https://us-west-2.console.aws.amazon.com/s3/home?region=eu-west-1');
  });

  it('refuses pages off the console host of the partition', () => {
    for (const [region, d] of [
      ['us-east-1', 'https://evil.example.com/'],
      ['us-east-1', 'https://console.aws.amazon.com.evil.com/'],
      ['us-east-1', 'https://console.amazonaws.cn/'],
      ['cn-north-1', 'https://console.aws.amazon.com/'],
      ['us-east-1', 'http://console.aws.amazon.com/'],
      ['us-east-1', 'https://console.aws.amazon.com:8443/'],
      ['us-east-1', '//evil.example.com/x'],
      ['us-east-1', 'javascript:alert(1)'],
      ['us-east-1', '/ec2/home\nx'],
      ['us-east-1', 'ec2'],
    ] as const) {
      expect(() => consoleDestination(region, d), d).toThrow(/console page/);
    }
  });
});

describe('getSigninToken', () => {
  it('sends the credentials as the Session JSON and returns the token', async () => {
    const seen: string[] = [];
    const fetchFn: FetchFn = async (url, init) => {
      seen.push(url);
      expect(init?.method).toBe('GET');
      expect(init?.redirect).toBe('manual');
      return new Response(JSON.stringify({ SigninToken: 'tok-123' }), { status: 200 });
    };
    const token = await getSigninToken('http://127.0.0.1:9/federation', CREDS, {
      fetch: fetchFn,
      sessionDurationSeconds: 3600,
    });
    expect(token).toBe('tok-123');
    const u = new URL(seen[0] ?? '');
    expect(u.pathname).toBe('/federation');
    expect(u.searchParams.get('Action')).toBe('getSigninToken');
    expect(u.searchParams.get('SessionDuration')).toBe('3600');
    expect(JSON.parse(u.searchParams.get('Session') ?? '')).toEqual({
      sessionId: CREDS.accessKeyId,
      sessionKey: CREDS.secretAccessKey,
      sessionToken: CREDS.sessionToken,
    });
  });

  it('says why it failed without quoting the credentials', async () => {
    const cases: Array<[FetchFn, RegExp, string]> = [
      [
        async () => new Response('', { status: 400 }),
        /refused the role's credentials \(HTTP 400\)/,
        'ACCESS_DENIED',
      ],
      [async () => new Response('oops', { status: 503 }), /HTTP 503/, 'AWS'],
      [async () => new Response('{"nope":1}', { status: 200 }), /without a sign-in token/, 'AWS'],
      [async () => new Response('<html>', { status: 200 }), /without a sign-in token/, 'AWS'],
      [
        async (url) => {
          throw new TypeError(`fetch failed for ${url}`);
        },
        /could not be reached/,
        'NETWORK',
      ],
    ];
    for (const [fetchFn, message, code] of cases) {
      const e = await getSigninToken('https://signin.aws.amazon.com/federation', CREDS, {
        fetch: fetchFn,
      }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code, message: expect.stringMatching(message) });
      const text = String((e as Error).message);
      for (const secret of [CREDS.secretAccessKey, CREDS.sessionToken, CREDS.accessKeyId]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('loginUrl', () => {
  it('carries the issuer, the destination and the token, each encoded', () => {
    const url = loginUrl(
      'https://signin.aws.amazon.com/federation',
      'a+b/c=',
      'https://console.aws.amazon.com/ec2/home?region=us-east-1#x',
      'https://d-1234567890.awsapps.com/start',
    );
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://signin.aws.amazon.com/federation');
    expect([...u.searchParams.keys()]).toEqual(['Action', 'Issuer', 'Destination', 'SigninToken']);
    expect(u.searchParams.get('Action')).toBe('login');
    expect(u.searchParams.get('SigninToken')).toBe('a+b/c=');
    expect(u.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/ec2/home?region=us-east-1#x',
    );
    expect(u.hash).toBe('');
  });
});
