import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  parseAuthorization,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  verifySigV4,
  type IssuedSecret,
  type SignedRequest,
} from './sigv4';

// AWS's published SigV4 test suite, case "get-vanilla".
const SUITE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('canonical parts', () => {
  it('normalises and re-encodes the path', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/a/./b/../c')).toBe('/a/c');
    expect(canonicalUri('/a//b/')).toBe('/a/b/');
    expect(canonicalUri('/my%20file')).toBe('/my%2520file');
  });

  it('sorts and RFC 3986-encodes the query', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('b=2&a=1&a=0')).toBe('a=0&a=1&b=2');
    expect(canonicalQuery('k=a%20b&x=%2A!')).toBe('k=a%20b&x=%2A%21');
    expect(canonicalQuery('flag')).toBe('flag=');
  });

  it('builds the canonical request of the get-vanilla case', () => {
    const req: SignedRequest = {
      method: 'GET',
      path: '/',
      query: '',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      body: Buffer.alloc(0),
    };
    const canonical = canonicalRequest(req, ['host', 'x-amz-date'], sha256Hex(''));
    expect(canonical).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const sig = signature(
      signingKey(SUITE_SECRET, '20150830', 'us-east-1', 'service'),
      stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', canonical),
    );
    expect(sig).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('trims header values and collapses inner whitespace', () => {
    const req: SignedRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { host: 'h', 'x-a': '  a   b  c ', 'x-b': ['1', '2'] },
      body: Buffer.alloc(0),
    };
    expect(canonicalRequest(req, ['host', 'x-a', 'x-b'], 'p').split('\n').slice(3, 6)).toEqual([
      'host:h',
      'x-a:a b c',
      'x-b:1,2',
    ]);
  });
});

describe('parseAuthorization', () => {
  it('reads credential scope, signed headers and signature', () => {
    const sig = 'a'.repeat(64);
    expect(
      parseAuthorization(
        `AWS4-HMAC-SHA256 Credential=ASIAX/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}`,
      ),
    ).toEqual({
      accessKeyId: 'ASIAX',
      date: '20260101',
      region: 'us-east-1',
      service: 'sts',
      signedHeaders: ['host', 'x-amz-date'],
      signature: sig,
    });
  });

  it.each([
    'Bearer x',
    'AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts/aws4_request, SignedHeaders=host',
    `AWS4-HMAC-SHA256 Credential=A/2026/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
    `AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
    'AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=zz',
  ])('rejects %s', (header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

// node:crypto as the smithy signer's hash constructor.
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuf(secret));
  }
  update(data: Uint8Array): void {
    this.h.update(toBuf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {}
}

function toBuf(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return data instanceof ArrayBuffer
    ? Buffer.from(data)
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const issued: IssuedSecret & { accessKeyId: string } = {
  accessKeyId: 'ASIAEMULATOREXAMPLE1',
  secretAccessKey: 'c2VjcmV0K3NlY3JldC9zZWNyZXQrc2VjcmV0cw==',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
  expiresAt: Date.UTC(2030, 0, 1),
};
const lookup = (akid: string) => (akid === issued.accessKeyId ? issued : undefined);
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

/** Signs a request the way the JS SDK does, then returns it in the verifier's shape. */
async function signed(
  init: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  },
  credentials = issued,
  signingDate = new Date(NOW),
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    region: 'us-east-1',
    service: 'sts',
    sha256: NodeSha256,
  });
  const body = init.body ?? 'Action=GetCallerIdentity&Version=2011-06-15';
  const out = await signer.sign(
    {
      method: init.method ?? 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: init.path ?? '/',
      query: init.query ?? {},
      headers: {
        host: '127.0.0.1:4566',
        'content-type': 'application/x-www-form-urlencoded',
        ...(init.headers ?? {}),
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    },
    { signingDate },
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v;
  const query = Object.entries(out.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return { method: out.method, path: out.path, query, headers, body: Buffer.from(body) };
}

describe('verifySigV4 against the smithy signer', () => {
  it('accepts a correctly signed request', async () => {
    expect(verifySigV4(await signed({}), 'sts', lookup, NOW)).toEqual({
      ok: true,
      accessKeyId: issued.accessKeyId,
    });
  });

  it('accepts arbitrary paths, queries and header values (property)', async () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((s) => s !== '.' && s !== '..' && !s.includes('/'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }), {
          maxKeys: 4,
        }),
        fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
        fc.string({ maxLength: 40 }),
        async (segments, query, headerValue, body) => {
          const path = `/${segments.map(encodeURIComponent).join('/')}`;
          const req = await signed({
            path,
            query,
            headers: { 'x-amz-meta-test': headerValue },
            body,
          });
          // What a server receives: the path exactly as it was sent on the wire.
          expect(verifySigV4(req, 'sts', lookup, NOW)).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const req = await signed({}, { ...issued, secretAccessKey: 'wrong' });
    expect(verifySigV4(req, 'sts', lookup, NOW)).toMatchObject({
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('rejects a tampered body or header', async () => {
    const req = await signed({});
    const body = verifySigV4(
      { ...req, body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-16') },
      'sts',
      lookup,
      NOW,
    );
    expect(body).toMatchObject({ ok: false });
    const header = verifySigV4(
      { ...req, headers: { ...req.headers, host: '127.0.0.1:4567' } },
      'sts',
      lookup,
      NOW,
    );
    expect(header).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('rejects an unknown key and a wrong session token with InvalidClientTokenId', async () => {
    const unknown = await signed({}, { ...issued, accessKeyId: 'ASIAUNKNOWN' });
    expect(verifySigV4(unknown, 'sts', lookup, NOW)).toMatchObject({
      ok: false,
      status: 403,
      code: 'InvalidClientTokenId',
    });
    const token = await signed({}, { ...issued, sessionToken: 'other' });
    expect(verifySigV4(token, 'sts', lookup, NOW)).toMatchObject({
      ok: false,
      status: 403,
      code: 'InvalidClientTokenId',
    });
  });

  it('rejects expired credentials, clock skew over 15 minutes and the wrong service', async () => {
    const req = await signed({});
    expect(verifySigV4(req, 'sts', () => ({ ...issued, expiresAt: NOW - 1 }), NOW)).toMatchObject({
      code: 'ExpiredToken',
    });
    expect(verifySigV4(req, 'sts', lookup, NOW + 16 * 60 * 1000)).toMatchObject({
      status: 400,
      code: 'RequestExpired',
    });
    expect(verifySigV4(req, 'sts', lookup, NOW + 14 * 60 * 1000)).toMatchObject({ ok: true });
    expect(verifySigV4(req, 'iam', lookup, NOW)).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('rejects missing or malformed authorization', async () => {
    const req = await signed({});
    const { authorization: _a, ...noAuth } = req.headers;
    expect(verifySigV4({ ...req, headers: noAuth }, 'sts', lookup, NOW)).toMatchObject({
      status: 403,
      code: 'MissingAuthenticationToken',
    });
    expect(
      verifySigV4(
        { ...req, headers: { ...req.headers, authorization: 'AWS4-HMAC-SHA256 nonsense' } },
        'sts',
        lookup,
        NOW,
      ),
    ).toMatchObject({
      status: 400,
      code: 'IncompleteSignature',
    });
  });

  it('never puts the secret or the session token in an error message', async () => {
    const req = await signed({}, { ...issued, secretAccessKey: 'wrong' });
    const r = verifySigV4(req, 'sts', lookup, NOW);
    expect(JSON.stringify(r)).not.toContain(issued.secretAccessKey);
    expect(JSON.stringify(r)).not.toContain(issued.sessionToken);
  });
});
