// `credential_process` profiles in the AWS config file: `[profile NAME]` with a command line that
// runs `sso-tray credential-process ...`, so every AWS tool gets fresh credentials from SSO Tray
// by itself. The line is built so that botocore and the shells the SDKs use all read back exactly
// the words written (command-line.ts); the profile is written with the same ownership rules as
// the other config profiles (config-file.ts).
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { existingFileMode } from '../files/file-io';
import { editIniFile } from '../files/ini-file';
import { commandLine, commandPlatform, quoteWord, type CommandWord } from './command-line';
import { configWrite, otherSources, recordConfigWrite, upsertProfile } from './config-file';
import { checkProfileName } from './credentials-file';
import { CREDENTIAL_KEYS } from './ownership';

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

/** The directory of this module's file: the CLI bundle is CommonJS, the app's main bundle and tsx are not. */
function moduleDir(): string | undefined {
  if (typeof __filename === 'string') return dirname(__filename);
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

// The CommonJS bundle first: it starts faster (see tools/build-cli.mjs); the .mjs entry is what
// earlier versions wrote.
const BUNDLES = ['sso-tray.cjs', 'sso-tray.mjs'];

function findBundle(): string | undefined {
  const argv1 = process.argv[1];
  if (argv1 && /sso-tray\.cjs$/.test(argv1) && existsSync(argv1)) return resolve(argv1);
  let dir = moduleDir();
  if (dir === undefined) return undefined;
  for (let i = 0; i < 8; i++) {
    for (const name of BUNDLES) {
      for (const candidate of [join(dir, name), join(dir, 'out', 'cli', name)]) {
        if (existsSync(candidate)) return candidate;
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/**
 * The command that runs `sso-tray` on this machine, as argv words: node and the bundled CLI
 * (`out/cli/sso-tray.cjs`) when it exists, else `sso-tray` found on PATH.
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
      mode: await existingFileMode(file),
      beforeReplace: async (ini) => {
        if (record) await recordConfigWrite(ini, w);
      },
    },
  );
  return { path: file, profileName, credentialProcess };
}
