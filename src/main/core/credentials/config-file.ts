// Profiles in the AWS config file (~/.aws/config or AWS_CONFIG_FILE) that get credentials by
// themselves, so nobody pastes keys: an `sso_session` profile (the AWS tools sign in and refresh
// through the shared token cache) or a `credential_process` profile that runs `sso-tray`.
// Same rules as the credentials file: only the target sections change, atomically; the file keeps
// its mode (0600 when new). An existing profile ([default] included) that SSO Tray did not write,
// or that changed since it did, is changed only with `force` (the user confirmed, or --force):
// otherwise PROFILE_NOT_OURS, naming what it holds. Writes are recorded in the record of written
// profiles (kind 'config', fingerprint of the credential settings), so SSO Tray's own profiles
// keep being rewritten silently. An [sso-session] that says something else is never changed: a
// CONFIG error. The credential_process profile and the command it runs are in
// credential-process.ts, on the shared steps exported here.

import { awsPaths, type Env } from '../aws-paths';
import { existingFileMode } from '../files/file-io';
import { editIniFile, type IniEditor } from '../files/ini-file';
import { readSsoConfig, type SsoSessionSection } from '../sso/config';
import { ensureSsoSession } from '../sso/sso-session-writer';
import { checkProfileName } from './credentials-file';
import { CREDENTIAL_KEYS, notOursError } from './ownership';
import {
  findWritten,
  knownFingerprints,
  recordWrite,
  settingsFingerprint,
  writtenProfilesPath,
  type WrittenProfile,
} from './written-profiles';

export type { SsoSessionSection };

/** `[default]` is the one config profile written without the `profile ` prefix. */
export function configProfileHeader(profileName: string): string {
  return profileName === 'default' ? 'default' : `profile ${profileName}`;
}

/**
 * The credential keys of `existing` that differ from `wanted` (they would make the profile get its
 * credentials some other way): removed when the profile is replaced.
 */
export function otherSources(
  existing: Record<string, string> | undefined,
  wanted: Record<string, string>,
  allowedSame: (key: string, value: string) => boolean = () => false,
): string[] {
  if (!existing) return [];
  return CREDENTIAL_KEYS.filter(
    (k) => k in existing && existing[k] !== wanted[k] && !allowedSame(k, existing[k] ?? ''),
  );
}

const fingerprint = (values: Record<string, string>) =>
  settingsFingerprint(values, CREDENTIAL_KEYS);

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

export interface ConfigWrite {
  file: string;
  header: string;
  profileName: string;
  recordPath: string;
  force: boolean | undefined;
  entry: Omit<WrittenProfile, 'keyIdHash'>;
  /** An unrecorded profile that is SSO Tray's own all the same (written by an older version). */
  ownsUnrecorded?: (existing: Record<string, string>) => boolean;
}

/**
 * Upserts the profile's section and refuses, before anything is written, to change a profile
 * that is not SSO Tray's own unless forced. Returns whether the write is to be recorded (the
 * profile is new, SSO Tray's own, or replaced with force; an unchanged profile someone else
 * wrote stays theirs).
 */
export async function upsertProfile(
  ini: IniEditor,
  w: ConfigWrite,
  entries: Array<[string, string]>,
  removeKeys: string[],
): Promise<boolean> {
  const existing = ini.read(w.header);
  ini.upsert(w.header, entries, { removeKeys });
  if (existing === undefined) return true;
  const changed = !sameValues(existing, ini.read(w.header) ?? {});
  // read while the file is locked: every write that reached the file is recorded by now
  const recorded = await findWritten(w.recordPath, w.file, w.profileName, 'config');
  const ours =
    knownFingerprints(recorded).includes(fingerprint(existing)) ||
    (recorded === undefined && w.ownsUnrecorded?.(existing) === true);
  if (changed && !ours && !w.force) {
    throw notOursError({
      profileName: w.profileName,
      file: w.file,
      values: existing,
      changed: recorded !== undefined,
    });
  }
  return changed || ours;
}

/** The record entry of a config profile as written now (at the rename). */
export function recordConfigWrite(ini: IniEditor, w: ConfigWrite): Promise<void> {
  const values = ini.read(w.header) ?? {};
  return recordWrite(w.recordPath, { ...w.entry, keyIdHash: fingerprint(values) });
}

export interface WriteSsoProfileArgs {
  env: Env;
  profileName: string;
  session: SsoSessionSection;
  accountId: string;
  roleName: string;
  region?: string;
  /** Change an existing profile SSO Tray did not write (the user confirmed, or --force). */
  force?: boolean;
  /** Where the record of written profiles lives (default: writtenProfilesPath(env)). */
  recordPath?: string;
  now?: () => number;
}

export interface WriteSsoProfileResult {
  path: string;
  profileName: string;
}

export function configWrite(
  args: {
    env: Env;
    profileName: string;
    accountId: string;
    roleName: string;
    force?: boolean;
    recordPath?: string;
    now?: () => number;
  },
  session: string,
): ConfigWrite {
  const file = awsPaths(args.env).configFile;
  return {
    file,
    header: configProfileHeader(args.profileName),
    profileName: args.profileName,
    recordPath: args.recordPath ?? writtenProfilesPath(args.env),
    force: args.force,
    entry: {
      profileName: args.profileName,
      file,
      kind: 'config',
      accountId: args.accountId,
      roleName: args.roleName,
      session,
      expiresAt: 0, // refreshes by itself: no expiry of its own
      writtenAt: (args.now ?? Date.now)(),
    },
  };
}

/**
 * Writes `[sso-session NAME]` when it is missing (fills in missing keys; a different start URL or
 * region is an error, never changed) and `[profile NAME]` with sso_session, sso_account_id,
 * sso_role_name and region when given.
 */
export async function writeSsoProfile(args: WriteSsoProfileArgs): Promise<WriteSsoProfileResult> {
  const { profileName, session: s } = args;
  checkProfileName(profileName);
  const w = configWrite(args, s.name);
  const { file } = w;
  let record = false;
  await editIniFile(
    file,
    async (ini) => {
      ensureSsoSession(ini, s);

      const wanted: Record<string, string> = {
        sso_session: s.name,
        sso_account_id: args.accountId,
        sso_role_name: args.roleName,
      };
      // Legacy keys that say exactly what the [sso-session] says are harmless. botocore compares
      // the two texts as they are, so any other spelling of the same portal (a trailing slash)
      // makes the AWS tools refuse the profile: such keys go.
      const inFile = readSsoConfig(ini.text).sessions.find(
        (x) => x.kind === 'sso-session' && x.name === s.name,
      );
      const other = otherSources(
        ini.read(w.header),
        wanted,
        (k, v) =>
          inFile !== undefined &&
          ((k === 'sso_start_url' && v === inFile.startUrl) ||
            (k === 'sso_region' && v === inFile.region)),
      );
      const entries: Array<[string, string]> = Object.entries(wanted);
      if (args.region !== undefined) entries.push(['region', args.region]);
      record = await upsertProfile(
        ini,
        w,
        entries,
        other.filter((k) => !(k in wanted)),
      );
    },
    {
      mode: await existingFileMode(file),
      beforeReplace: async (ini) => {
        if (record) await recordConfigWrite(ini, w);
      },
    },
  );
  return { path: file, profileName };
}
