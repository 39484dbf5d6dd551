// The one home of every domain rule: what an account id, a role name, a region, a start URL, a
// session name and a profile name may be, and the error codes. The config reader, the settings
// store, the IPC contract, the CLI and the window's forms all use these, so a value one of them
// accepts is never refused by another. Each rule is a plain function giving the problem in words
// (or null); schemas.ts builds the zod schemas from them. This module does not load zod: the
// CLI's hot path (a cached `credential-process`) reads only these rules, and loading zod would
// cost it more than starting Node does. Pure: no Node, DOM or Electron.
import { hasForbiddenChars } from './text-rules';
import { httpsUrlProblem } from './url-rules';

// ---- account ids and role names -------------------------------------------------------------

/** AWS account ids are 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** IAM role names (and so permission set names): 1–64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

// ---- regions ----------------------------------------------------------------------------------

/**
 * An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, and the
 * European Sovereign Cloud's eusc-de-east-1.
 */
const REGION_PATTERN = /^([a-z]{2}|eusc)(-[a-z]+)+-\d{1,2}$/;

export function regionProblem(region: string): string | null {
  if (region === '') return 'is empty';
  return REGION_PATTERN.test(region) ? null : 'is not an AWS region name';
}

export function regionMessage(region: string): string {
  const shown = printable(region);
  return `“${shown}” is not an AWS region name (expected something like us-east-1 or eu-west-1).`;
}

// ---- start URLs -------------------------------------------------------------------------------

const MAX_START_URL_LENGTH = 512;
const START_URL_EXAMPLE = 'https://d-1234567890.awsapps.com/start';

/**
 * What is wrong with a start URL, as the end of "this one …" ("does not start with https://"),
 * or null when it is usable: an https URL (./url-rules.ts) of at most 512 characters, with a
 * host name that has a domain, no user name or password, no spaces and no control characters.
 */
export function startUrlProblem(url: string): string | null {
  return httpsUrlProblem(url, MAX_START_URL_LENGTH);
}

/** The full sentence for a start URL problem, with the example the portal's URLs look like. */
export function startUrlMessage(problem: string): string {
  return `The start URL is an https address such as ${START_URL_EXAMPLE}: this one ${problem}.`;
}

/** Two start URLs name the same portal: case of the host and trailing slashes do not matter. */
export function sameStartUrl(a: string, b: string): boolean {
  const norm = (u: string): string => {
    const t = u.trim().replace(/\/+$/, '');
    try {
      const p = new URL(t);
      return `${p.protocol}//${p.host.toLowerCase()}${p.pathname.replace(/\/+$/, '')}${p.search}`;
    } catch {
      return t.toLowerCase();
    }
  };
  return norm(a) === norm(b);
}

// ---- names: sessions and profiles ---------------------------------------------------------------
//
// Three levels, from the strictest:
//  - names SSO Tray writes into a config-file header (`[sso-session NAME]`, `[profile NAME]`):
//    the JS SDK reads a prefixed header only when the name is ASCII `[A-Za-z0-9_.:@+%/-]`, botocore
//    splits it shell-style, and the name ends up on command lines (`--session NAME`), so it keeps to
//    `A-Z a-z 0-9 _ . : @ + / -` (no `%`: cmd.exe expands it), starting with a letter, digit or `_`;
//  - profile names SSO Tray writes into the credentials file (`[NAME]`, no prefix): any letters and
//    digits and `_ . - @ + = , : /` (IAM role names use `+=,.@-`, and the default name is
//    ACCOUNTID_ROLENAME), still nothing a shell acts on;
//  - session names found in the user's config file are used exactly as botocore reads them (a
//    quoted header may even hold a space); they only have to be free of control characters.

export const MAX_NAME_LENGTH = 128;
/** Names the AWS tools cannot read back from an INI header or a profile reference. */
const INI_BREAKERS = '[]#;"\'\\';
const CONFIG_NAME_CHAR = /^[A-Za-z0-9_.:@+/-]$/;
const PROFILE_PUNCTUATION = '_.-@+=,:/';

export type NameKind = 'profile' | 'session';

function nameProblem(
  a: string,
  empty: string,
  name: string,
  allowed: (ch: string) => boolean,
  allowedText: string,
): string | null {
  if (name.length === 0) return empty;
  if ([...name].length > MAX_NAME_LENGTH) {
    return `${a} can have at most ${MAX_NAME_LENGTH} characters.`;
  }
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (hasForbiddenChars(ch)) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      return `${a} cannot contain control characters (U+${hex}).`;
    }
    if (/\s/u.test(ch) || ch === '\u200b' || ch === '\ufeff') {
      return `${a} cannot contain spaces or other whitespace.`;
    }
    if (INI_BREAKERS.includes(ch)) {
      return `${a} cannot contain "${ch}": the AWS tools would not read it back.`;
    }
    if (!allowed(ch)) return `${a} cannot contain "${ch}". ${allowedText}`;
  }
  if (name.startsWith('-') || name.startsWith('@')) {
    return `${a} cannot start with "${name[0] ?? ''}": shells read it as an option or a variable.`;
  }
  if (name === 'DEFAULT') {
    return `"DEFAULT" is reserved by the AWS CLI's file parser; use "default" or another name.`;
  }
  if (name === '__proto__') return '"__proto__" is not accepted by the AWS SDKs.';
  return null;
}

/** What is wrong with a profile name for the credentials file, in a full sentence, or null. */
export function profileNameProblem(name: string): string | null {
  return nameProblem(
    'A profile name',
    'Enter a profile name.',
    name,
    (ch) => /[\p{L}\p{N}\p{M}]/u.test(ch) || PROFILE_PUNCTUATION.includes(ch),
    `Use letters, digits and ${PROFILE_PUNCTUATION.split('').join(' ')}.`,
  );
}

/**
 * What is wrong with a name SSO Tray would write into a config-file header (`[sso-session NAME]`
 * or `[profile NAME]`), in a full sentence, or null.
 */
export function configNameProblem(kind: NameKind, name: string): string | null {
  return nameProblem(
    kind === 'profile' ? 'A config profile name' : 'A session name',
    kind === 'profile' ? 'Enter a profile name.' : 'Enter a session name.',
    name,
    (ch) => CONFIG_NAME_CHAR.test(ch),
    'Use ASCII letters, digits and _ . : @ + / - (what every AWS tool reads back).',
  );
}

/**
 * `text` made into a name configNameProblem accepts (for names SSO Tray derives, such as the
 * profiles `populate` writes): every run of other characters becomes one `-`, leading characters
 * a name cannot start with and trailing `-` go, and it is cut to MAX_NAME_LENGTH. May return ''
 * (nothing usable was left); never returns a name the rule refuses otherwise, but "DEFAULT" and
 * "__proto__" are for the caller to avoid.
 */
export function safeConfigName(text: string): string {
  let out = '';
  let dash = false;
  for (const ch of text) {
    if (CONFIG_NAME_CHAR.test(ch)) {
      out += ch;
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  out = out
    .replace(/-*\.-*/g, '.')
    .replace(/^[^A-Za-z0-9_]+/, '')
    .slice(0, MAX_NAME_LENGTH);
  return out.replace(/-+$/, '');
}

/** A session name found in a config file: non-empty, at most 256 characters, no controls. */
export function configSessionNameProblem(name: string): string | null {
  if (name.trim() === '') return 'has an empty name';
  if (name.length > 256) return 'has a name longer than 256 characters';
  if (hasForbiddenChars(name)) return 'has a control character in its name';
  return null;
}

/**
 * A session name for a start URL: the first label of its host (`d-1234567890` for
 * https://d-1234567890.awsapps.com/start), lower-cased, limited to letters, digits, `-` and `_`.
 */
export function sessionNameFromStartUrl(startUrl: string): string {
  let host = '';
  try {
    host = new URL(startUrl).hostname;
  } catch {
    // not a URL: the fallback below
  }
  const label = (host.split('.')[0] ?? host)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/^-+/, '');
  return label || 'default';
}

// ---- errors -----------------------------------------------------------------------------------

/** The kinds of failure a UI can show in plain words. */
export const ERROR_CODES = [
  'NOT_SIGNED_IN', // no token for this session
  'SESSION_EXPIRED', // token expired and refresh failed: sign in again
  'ACCESS_DENIED', // the portal refused this account or role
  'THROTTLED', // still throttled after every retry
  'NETWORK', // the endpoint could not be reached
  'INVALID_START_URL',
  'INVALID_REGION',
  'AUTH_DENIED', // the user denied the sign-in request
  'AUTH_EXPIRED', // the sign-in request expired before it was approved
  'CANCELLED', // the user cancelled the sign-in
  'INVALID_INPUT', // bad argument, profile name, ...
  'FILE', // a file could not be read or written safely
  'PROFILE_NOT_OURS', // the profile exists and SSO Tray did not write it: replace only if the user confirms
  'CONFIG', // the AWS config file is missing something or contradicts itself
  'AWS', // any other AWS error
  'INTERNAL', // SSO Tray itself went wrong (a bug): e.g. main refused to send an answer it made
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// ---- helpers ----------------------------------------------------------------------------------

/** A value fit to quote in a message: controls replaced, at most 80 characters. */
export function printable(s: string): string {
  const t = s.replace(/[^\x20-\x7e\u00a0-\u2027\u202a-\uffff]/g, '?');
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
