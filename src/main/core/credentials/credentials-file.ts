// Writes role credentials as a profile of the shared credentials file (~/.aws/credentials or
// AWS_SHARED_CREDENTIALS_FILE), changing only that section, atomically, 0600.
//
// Decisions:
//  - the three keys are written `key=value`, the portal's profile block; other keys of the
//    section (region, comments, ...) stay where they are;
//  - a stale `aws_security_token` (the old name of aws_session_token, which botocore still reads
//    as a fallback) is removed from the section: it would hold an old token;
//  - every write is recorded (written-profiles.ts), while the file is locked, just before the
//    rename; a section that exists and is not SSO Tray's own (not recorded, or its access key id
//    is not one SSO Tray wrote) is replaced only with `force`, which the window sets once the
//    user confirmed and the CLI with --force: otherwise PROFILE_NOT_OURS, naming the profile and
//    what it holds. This covers [default], long-term keys, a credential_process or role_arn
//    profile (static keys added to it would take precedence) and another tool's temporary keys;
//  - removeProfile removes only recorded profiles whose keys are still the ones SSO Tray wrote.

import type { RoleCredentials } from '../../../shared/schemas';
import { validateProfileName } from '../../../shared/credential-formats';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { editIniSection } from '../files/ini-file';
import { notOursError } from './ownership';
import {
  findWritten,
  forgetWrite,
  keyIdHash,
  knownFingerprints,
  readWrittenProfiles,
  beginRecording,
  sameProfile,
  writtenProfilesPath,
  type Recording,
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
  /** Replace a section SSO Tray did not write (the user confirmed, or --force). */
  force?: boolean;
  /** Where the record of written profiles lives (default: writtenProfilesPath(env)). */
  recordPath?: string;
  now?: () => number;
}

export interface WriteProfileResult {
  path: string;
  profileName: string;
  expiresAt: number;
  /** False when the file already held exactly these credentials there (nothing was written). */
  changed: boolean;
}

export function checkProfileName(name: string): void {
  const check = validateProfileName(name);
  if (!check.ok) throw new SsoTrayError('INVALID_INPUT', check.message);
}

/** Whether the section holds an access key id SSO Tray wrote there (recently). */
function isOurs(
  entry: WrittenProfile | undefined,
  existing: Record<string, string> | undefined,
): boolean {
  const keyId = existing?.aws_access_key_id;
  return keyId !== undefined && knownFingerprints(entry).includes(keyIdHash(keyId));
}

export async function writeProfile(args: WriteProfileArgs): Promise<WriteProfileResult> {
  const { env, profileName, credentials: c } = args;
  checkProfileName(profileName);
  const file = awsPaths(env).credentialsFile;
  const recordPath = args.recordPath ?? writtenProfilesPath(env);
  // The edit starts first: its lock is being taken while the rest is prepared.
  let recording: Recording | undefined;
  let early: Promise<WrittenProfile | undefined> | undefined;
  const editing = editIniSection(
    file,
    profileName,
    async (section) => {
      begin();
      const existing = section.read();
      if (existing !== undefined && !args.force) {
        let recorded = await early;
        if (!isOurs(recorded, existing)) {
          recorded = await findWritten(recordPath, file, profileName);
        }
        if (!isOurs(recorded, existing)) {
          throw notOursError({
            profileName,
            file,
            values: existing,
            changed: recorded !== undefined,
          });
        }
      }
      section.upsert(
        [
          ['aws_access_key_id', c.accessKeyId],
          ['aws_secret_access_key', c.secretAccessKey],
          ['aws_session_token', c.sessionToken],
        ],
        { style: 'compact', removeKeys: ['aws_security_token'] },
      );
    },
    // Recorded before the rename: killed in between, the record still knows the old key too.
    { beforeReplace: () => begin().commit() },
  );
  const entry: WrittenProfile = {
    profileName,
    file,
    accountId: args.accountId,
    roleName: args.roleName,
    session: args.session,
    expiresAt: c.expiration,
    writtenAt: (args.now ?? Date.now)(),
    keyIdHash: keyIdHash(c.accessKeyId),
  };
  // The record is read while the file is read and locked. A profile it says is ours is ours (the
  // record only ever forgets a credentials profile together with its section); one it does not
  // know is looked up again under the lock, when every write that reached the file is recorded.
  if (!args.force) early = findWritten(recordPath, file, profileName);
  // The record's replace begins with the edit (which waits at least for the lock, so `entry` is
  // made by then), under the file's lock, and is finished before the file's rename.
  function begin(): Recording {
    return (recording ??= beginRecording(recordPath, [entry], []));
  }
  let changed: boolean;
  try {
    changed = (await editing).changed;
  } finally {
    await recording?.abandon();
  }
  return { path: file, profileName, expiresAt: c.expiration, changed };
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
  await editIniSection(file, profileName, (section) => {
    const existing = section.read();
    if (existing === undefined) return;
    if (!args.force && !isOurs(entry, existing)) {
      throw new SsoTrayError(
        'FILE',
        `Profile "${profileName}" in ${file} has changed since SSO Tray wrote it, ` +
          'so it is left as it is.',
      );
    }
    removed = true;
    section.remove();
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
  return (await readWrittenProfiles(recordPath)).filter((p) =>
    sameProfile(p, file, p.profileName, 'credentials'),
  );
}
