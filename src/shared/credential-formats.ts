// How role credentials are shown and written: byte for byte what the AWS access portal shows
// (design §3.3). Pure functions, no Node or DOM: the renderer, the tray and the CLI share them.

import { profileNameProblem, type RoleCredentials } from './schemas';

export type EnvShell = 'macos' | 'windows' | 'powershell';
export type CredentialFormat = 'env' | 'cmd' | 'powershell' | 'ini' | 'json' | 'process';
export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  'env',
  'cmd',
  'powershell',
  'ini',
  'json',
  'process',
];

const ENV_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

function values(c: RoleCredentials): [string, string, string] {
  return [c.accessKeyId, c.secretAccessKey, c.sessionToken];
}

/**
 * The three environment-variable commands, each line newline-terminated:
 * `export NAME="v"` (macOS and Linux), `set NAME=v` (cmd keeps quotes in the value, so none),
 * `$Env:NAME="v"` (PowerShell).
 */
export function formatEnv(c: RoleCredentials, shell: EnvShell): string {
  const v = values(c);
  return ENV_NAMES.map((name, i) => {
    const value = v[i] ?? '';
    switch (shell) {
      case 'macos':
        return `export ${name}="${value}"\n`;
      case 'windows':
        return `set ${name}=${value}\n`;
      case 'powershell':
        return `$Env:${name}="${value}"\n`;
    }
  }).join('');
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
 * Expiry as ISO 8601 UTC to the second, `2026-11-22T22:05:24Z` (the form botocore writes for SSO
 * credentials). Milliseconds are cut, never rounded up, so the shown expiry is never late.
 */
export function isoExpiration(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
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

/** One entry point for the CLI's `--format`. */
export function formatCredentials(
  c: RoleCredentials,
  format: CredentialFormat,
  profileName: string,
): string {
  switch (format) {
    case 'env':
      return formatEnv(c, 'macos');
    case 'cmd':
      return formatEnv(c, 'windows');
    case 'powershell':
      return formatEnv(c, 'powershell');
    case 'ini':
      return formatProfileBlock(c, profileName);
    case 'json':
      return formatJson(c);
    case 'process':
      return formatCredentialProcess(c);
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
