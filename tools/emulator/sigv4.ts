// AWS Signature Version 4 verification (docs/aws-protocols.md): the emulator's STS checks each
// request's signature with the secret it issued, as the real service does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string; // yyyymmdd
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface SignedRequest {
  method: string;
  /** The path as sent on the wire (still percent-encoded), without the query. */
  path: string;
  /** The raw query string without `?` (may be empty). */
  query: string;
  /** Header names in lower case, as Node gives them. */
  headers: HeaderMap;
  body: Buffer;
}

export interface IssuedSecret {
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number; // epoch ms
}

export type VerifyResult =
  { ok: true; accessKeyId: string } | { ok: false; status: number; code: string; message: string };

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-_.~` becomes %XX (upper-case hex). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The canonical URI for every service but S3: dot segments removed, then each segment encoded
 * again (the SDK signers escape the already-escaped wire path).
 */
export function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const trailing = path.endsWith('/') && out.length > 0 ? '/' : '';
  return `/${out.map(rfc3986).join('/')}${trailing}`;
}

/** Query pairs decoded, re-encoded per RFC 3986, sorted by key then value, joined with `&`. */
export function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([rfc3986(safeDecode(key)), rfc3986(safeDecode(value))]);
  }
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => `${name}:${(headerValue(headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
}

export function canonicalRequest(
  req: SignedRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    canonicalHeaders(req.headers, signedHeaders),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secret}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

export function signature(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; undefined if malformed. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const sig = fields.get('Signature');
  if (!credential || !signed || !sig) return undefined;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  if (!/^[0-9a-f]{64}$/.test(sig)) return undefined;
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signed.split(';').map((h) => h.trim().toLowerCase()),
    signature: sig,
  };
}

/** `yyyymmddTHHMMSSZ` → epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function fail(status: number, code: string, message: string): VerifyResult {
  return { ok: false, status, code, message };
}

/**
 * Verifies a SigV4-signed request for `service` against the secrets the emulator issued.
 * Error messages never contain the secret, the session token or the expected signature.
 */
export function verifySigV4(
  req: SignedRequest,
  service: string,
  lookup: (accessKeyId: string) => IssuedSecret | undefined,
  now: number,
): VerifyResult {
  const auth = headerValue(req.headers, 'authorization');
  if (!auth) {
    return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  }
  const parsed = parseAuthorization(auth);
  if (!parsed) {
    return fail(
      400,
      'IncompleteSignature',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters for ${ALGORITHM}.`,
    );
  }
  if (!parsed.signedHeaders.includes('host')) {
    return fail(400, 'IncompleteSignature', "'Host' must be a signed header.");
  }
  const amzDate = headerValue(req.headers, 'x-amz-date');
  if (!amzDate || !parsed.signedHeaders.includes('x-amz-date')) {
    return fail(400, 'IncompleteSignature', "'X-Amz-Date' must be present and signed.");
  }
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) {
    return fail(400, 'IncompleteSignature', 'X-Amz-Date is not a valid ISO 8601 basic date.');
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return fail(
      400,
      'RequestExpired',
      'Request has expired (signed more than 15 minutes from the server time).',
    );
  }
  if (amzDate.slice(0, 8) !== parsed.date) {
    return fail(
      403,
      'SignatureDoesNotMatch',
      'Date in Credential scope does not match the date of X-Amz-Date.',
    );
  }
  if (parsed.service !== service) {
    return fail(
      403,
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${service}'.`,
    );
  }
  const issued = lookup(parsed.accessKeyId);
  if (!issued) {
    return fail(
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
  }
  const token = headerValue(req.headers, 'x-amz-security-token');
  if (token !== issued.sessionToken) {
    return fail(
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
  }
  if (issued.expiresAt <= now) {
    return fail(400, 'ExpiredToken', 'The security token included in the request is expired');
  }
  const bodyHash = sha256Hex(req.body);
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== bodyHash) {
    return fail(
      400,
      'XAmzContentSHA256Mismatch',
      'The provided x-amz-content-sha256 header does not match what was computed.',
    );
  }
  const canonical = canonicalRequest(req, parsed.signedHeaders, declared ?? bodyHash);
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const expected = signature(
    signingKey(issued.secretAccessKey, parsed.date, parsed.region, parsed.service),
    stringToSign(amzDate, scope, canonical),
  );
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(parsed.signature, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return fail(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { ok: true, accessKeyId: parsed.accessKeyId };
}
