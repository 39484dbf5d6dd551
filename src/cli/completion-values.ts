// The values shell completion offers after a flag, read only from local files, never the network:
// sessions and profiles from the config file (and profiles from the credentials file), account
// ids, account names and role names from the accounts caches (the command's own in
// ~/.aws/sso-tray, the app's in its data folder) and from the record of written profiles.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsPaths, type Env } from '../main/core/aws-paths';
import { parseIni } from '../main/core/files/ini-parse';
import { readSsoConfig } from '../main/core/sso/config';
import {
  readWrittenProfiles,
  writtenProfilesPath,
} from '../main/core/credentials/written-profiles';
import { CLI_FORMATS } from '../shared/credential-formats';
import { compareRoleNames } from '../shared/account-order';
import { cliDataDir } from './local-cache';

export const VALUE_KINDS = ['sessions', 'accounts', 'roles', 'profiles', 'formats'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** One value, with what it is (shells that show descriptions show it). */
export interface CompletionValue {
  value: string;
  description?: string;
}

async function text(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/** Where the desktop app keeps its data folder (Electron's userData for "SSO Tray"). */
function appDataDirs(env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const home = awsPaths(env).home;
  const dirs: string[] = [];
  if (env.SSO_TRAY_APP_DATA) dirs.push(env.SSO_TRAY_APP_DATA);
  if (platform === 'darwin') dirs.push(join(home, 'Library', 'Application Support', 'SSO Tray'));
  else if (platform === 'win32') {
    dirs.push(join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'SSO Tray'));
  } else dirs.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'SSO Tray'));
  return dirs;
}

interface CachedListing {
  session: string;
  accounts: Array<{ accountId: string; accountName: string }>;
  roles: Record<string, string[]>;
}

/** Every readable accounts cache, the command's own first. Damaged files are skipped. */
async function listings(env: Env): Promise<CachedListing[]> {
  const out: CachedListing[] = [];
  for (const dir of [cliDataDir(env), ...appDataDirs(env)]) {
    let names: string[];
    try {
      names = await readdir(join(dir, 'accounts'));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const v = JSON.parse(await text(join(dir, 'accounts', name))) as Partial<CachedListing>;
        if (typeof v.session !== 'string' || !Array.isArray(v.accounts)) continue;
        const accounts = v.accounts.filter(
          (a): a is CachedListing['accounts'][number] =>
            typeof a?.accountId === 'string' && typeof a.accountName === 'string',
        );
        const roles: Record<string, string[]> = {};
        for (const [id, list] of Object.entries(v.roles ?? {})) {
          if (Array.isArray(list)) roles[id] = list.filter((r) => typeof r === 'string');
        }
        out.push({ session: v.session, accounts, roles });
      } catch {
        // not a cache file we can read: no values from it
      }
    }
  }
  return out;
}

export interface ValueFilter {
  session?: string;
  account?: string;
}

/** The values of one kind, de-duplicated, sorted; never touches the network. */
export async function completionValues(
  env: Env,
  kind: ValueKind,
  filter: ValueFilter = {},
): Promise<CompletionValue[]> {
  const paths = awsPaths(env);
  const found = new Map<string, string | undefined>();
  const add = (value: string, description?: string) => {
    if (value === '' || /[\r\n\t]/.test(value)) return;
    if (!found.has(value) || found.get(value) === undefined) found.set(value, description);
  };
  switch (kind) {
    case 'formats':
      for (const f of CLI_FORMATS) add(f.cli.name, f.cli.help);
      break;
    case 'sessions':
      for (const s of readSsoConfig(await text(paths.configFile)).sessions) add(s.name, s.startUrl);
      break;
    case 'profiles': {
      for (const s of parseIni(await text(paths.configFile))) {
        if (s.header === 'default') add('default');
        else if (s.header.startsWith('profile ')) add(s.header.slice('profile '.length).trim());
      }
      for (const s of parseIni(await text(paths.credentialsFile))) add(s.header);
      break;
    }
    case 'accounts':
    case 'roles': {
      const inSession = (session: string) =>
        filter.session === undefined || filter.session === session;
      for (const l of await listings(env)) {
        if (!inSession(l.session)) continue;
        if (kind === 'accounts') for (const a of l.accounts) add(a.accountId, a.accountName);
        else {
          for (const [id, roles] of Object.entries(l.roles)) {
            if (filter.account === undefined || filter.account === id) roles.forEach((r) => add(r));
          }
        }
      }
      for (const p of await readWrittenProfiles(writtenProfilesPath(env))) {
        if (!inSession(p.session)) continue;
        if (kind === 'accounts') add(p.accountId);
        else if (filter.account === undefined || filter.account === p.accountId) add(p.roleName);
      }
      // sso_session profiles of the config file name accounts and roles too
      for (const s of parseIni(await text(paths.configFile))) {
        const v = s.values;
        if (v.sso_account_id === undefined) continue;
        if (v.sso_session !== undefined && !inSession(v.sso_session)) continue;
        if (kind === 'accounts') add(v.sso_account_id);
        else if (
          v.sso_role_name !== undefined &&
          (filter.account === undefined || filter.account === v.sso_account_id)
        ) {
          add(v.sso_role_name);
        }
      }
      break;
    }
  }
  const values = [...found].map(([value, description]) =>
    description === undefined ? { value } : { value, description },
  );
  return values.sort((a, b) =>
    kind === 'roles' ? compareRoleNames(a.value, b.value) : a.value.localeCompare(b.value),
  );
}
