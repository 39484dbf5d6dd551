// Whether a profile is SSO Tray's own, and how one that is not is described to the user before
// it is replaced. A profile is SSO Tray's own while the record of written profiles knows what its
// section holds (written-profiles.ts); any other existing profile, [default] included, is
// replaced only when the user confirms (the window asks; the CLI needs --force).
import { SsoTrayError } from '../errors';

/** Keys that decide where a profile's credentials come from, as the AWS tools read them. */
export const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'credential_process',
  'sso_session',
  'sso_account_id',
  'sso_role_name',
  'sso_start_url',
  'sso_region',
] as const;

/** Other keys named when describing a profile; any other key is "other settings". */
const NAMED_SETTINGS = ['region', 'output'];

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * What a profile holds, in words, from its key names only (never a value): "long-term access
 * keys", "temporary keys from another tool", "a credential_process command", "role_arn (an
 * assumed role)", "SSO settings (sso_session)", "settings (region)", "other settings", or "no settings".
 */
function describeProfile(values: Record<string, string>): string {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(values, k);
  const parts: string[] = [];
  if (has('aws_access_key_id') || has('aws_secret_access_key')) {
    parts.push(
      has('aws_session_token') || has('aws_security_token')
        ? 'temporary keys from another tool'
        : 'long-term access keys',
    );
  } else if (has('aws_session_token') || has('aws_security_token')) {
    parts.push('a session token');
  }
  if (has('credential_process')) parts.push('a credential_process command');
  if (has('role_arn')) parts.push('role_arn (an assumed role)');
  if (has('web_identity_token_file')) parts.push('web_identity_token_file');
  const sso = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'].filter(has);
  if (sso.length > 0) parts.push(`SSO settings (${sso.join(', ')})`);
  const named = NAMED_SETTINGS.filter(has);
  const known = new Set<string>([...CREDENTIAL_KEYS, ...NAMED_SETTINGS]);
  const unknown = Object.keys(values).some((k) => !known.has(k));
  if (named.length > 0) parts.push(`settings (${named.join(', ')}${unknown ? ' and others' : ''})`);
  else if (unknown) parts.push('other settings');
  return parts.length === 0 ? 'no settings' : list(parts);
}

/**
 * The refusal to replace a profile SSO Tray did not write (or that changed since it did), typed
 * PROFILE_NOT_OURS so the window can ask and retry with `replace`. Names the profile and what it
 * holds, never a value.
 */
export function notOursError(p: {
  profileName: string;
  file: string;
  values: Record<string, string>;
  /** SSO Tray wrote it once, but its section holds something else now. */
  changed: boolean;
}): SsoTrayError {
  const holds = describeProfile(p.values);
  const what = p.changed
    ? `Profile "${p.profileName}" in ${p.file} has changed since SSO Tray wrote it: it now holds ${holds}.`
    : `SSO Tray did not write profile "${p.profileName}" in ${p.file}: it holds ${holds}.`;
  return new SsoTrayError('PROFILE_NOT_OURS', `${what} It is replaced only if you confirm.`);
}
