// The "More formats" beyond the portal's three shells: fish, `NAME=value` lines, a `.env` file,
// Nushell and the AWS CLI's `export-credentials` JSON. Each writes the three variables and
// AWS_CREDENTIAL_EXPIRATION, in the AWS CLI's order and with its expiry text, so that a line any
// of them sets means the same thing. Listed with their labels in ./credential-formats.ts. Pure.
import { cliExpiration, isoExpiration } from './expiry-text';
import type { RoleCredentials } from './schemas';

function exportedValues(c: RoleCredentials): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', cliExpiration(c.expiration)],
  ];
}

/** Characters a POSIX shell gives no meaning to anywhere in a word (Python's shlex.quote set). */
const SH_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for sh, bash, zsh (and `set -a; . file`): as it is when nothing in it means anything
 * to the shell, which every AWS key, secret and token is (so the bytes match the AWS CLI's),
 * otherwise in single quotes, a `'` closing, escaped and reopened. Nothing is expanded in either.
 */
export function shQuote(value: string): string {
  if (SH_PLAIN.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A fish double-quoted string: inside, only `\`, `"` and `$` mean something (and a line break is
 * kept as it is), so each of those three is escaped with a backslash.
 */
export function fishQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, (ch) => `\\${ch}`)}"`;
}

/**
 * A Nushell double-quoted string (no interpolation in `"…"`): `\` and `"` escaped, control
 * characters as `\n`, `\r`, `\t` or `\u{hex}`, everything else as it is.
 */
export function nuQuote(value: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (ch) => {
    if (ch === '\\' || ch === '"') return `\\${ch}`;
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u{${ch.charCodeAt(0).toString(16)}}`;
  });
  return `"${escaped}"`;
}

/** `set -gx NAME "value"` lines for fish. */
export function formatFish(c: RoleCredentials): string {
  return exportedValues(c)
    .map(([name, value]) => `set -gx ${name} ${fishQuote(value)}\n`)
    .join('');
}

/** `NAME=value` lines: `aws configure export-credentials --format env-no-export`, byte for byte. */
export function formatEnvNoExport(c: RoleCredentials): string {
  return exportedValues(c)
    .map(([name, value]) => `${name}=${shQuote(value)}\n`)
    .join('');
}

/**
 * A `.env` file: a comment naming the profile and the expiry, then `NAME=value` lines quoted as
 * for sh (`set -a; . ./.env` reads every value back; docker compose and the dotenv libraries read
 * the same for values without `'` or a backslash, which every AWS key and token is).
 */
export function formatDotenv(c: RoleCredentials, profileName: string): string {
  const comment = `# AWS credentials for ${profileName.replace(/[\r\n]/g, ' ')}`;
  return `${comment}, valid until ${isoExpiration(c.expiration)}\n${formatEnvNoExport(c)}`;
}

/** `$env.NAME = "value"` lines for Nushell. */
export function formatNushell(c: RoleCredentials): string {
  return exportedValues(c)
    .map(([name, value]) => `$env.${name} = ${nuQuote(value)}\n`)
    .join('');
}

/**
 * `aws configure export-credentials --format process`, byte for byte: Python's
 * `json.dumps(…, indent=2)` (ASCII only, `\uXXXX` beyond it), the expiry with `+00:00`, a newline.
 */
export function formatAwsCliJson(c: RoleCredentials): string {
  const json = JSON.stringify(
    {
      Version: 1,
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: cliExpiration(c.expiration),
    },
    null,
    2,
  );
  return `${asciiJson(json)}\n`;
}

/** Python's json.dumps escapes DEL and everything beyond ASCII (ensure_ascii); JSON.stringify not. */
function asciiJson(json: string): string {
  return json.replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
