// The one writer of `[sso-session]` sections, used by everything that writes one (adding a
// session, signing in to a new portal, writing an sso_session profile): as an edit of the config
// file being written (ensureSsoSession, through editIniFile) or as a write of its own
// (writeSsoSession). Start URLs compare as the same portal by sameStartUrl; a session by that
// name that says something else is never changed.
import { printable, sameStartUrl } from '../../../shared/rules';
import { SsoTrayError } from '../errors';
import { existingFileMode } from '../files/file-io';
import { readSection } from '../files/ini-parse';
import { editIniFile, type IniEditor } from '../files/ini-file';
import { readSsoConfig, type SsoSessionSection } from './config';

/**
 * The one writer of `[sso-session]` sections, as an edit of the config file being written: adds
 * `[sso-session NAME]` when the file has no session by that name, fills in the keys an existing
 * section lacks (`sso_registration_scopes` included), and changes nothing else when the session
 * is already there with the same start URL and region. A session by that name with another start URL or region is never changed: that is
 * a CONFIG error, thrown before anything is written.
 */
export function ensureSsoSession(ini: IniEditor, s: SsoSessionSection): void {
  const missing = ssoSessionKeysToAdd(ini.text, s, ini.path);
  if (missing.length > 0) ini.upsert(`sso-session ${s.name}`, missing);
}

/** The keys ensureSsoSession adds to `text` (none when the session is there); throws on a clash. */
export function ssoSessionKeysToAdd(
  text: string,
  s: SsoSessionSection,
  file: string,
): Array<[string, string]> {
  const clash = (key: string, got: string, want: string): never => {
    throw new SsoTrayError(
      'CONFIG',
      `[sso-session ${s.name}] in ${file} already has ${key} = ${printable(got)}, not ${printable(want)}; ` +
        'SSO Tray does not change it. Choose another session name or fix the file.',
    );
  };
  const reading = readSsoConfig(text);
  const usable = reading.sessions.find((x) => x.kind === 'sso-session' && x.name === s.name);
  if (usable !== undefined) {
    if (!sameStartUrl(usable.startUrl, s.startUrl)) {
      clash('sso_start_url', usable.startUrl, s.startUrl);
    }
    if (usable.region !== s.region) clash('sso_region', usable.region, s.region);
    // Only the scopes may be missing; added where the section is spelt as SSO Tray writes it.
    const section = readSection(text, `sso-session ${s.name}`);
    return section !== undefined && (section.sso_registration_scopes ?? '').trim() === ''
      ? [['sso_registration_scopes', s.scopes.join(',')]]
      : [];
  }
  const have = readSection(text, `sso-session ${s.name}`) ?? {};
  const got = (key: string) => (have[key] ?? '').trim();
  if (got('sso_start_url') !== '' && !sameStartUrl(got('sso_start_url'), s.startUrl)) {
    clash('sso_start_url', got('sso_start_url'), s.startUrl);
  }
  if (got('sso_region') !== '' && got('sso_region') !== s.region) {
    clash('sso_region', got('sso_region'), s.region);
  }
  const missing: Array<[string, string]> = [];
  if (got('sso_start_url') === '') missing.push(['sso_start_url', s.startUrl]);
  if (got('sso_region') === '') missing.push(['sso_region', s.region]);
  if (got('sso_registration_scopes') === '') {
    missing.push(['sso_registration_scopes', s.scopes.join(',')]);
  }
  return missing;
}

/** Writes `[sso-session NAME]` into the config file (ensureSsoSession), keeping its mode. */
export async function writeSsoSession(configFile: string, s: SsoSessionSection): Promise<void> {
  await editIniFile(configFile, (ini) => ensureSsoSession(ini, s), {
    mode: await existingFileMode(configFile),
  });
}
