// Profiles in the AWS config file (~/.aws/config or AWS_CONFIG_FILE) that get credentials by
// themselves, so nobody pastes keys: an `sso_session` profile (the AWS tools sign in and refresh
// through the shared token cache) or a `credential_process` profile that runs `sso-tray`.
// Same rules as the credentials file: only the target sections change, atomically; the file keeps
// its mode (0600 when new). An existing profile ([default] included) that SSO Tray did not write,
// or that changed since it did, is changed only with `force` (the user confirmed, or --force):
// otherwise PROFILE_NOT_OURS, naming what it holds. Writes are recorded in the record of written
// profiles (kind 'config', fingerprint of the credential settings), so SSO Tray's own profiles
// keep being rewritten silently. An [sso-session] that says something else is never changed: a
// CONFIG error.

import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { editIniFile, type IniEditor } from '../files/ini-file';
import { ensureSsoSession, type SsoSessionSection } from '../sso/config';
import { commandLine, commandPlatform, quoteWord, type CommandWord } from './command-line';
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

function currentMode(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o600;
  }
}

/**
 * The credential keys of `existing` that differ from `wanted` (they would make the profile get its
 * credentials some other way): removed when the profile is replaced.
 */
function otherSources(
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

interface ConfigWrite {
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
async function upsertProfile(
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
function recordConfigWrite(ini: IniEditor, w: ConfigWrite): Promise<void> {
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

function configWrite(
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
      // legacy keys equal to the session's are harmless; different ones make the tools fail
      const other = otherSources(
        ini.read(w.header),
        wanted,
        (k, v) =>
          (k === 'sso_start_url' && v.replace(/\/+$/, '') === s.startUrl.replace(/\/+$/, '')) ||
          (k === 'sso_region' && v === s.region),
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
      mode: currentMode(file),
      beforeReplace: async (ini) => {
        if (record) await recordConfigWrite(ini, w);
      },
    },
  );
  return { path: file, profileName };
}

// ---- credential_process ------------------------------------------------------------------

/**
 * One argument word as a credential_process line holds it on `platform` (see command-line.ts):
 * bare when safe, else quoted; throws INVALID_INPUT when it cannot be written safely.
 */
export function quoteArg(word: string, platform: NodeJS.Platform = process.platform): string {
  return quoteWord({ value: word, what: 'word' }, commandPlatform(platform));
}

function onPath(name: string, env: Env): string | undefined {
  for (const d of (env.PATH ?? '').split(delimiter)) {
    if (!d) continue;
    const p = join(d, name);
    try {
      if (statSync(p).isFile()) return resolve(p);
    } catch {
      // not here
    }
  }
  return undefined;
}

function findBundle(): string | undefined {
  const argv1 = process.argv[1];
  if (argv1 && /sso-tray\.mjs$/.test(argv1) && existsSync(argv1)) return resolve(argv1);
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, 'sso-tray.mjs'), join(dir, 'out', 'cli', 'sso-tray.mjs')]) {
      if (existsSync(candidate)) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/**
 * The command that runs `sso-tray` on this machine, as argv words: node and the bundled CLI
 * (`out/cli/sso-tray.mjs`) when it exists, else `sso-tray` found on PATH.
 */
export function resolveCliCommand(env: Env = process.env): string[] {
  const bundle = findBundle();
  if (bundle) {
    // Inside Electron, execPath is the app binary, not node.
    const node = process.versions.electron ? onPath('node', env) : process.execPath;
    if (node && isAbsolute(node)) return [node, bundle];
  }
  const bin = onPath('sso-tray', env);
  if (bin) return [bin];
  throw new SsoTrayError(
    'CONFIG',
    'Cannot find the sso-tray command: build it (npm run build:cli) or put sso-tray on PATH.',
  );
}

/**
 * `<sso-tray> credential-process --account A --role R --session S` as one line that botocore and
 * the shells the SDKs use all read back as exactly these words. A word that cannot be written so
 * on `platform` is refused, naming it: CONFIG for the install path, INVALID_INPUT for the rest.
 */
export function credentialProcessCommand(
  command: readonly string[],
  accountId: string,
  roleName: string,
  session: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (command.length === 0) {
    throw new SsoTrayError('CONFIG', 'The sso-tray command to run is empty.');
  }
  const words: CommandWord[] = [
    ...command.map((value) => ({ value, what: 'install path' })),
    { value: 'credential-process', what: 'command' },
    { value: '--account', what: 'option' },
    { value: accountId, what: 'account id' },
    { value: '--role', what: 'option' },
    { value: roleName, what: 'role name' },
    { value: '--session', what: 'option' },
    { value: session, what: 'session name' },
  ];
  return commandLine(words, commandPlatform(platform));
}

export interface WriteCredentialProcessProfileArgs {
  env: Env;
  profileName: string;
  accountId: string;
  roleName: string;
  session: string;
  /** argv of the sso-tray command (default: resolveCliCommand(env)). */
  command?: readonly string[];
  region?: string;
  /** Change an existing profile SSO Tray did not write (the user confirmed, or --force). */
  force?: boolean;
  recordPath?: string;
  now?: () => number;
}

/** A credential_process line that runs sso-tray (as SSO Tray writes them). */
const isSsoTrayLine = (v: string) => / credential-process /.test(v) && /sso-tray/.test(v);

/** Writes `[profile NAME]` with `credential_process = <sso-tray> credential-process ...`. */
export async function writeCredentialProcessProfile(
  args: WriteCredentialProcessProfileArgs,
): Promise<{ path: string; profileName: string; credentialProcess: string }> {
  const { env, profileName } = args;
  checkProfileName(profileName);
  const w = configWrite(args, args.session);
  const { file } = w;
  // An older version of SSO Tray wrote such profiles without recording them: its own all the same.
  w.ownsUnrecorded = (existing) =>
    CREDENTIAL_KEYS.every((k) => !(k in existing) || k === 'credential_process') &&
    isSsoTrayLine(existing.credential_process ?? '');
  // refuses (naming the word) anything a shell or an AWS tool would read differently
  const credentialProcess = credentialProcessCommand(
    args.command ?? resolveCliCommand(env),
    args.accountId,
    args.roleName,
    args.session,
  );
  let record = false;
  await editIniFile(
    file,
    async (ini) => {
      const other = otherSources(ini.read(w.header), { credential_process: credentialProcess });
      const entries: Array<[string, string]> = [['credential_process', credentialProcess]];
      if (args.region !== undefined) entries.push(['region', args.region]);
      record = await upsertProfile(
        ini,
        w,
        entries,
        other.filter((k) => k !== 'credential_process'),
      );
    },
    {
      mode: currentMode(file),
      beforeReplace: async (ini) => {
        if (record) await recordConfigWrite(ini, w);
      },
    },
  );
  return { path: file, profileName, credentialProcess };
}
