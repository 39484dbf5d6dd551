// `[sso-session NAME]` sections of the AWS config file (aws-reference.md §3).
import { readFile, stat } from 'node:fs/promises';
import { SsoTrayError } from '../errors';
import { parseIni } from '../files/ini';
import { editIniFile } from '../files/ini-file';

export interface SsoSessionConfig {
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

export const DEFAULT_SCOPES = ['sso:account:access'];

export async function readConfigText(configFile: string): Promise<string | null> {
  try {
    return await readFile(configFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SsoTrayError('FILE', `Cannot read ${configFile}: ${(e as Error).message}`);
  }
}

export function parseScopes(value: string | undefined): string[] {
  const scopes = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return scopes.length > 0 ? scopes : [...DEFAULT_SCOPES];
}

/** Every `[sso-session]` in the text (incomplete ones too: startUrl/region may be empty). */
export function ssoSessionsFromText(text: string): SsoSessionConfig[] {
  const out: SsoSessionConfig[] = [];
  for (const s of parseIni(text)) {
    const m = /^sso-session (.+)$/.exec(s.header);
    if (!m?.[1]) continue;
    const name = m[1].trim();
    if (out.some((o) => o.name === name)) continue;
    out.push({
      name,
      startUrl: s.values.sso_start_url ?? '',
      region: s.values.sso_region ?? '',
      scopes: parseScopes(s.values.sso_registration_scopes),
    });
  }
  return out;
}

/** Adds `[sso-session NAME]` (or sets its keys) without touching any other byte of the file. */
export async function writeSsoSession(configFile: string, s: SsoSessionConfig): Promise<void> {
  let mode = 0o600;
  try {
    mode = (await stat(configFile)).mode & 0o777;
  } catch {
    // new file: 0600
  }
  const entries: Array<[string, string]> = [
    ['sso_start_url', s.startUrl],
    ['sso_region', s.region],
    ['sso_registration_scopes', s.scopes.join(',')],
  ];
  await editIniFile(configFile, (ini) => ini.upsert(`sso-session ${s.name}`, entries), { mode });
}
