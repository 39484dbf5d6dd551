// Writes role credentials as a profile of the shared credentials file (~/.aws/credentials or
// AWS_SHARED_CREDENTIALS_FILE), changing only that section, atomically, 0600.
//
// Decisions:
//  - the three keys are written `key=value`, the portal's profile block; other keys of the
//    section (region, comments, ...) stay where they are;
//  - a stale `aws_security_token` (the old name of aws_session_token, which botocore still reads
//    as a fallback) is removed from the section: it would hold an old token;
//  - every write is recorded (written-profiles.ts); a section that exists but was not written by
//    SSO Tray is replaced only when it already holds temporary credentials (a session token, e.g.
//    pasted from the portal) or with `force`: long-term keys are never overwritten silently;
//  - removeProfile removes only recorded profiles whose keys are still the ones SSO Tray wrote.

import type { RoleCredentials } from '../../../shared/model';
import { validateProfileName } from '../../../shared/credential-formats';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { editFileAtomically } from '../files/atomic-file';
import {
  assertReadableByAwsTools,
  parseIniText,
  readParsedSection,
  readSection,
  removeSection,
  upsertParsedSection,
} from '../files/ini';
import {
  forgetWrite,
  keyIdHash,
  readWrittenProfiles,
  recordWrite,
  sameProfile,
  writtenProfilesPath,
  type WrittenProfile,
} from './written-profiles';

export type { WrittenProfile } from './written-profiles';

export interface WriteProfileArgs {
  env: Env;
  profileName: string;
  credentials: RoleCredentials;
  accountId: string;
  roleName: string;
  session: string;
  /** Replace a section SSO Tray did not write even if it holds long-term keys. */
  force?: boolean;
  /** Where the record of written profiles lives (default: writtenProfilesPath(env)). */
  recordPath?: string;
  now?: () => number;
}

export interface WriteProfileResult {
  path: string;
  profileName: string;
  expiresAt: number;
}

export function checkProfileName(name: string): void {
  const check = validateProfileName(name);
  if (!check.ok) throw new SsoTrayError('INVALID_INPUT', check.message);
}

function isOurs(
  entry: WrittenProfile | undefined,
  existing: Record<string, string> | undefined,
): boolean {
  if (!entry) return false;
  const keyId = existing?.aws_access_key_id;
  return keyId === undefined || keyIdHash(keyId) === entry.keyIdHash;
}

export async function writeProfile(args: WriteProfileArgs): Promise<WriteProfileResult> {
  const { env, profileName, credentials: c } = args;
  checkProfileName(profileName);
  const file = awsPaths(env).credentialsFile;
  const recordPath = args.recordPath ?? writtenProfilesPath(env);
  const entry = (await readWrittenProfiles(recordPath)).find((p) =>
    sameProfile(p, file, profileName),
  );
  await editFileAtomically(file, (text) => {
    // parsed once: read the section, then edit it (a credentials file may be megabytes)
    const parsed = parseIniText(text ?? '');
    assertReadableByAwsTools(parsed, file);
    const existing = readParsedSection(parsed, profileName);
    const temporary =
      existing === undefined ||
      'aws_session_token' in existing ||
      'aws_security_token' in existing ||
      !('aws_access_key_id' in existing);
    if (!args.force && !isOurs(entry, existing) && !temporary) {
      throw new SsoTrayError(
        'FILE',
        `Profile "${profileName}" in ${file} holds long-term keys that SSO Tray did not write; ` +
          'choose another profile name (or force the overwrite).',
      );
    }
    return upsertParsedSection(
      parsed,
      profileName,
      [
        ['aws_access_key_id', c.accessKeyId],
        ['aws_secret_access_key', c.secretAccessKey],
        ['aws_session_token', c.sessionToken],
      ],
      { style: 'compact', removeKeys: ['aws_security_token'] },
    );
  });
  await recordWrite(recordPath, {
    profileName,
    file,
    accountId: args.accountId,
    roleName: args.roleName,
    session: args.session,
    expiresAt: c.expiration,
    writtenAt: (args.now ?? Date.now)(),
    keyIdHash: keyIdHash(c.accessKeyId),
  });
  return { path: file, profileName, expiresAt: c.expiration };
}

export interface RemoveProfileArgs {
  env: Env;
  profileName: string;
  /** Remove even a profile SSO Tray did not write (or that changed since). */
  force?: boolean;
  recordPath?: string;
}

/** Removes a profile SSO Tray wrote. `removed` is false when its section was already gone. */
export async function removeProfile(
  args: RemoveProfileArgs,
): Promise<{ path: string; profileName: string; removed: boolean }> {
  const { env, profileName } = args;
  const file = awsPaths(env).credentialsFile;
  const recordPath = args.recordPath ?? writtenProfilesPath(env);
  const entry = (await readWrittenProfiles(recordPath)).find((p) =>
    sameProfile(p, file, profileName),
  );
  if (!entry && !args.force) {
    throw new SsoTrayError(
      'FILE',
      `Profile "${profileName}" in ${file} was not written by SSO Tray, so it is left as it is.`,
    );
  }
  let removed = false;
  await editFileAtomically(file, (text) => {
    if (text === null) return null;
    assertReadableByAwsTools(text, file);
    const existing = readSection(text, profileName);
    if (existing === undefined) return null;
    if (!args.force && !isOurs(entry, existing)) {
      throw new SsoTrayError(
        'FILE',
        `Profile "${profileName}" in ${file} has changed since SSO Tray wrote it, ` +
          'so it is left as it is.',
      );
    }
    removed = true;
    return removeSection(text, profileName);
  });
  await forgetWrite(recordPath, file, profileName);
  return { path: file, profileName, removed };
}

/** Profiles SSO Tray wrote into the credentials file `env` points to. */
export async function listWrittenProfiles(
  env: Env,
  recordPath: string = writtenProfilesPath(env),
): Promise<WrittenProfile[]> {
  const file = awsPaths(env).credentialsFile;
  return (await readWrittenProfiles(recordPath)).filter((p) => sameProfile(p, file, p.profileName));
}
