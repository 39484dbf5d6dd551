// How role credentials are shown and written: byte for byte what the AWS access portal shows.
// One list of the formats, with their labels, serves the window's dialog, the tray's copy items,
// the `credentials.copy` request and the CLI's `--format`; each format has one formatting
// function, and formatCredentials picks it. Pure functions, no Node or DOM.

import { isoExpiration } from './expiry-text';
import {
  formatAwsCliJson,
  formatDotenv,
  formatEnvNoExport,
  formatFish,
  formatNushell,
} from './more-formats';
import { profileNameProblem } from './rules';
import type { RoleCredentials } from './schemas';

export type EnvShell = 'macos' | 'windows' | 'powershell';

interface FormatInfo {
  /** The format's id: `credentials.copy`'s `what`, the tray's copy action. */
  readonly id: string;
  /** Its name in the window (the dialog's shell tabs). */
  readonly label: string;
  /** A shorter name where room is short (the tray's "Copy for …" items). */
  readonly shortLabel?: string;
  /** For an environment-variable block: the shell its lines are for. */
  readonly shell?: EnvShell;
  /** Its name for `sso-tray credentials --format` and what that prints, when the CLI has it. */
  readonly cli?: { readonly name: string; readonly help: string };
  /** Whether the window and the tray can have main copy it to the clipboard. */
  readonly copy: boolean;
  /** One of the "More formats" of the dialog's menu and the tray's submenu (other shells, files). */
  readonly more?: true;
  /** The tray's item for it, under "More formats". */
  readonly trayLabel?: string;
}

/** Every format, in the order the dialog, the tray and the CLI's help show them. */
const CREDENTIAL_FORMATS = [
  {
    id: 'env-macos',
    label: 'macOS and Linux',
    shortLabel: 'macOS/Linux',
    shell: 'macos',
    cli: { name: 'env', help: 'export lines for macOS and Linux' },
    copy: true,
  },
  {
    id: 'env-windows',
    label: 'Windows',
    shortLabel: 'Windows',
    shell: 'windows',
    cli: { name: 'cmd', help: 'set lines for the Windows command prompt' },
    copy: true,
  },
  {
    id: 'env-powershell',
    label: 'PowerShell',
    shortLabel: 'PowerShell',
    shell: 'powershell',
    cli: { name: 'powershell', help: '$Env: lines for PowerShell' },
    copy: true,
  },
  {
    id: 'profile',
    label: 'Profile block',
    cli: { name: 'ini', help: 'a credentials-file profile block' },
    copy: true,
  },
  {
    id: 'json',
    label: 'JSON',
    cli: { name: 'json', help: 'JSON with the SDK\u2019s field names, for scripts' },
    copy: false,
  },
  {
    id: 'process',
    label: 'credential_process JSON',
    cli: { name: 'process', help: 'what a credential_process prints' },
    copy: false,
  },
  {
    id: 'fish',
    label: 'fish',
    cli: { name: 'fish', help: 'set -gx lines for fish' },
    copy: true,
    more: true,
    trayLabel: 'Copy for fish',
  },
  {
    id: 'env-no-export',
    label: 'Shell variables (no export)',
    cli: { name: 'env-no-export', help: 'NAME=value lines without export (as the AWS CLI prints)' },
    copy: true,
    more: true,
    trayLabel: 'Copy as shell variables (no export)',
  },
  {
    id: 'dotenv',
    label: '.env file',
    cli: { name: 'dotenv', help: 'a .env file (docker compose, dotenv libraries, set -a; .)' },
    copy: true,
    more: true,
    trayLabel: 'Copy as .env file',
  },
  {
    id: 'nushell',
    label: 'Nushell',
    cli: { name: 'nushell', help: '$env.NAME lines for Nushell' },
    copy: true,
    more: true,
    trayLabel: 'Copy for Nushell',
  },
  {
    id: 'aws-json',
    label: 'JSON (AWS CLI)',
    cli: { name: 'aws-json', help: 'JSON as `aws configure export-credentials` prints it' },
    copy: true,
    more: true,
    trayLabel: 'Copy as JSON (AWS CLI)',
  },
  { id: 'accessKeyId', label: 'AWS_ACCESS_KEY_ID', copy: true },
  { id: 'secretAccessKey', label: 'AWS_SECRET_ACCESS_KEY', copy: true },
  { id: 'sessionToken', label: 'AWS_SESSION_TOKEN', copy: true },
] as const satisfies readonly FormatInfo[];

type Format = (typeof CREDENTIAL_FORMATS)[number];
export type CredentialFormat = Format['id'];
type CopyFormat = Extract<Format, { copy: true }>;
/** What `credentials.copy` can put on the clipboard. */
export type CopyKind = CopyFormat['id'];
/** The environment-variable blocks (the dialog's tabs, the tray's copy items). */
export type EnvFormat = Extract<Format, { shell: EnvShell }>;
export type EnvFormatId = EnvFormat['id'];
/** The formats `sso-tray credentials --format` prints. */
type CliFormat = Extract<Format, { cli: object }>;
/** The "More formats" beyond the portal's three shells (the dialog's menu, the tray's submenu). */
export type MoreFormat = Extract<Format, { more: true }>;
export type MoreFormatId = MoreFormat['id'];

export const COPY_KINDS = CREDENTIAL_FORMATS.filter((f): f is CopyFormat => f.copy).map(
  (f) => f.id,
);
export const ENV_FORMATS = CREDENTIAL_FORMATS.filter((f): f is EnvFormat => 'shell' in f);
export const CLI_FORMATS = CREDENTIAL_FORMATS.filter((f): f is CliFormat => 'cli' in f);
export const MORE_FORMATS = CREDENTIAL_FORMATS.filter((f): f is MoreFormat => 'more' in f);

/** The environment blocks in menu order: the ones for the user's own system first. */
export function envFormatsFor(platform: string): EnvFormat[] {
  const own = (f: EnvFormat): boolean => (f.shell === 'macos') === (platform !== 'win32');
  return [...ENV_FORMATS.filter(own), ...ENV_FORMATS.filter((f) => !own(f))];
}

/** The environment block for the user's own system (preselected in the dialog, notifications). */
export function platformEnvFormat(platform: string): EnvFormat {
  return envFormatsFor(platform)[0] ?? CREDENTIAL_FORMATS[0];
}

const ENV_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/** One variable assignment per shell; cmd keeps quotes in the value, so none there. */
const ENV_LINE: Record<EnvShell, (name: string, value: string) => string> = {
  macos: (name, value) => `export ${name}="${value}"\n`,
  windows: (name, value) => `set ${name}=${value}\n`,
  powershell: (name, value) => `$Env:${name}="${value}"\n`,
};

/**
 * The three environment-variable commands, each line newline-terminated:
 * `export NAME="v"` (macOS and Linux), `set NAME=v` (Windows), `$Env:NAME="v"` (PowerShell).
 */
export function formatEnv(c: RoleCredentials, shell: EnvShell): string {
  const values = [c.accessKeyId, c.secretAccessKey, c.sessionToken];
  return ENV_NAMES.map((name, i) => ENV_LINE[shell](name, values[i] ?? '')).join('');
}

/** The credentials-file profile block, `key=value` without spaces as the portal shows it. */
export function formatProfileBlock(c: RoleCredentials, profileName: string): string {
  return (
    `[${profileName}]\n` +
    `aws_access_key_id=${c.accessKeyId}\n` +
    `aws_secret_access_key=${c.secretAccessKey}\n` +
    `aws_session_token=${c.sessionToken}\n`
  );
}

/**
 * Pretty JSON for scripts and people, the SDK's own field names (camelCase, as the portal API and
 * the JS SDK use them) with `expiration` as an ISO string rather than epoch milliseconds.
 * Ends with a newline.
 */
export function formatJson(c: RoleCredentials): string {
  return (
    JSON.stringify(
      {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: isoExpiration(c.expiration),
      },
      null,
      2,
    ) + '\n'
  );
}

/** What a `credential_process` prints: compact JSON, Version 1, ISO Expiration. Ends with \n. */
export function formatCredentialProcess(c: RoleCredentials): string {
  return (
    JSON.stringify({
      Version: 1,
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: isoExpiration(c.expiration),
    }) + '\n'
  );
}

/** The text of one format: the one switch over the formats. */
export function formatCredentials(
  c: RoleCredentials,
  format: CredentialFormat,
  profileName: string,
): string {
  switch (format) {
    case 'env-macos':
      return formatEnv(c, 'macos');
    case 'env-windows':
      return formatEnv(c, 'windows');
    case 'env-powershell':
      return formatEnv(c, 'powershell');
    case 'profile':
      return formatProfileBlock(c, profileName);
    case 'json':
      return formatJson(c);
    case 'process':
      return formatCredentialProcess(c);
    case 'fish':
      return formatFish(c);
    case 'env-no-export':
      return formatEnvNoExport(c);
    case 'dotenv':
      return formatDotenv(c, profileName);
    case 'nushell':
      return formatNushell(c);
    case 'aws-json':
      return formatAwsCliJson(c);
    case 'accessKeyId':
      return c.accessKeyId;
    case 'secretAccessKey':
      return c.secretAccessKey;
    case 'sessionToken':
      return c.sessionToken;
  }
}

/** `ACCOUNTID_ROLENAME`, the portal's default profile name. */
export function defaultProfileName(accountId: string, roleName: string): string {
  return `${accountId}_${roleName}`;
}

export type ProfileNameCheck = { ok: true } | { ok: false; message: string };

/**
 * Accepts a profile name only when the AWS CLI, botocore and the JS SDK all read it back from both
 * files (`[name]` in credentials, `[profile name]` in config) and no shell gives it a meaning. The
 * rule itself lives in ./schemas (`newNameProblem`), shared with new session names:
 *  - `[` `]`: end or break the section header;
 *  - whitespace: the config file splits `profile a b` into words (shlex), so the profile vanishes;
 *  - `#` `;`: the JS SDK cuts a line at ` #` / ` ;` and people read them as comments;
 *  - quotes and backslash: shlex in botocore's config loader drops or rejects them;
 *  - `%` `!` `&` `|` `<` `>` `^` `$` `(` `)` and the like: cmd.exe, PowerShell or sh act on them;
 *  - control characters: invisible, and line breaks would inject lines;
 *  - `DEFAULT`: Python's configparser treats it as defaults for every other section;
 *  - `__proto__`: the JS SDK refuses it.
 */
export function validateProfileName(name: string): ProfileNameCheck {
  const problem = profileNameProblem(name);
  return problem === null ? { ok: true } : { ok: false, message: problem };
}

/** A short countdown, `59m 58s`, `1h 05m`, `expired`. */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
