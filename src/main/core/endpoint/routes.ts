// What a process needs to reach the local credentials endpoint: the URL of one role, the two
// environment variables the AWS SDKs read, and the lines to paste into a shell. Pure functions,
// shared by the server, `sso-tray serve`, `sso-tray exec --endpoint` and the app.
import {
  ACCOUNT_ID_PATTERN,
  configSessionNameProblem,
  ROLE_NAME_PATTERN,
} from '../../../shared/rules';
import type { EnvShell } from '../../../shared/credential-formats';

/** The loopback address the endpoint listens on; nothing else is ever bound. */
export const ENDPOINT_HOST = '127.0.0.1';

/** Where a running endpoint is: its port and the token a request must carry. */
export interface EndpointAddress {
  port: number;
  token: string;
}

export interface EndpointRole {
  session: string;
  accountId: string;
  roleName: string;
}

/** The SDKs' variable names (the container credentials provider). */
const FULL_URI_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const TOKEN_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';

export interface EndpointEnv {
  AWS_CONTAINER_CREDENTIALS_FULL_URI: string;
  AWS_CONTAINER_AUTHORIZATION_TOKEN: string;
}

/** `/role/<session>/<accountId>/<roleName>`, each part URL-encoded. */
export function rolePath(role: EndpointRole): string {
  return `/role/${[role.session, role.accountId, role.roleName].map(encodePart).join('/')}`;
}

export function roleUrl(port: number, role: EndpointRole): string {
  return `http://${ENDPOINT_HOST}:${port}${rolePath(role)}`;
}

/**
 * The environment a process needs to get `role`'s credentials from the endpoint at `address`:
 * the SDKs' container credentials provider reads these two variables (and no static keys must
 * be set beside them, as those take precedence).
 */
export function endpointEnv(address: EndpointAddress, role: EndpointRole): EndpointEnv {
  return {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: roleUrl(address.port, role),
    AWS_CONTAINER_AUTHORIZATION_TOKEN: address.token,
  };
}

export type ParsedRolePath = { ok: true; role: EndpointRole } | { ok: false; message: string };

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Reads a request path (without the query) as a role; the message says what is wrong. */
export function parseRolePath(path: string): ParsedRolePath {
  const parts = path.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'role') {
    return {
      ok: false,
      message: 'Unknown path. A role is at /role/<session>/<account id>/<role name>.',
    };
  }
  const [session, accountId, roleName] = parts.slice(2).map(decode);
  if (session === undefined || accountId === undefined || roleName === undefined) {
    return { ok: false, message: 'The path is not valid URL encoding.' };
  }
  if (configSessionNameProblem(session) !== null) {
    return { ok: false, message: 'The session part of the path is not a session name.' };
  }
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    return { ok: false, message: 'The account part of the path is not a 12-digit account id.' };
  }
  if (!ROLE_NAME_PATTERN.test(roleName)) {
    return { ok: false, message: 'The role part of the path is not a role name.' };
  }
  return { ok: true, role: { session, accountId, roleName } };
}

/** Like encodeURIComponent, but `!'()*` too: what is left is safe in every shell's quotes. */
function encodePart(part: string): string {
  return encodeURIComponent(part).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** One assignment per shell, as the portal writes its three (formatEnv in credential-formats). */
const LINE: Record<EnvShell, (name: string, value: string) => string> = {
  macos: (name, value) => `export ${name}="${value}"\n`,
  windows: (name, value) => `set ${name}=${value}\n`,
  powershell: (name, value) => `$Env:${name}="${value}"\n`,
};

/**
 * The two lines to paste into `shell`. The URL holds only letters, digits, `%` escapes and
 * `.:/_~-`, the token only the base64url alphabet, so no shell acts on either.
 */
export function endpointShellLines(env: EndpointEnv, shell: EnvShell): string {
  return (
    LINE[shell](FULL_URI_VARIABLE, env.AWS_CONTAINER_CREDENTIALS_FULL_URI) +
    LINE[shell](TOKEN_VARIABLE, env.AWS_CONTAINER_AUTHORIZATION_TOKEN)
  );
}
