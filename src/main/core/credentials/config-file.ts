// Profiles in the AWS config file (~/.aws/config or AWS_CONFIG_FILE) that get credentials by
// themselves, so nobody pastes keys: an `sso_session` profile (the AWS tools sign in and refresh
// through the shared token cache) or a `credential_process` profile that runs `sso-tray`.
// Same rules as the credentials file: only the target sections change, atomically; the file keeps
// its mode (0600 when new). A profile or sso-session that says something else is never changed
// silently: that is a CONFIG error unless `force` is given.

import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { editFileAtomically } from '../files/atomic-file';
import { assertReadableByAwsTools, readSection, upsertSection } from '../files/ini';
import { commandLine, commandPlatform, quoteWord, type CommandWord } from './command-line';
import { checkProfileName } from './credentials-file';
import type { SsoSessionSection } from '../sso/config';

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

/** Keys that would make a profile get its credentials some other way. */
const SOURCE_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
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
];

function conflicts(
  existing: Record<string, string> | undefined,
  wanted: Record<string, string>,
  allowedSame: (key: string, value: string) => boolean = () => false,
): string[] {
  if (!existing) return [];
  return SOURCE_KEYS.filter(
    (k) => k in existing && existing[k] !== wanted[k] && !allowedSame(k, existing[k] ?? ''),
  );
}

function conflictError(file: string, profileName: string, keys: string[]): SsoTrayError {
  return new SsoTrayError(
    'CONFIG',
    `Profile "${profileName}" in ${file} is already set up differently (${keys.join(', ')}); ` +
      'choose another profile name (or force the overwrite).',
  );
}

export interface WriteSsoProfileArgs {
  env: Env;
  profileName: string;
  session: SsoSessionSection;
  accountId: string;
  roleName: string;
  region?: string;
  force?: boolean;
}

/**
 * Writes `[sso-session NAME]` when it is missing (fills in missing keys; a different start URL or
 * region is an error, never changed) and `[profile NAME]` with sso_session, sso_account_id,
 * sso_role_name and region when given.
 */
export async function writeSsoProfile(
  args: WriteSsoProfileArgs,
): Promise<{ path: string; profileName: string }> {
  const { env, profileName, session: s } = args;
  checkProfileName(profileName);
  const file = awsPaths(env).configFile;
  const header = configProfileHeader(profileName);
  await editFileAtomically(
    file,
    (text) => {
      let out = text ?? '';
      assertReadableByAwsTools(out, file);
      const sessionHeader = `sso-session ${s.name}`;
      const have = readSection(out, sessionHeader) ?? {};
      for (const [key, want] of [
        ['sso_start_url', s.startUrl],
        ['sso_region', s.region],
      ] as const) {
        const got = have[key];
        if (
          got !== undefined &&
          got !== '' &&
          got.replace(/\/+$/, '') !== want.replace(/\/+$/, '')
        ) {
          throw new SsoTrayError(
            'CONFIG',
            `[sso-session ${s.name}] in ${file} has ${key} = ${got}, not ${want}; ` +
              'SSO Tray does not change it. Use another session name or fix the file.',
          );
        }
      }
      const missing: Array<[string, string]> = [];
      if (!have.sso_start_url) missing.push(['sso_start_url', s.startUrl]);
      if (!have.sso_region) missing.push(['sso_region', s.region]);
      if (!have.sso_registration_scopes) {
        missing.push(['sso_registration_scopes', s.scopes.join(',')]);
      }
      if (missing.length > 0) out = upsertSection(out, sessionHeader, missing);

      const wanted: Record<string, string> = {
        sso_session: s.name,
        sso_account_id: args.accountId,
        sso_role_name: args.roleName,
      };
      const existing = readSection(out, header);
      // legacy keys equal to the session's are harmless; different ones make the tools fail
      const bad = conflicts(
        existing,
        wanted,
        (k, v) =>
          (k === 'sso_start_url' && v.replace(/\/+$/, '') === s.startUrl.replace(/\/+$/, '')) ||
          (k === 'sso_region' && v === s.region),
      );
      if (bad.length > 0 && !args.force) throw conflictError(file, profileName, bad);
      const entries: Array<[string, string]> = Object.entries(wanted);
      if (args.region !== undefined) entries.push(['region', args.region]);
      return upsertSection(out, header, entries, {
        removeKeys: bad.filter((k) => !(k in wanted)),
      });
    },
    { mode: currentMode(file) },
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
  force?: boolean;
}

/** Writes `[profile NAME]` with `credential_process = <sso-tray> credential-process ...`. */
export async function writeCredentialProcessProfile(
  args: WriteCredentialProcessProfileArgs,
): Promise<{ path: string; profileName: string; credentialProcess: string }> {
  const { env, profileName } = args;
  checkProfileName(profileName);
  const file = awsPaths(env).configFile;
  const header = configProfileHeader(profileName);
  // refuses (naming the word) anything a shell or an AWS tool would read differently
  const credentialProcess = credentialProcessCommand(
    args.command ?? resolveCliCommand(env),
    args.accountId,
    args.roleName,
    args.session,
  );
  await editFileAtomically(
    file,
    (text) => {
      const current = text ?? '';
      assertReadableByAwsTools(current, file);
      const existing = readSection(current, header);
      const wanted = { credential_process: credentialProcess };
      // an older sso-tray credential_process (e.g. the checkout moved) is ours to replace
      const bad = conflicts(
        existing,
        wanted,
        (k, v) =>
          k === 'credential_process' && / credential-process /.test(v) && /sso-tray/.test(v),
      );
      if (bad.length > 0 && !args.force) throw conflictError(file, profileName, bad);
      const entries: Array<[string, string]> = [['credential_process', credentialProcess]];
      if (args.region !== undefined) entries.push(['region', args.region]);
      return upsertSection(current, header, entries, {
        removeKeys: bad.filter((k) => k !== 'credential_process'),
      });
    },
    { mode: currentMode(file) },
  );
  return { path: file, profileName, credentialProcess };
}
