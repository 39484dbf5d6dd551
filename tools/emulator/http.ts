// Wire helpers: how each protocol the emulator speaks shapes its replies and errors
// (docs/aws-protocols.md).
import type { IncomingHttpHeaders } from 'node:http';

export interface Req {
  method: string;
  path: string;
  /** The raw query string without `?`. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PORTAL_NS = 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/';
const OIDC_NS = 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/';
const STS_NS = 'http://internal.amazon.com/coral/com.amazon.coral.service/';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** Portal (rest-json) error: `{"message"}` plus `x-amzn-ErrorType`. */
export function portalError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return json(status, { message }, { 'x-amzn-ErrorType': `${type}:${PORTAL_NS}`, ...headers });
}

export const OIDC_ERRORS = {
  AuthorizationPendingException: [400, 'authorization_pending'],
  SlowDownException: [400, 'slow_down'],
  ExpiredTokenException: [400, 'expired_token'],
  AccessDeniedException: [400, 'access_denied'],
  InvalidClientException: [401, 'invalid_client'],
  InvalidGrantException: [400, 'invalid_grant'],
  InvalidRequestException: [400, 'invalid_request'],
  InvalidScopeException: [400, 'invalid_scope'],
  UnauthorizedClientException: [400, 'unauthorized_client'],
  UnsupportedGrantTypeException: [400, 'unsupported_grant_type'],
  InvalidClientMetadataException: [400, 'invalid_client_metadata'],
  InvalidRedirectUriException: [400, 'invalid_redirect_uri'],
  InternalServerException: [500, 'server_error'],
  TooManyRequestsException: [429, 'too_many_requests'],
} as const satisfies Record<string, readonly [number, string]>;

export type OidcErrorType = keyof typeof OIDC_ERRORS;

/** OIDC (rest-json) error: `{"error","error_description"}` plus `x-amzn-ErrorType`. */
export function oidcError(
  type: OidcErrorType,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  const [status, error] = OIDC_ERRORS[type];
  return json(
    status,
    { error, error_description: description },
    { 'x-amzn-ErrorType': `${type}:${OIDC_NS}`, ...headers },
  );
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** STS (awsQuery) error: XML `ErrorResponse`; clients read `Error/Code`. */
export function stsError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): Reply {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-ErrorType': `${code}:${STS_NS}`, ...headers },
    body:
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
  };
}

export function xml(body: string): Reply {
  return { status: 200, headers: { 'Content-Type': 'text/xml' }, body };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { Location: location, 'Content-Type': 'text/plain' }, body: '' };
}

/** Parses a JSON object body; undefined when it is not one. An empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function strList(value: unknown): string[] | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
  return value as string[];
}

export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** True for `http://127.0.0.1[:port]/…`, `http://localhost[:port]/…` and `http://[::1][:port]/…`. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return (
      u.protocol === 'http:' &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
      !u.username &&
      !u.password
    );
  } catch {
    return false;
  }
}
