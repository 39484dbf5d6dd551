// The sign-in sessions a user's AWS config file (~/.aws/config or AWS_CONFIG_FILE) offers, read the
// way botocore reads them, and what in it cannot be used, with the reason and the fix:
//  - `[sso-session NAME]` sections. botocore splits the header shell-style (`shlex.split`) and keeps
//    the section only when that gives exactly two words, so `[sso-session "my portal"]` is the
//    session `my portal` and `[sso-session has space]` is skipped (shown here as unusable).
//  - Legacy SSO profiles: `[profile P]` (or `[default]`) with `sso_start_url` and `sso_region` and
//    no `sso_session`, as configs written before 2022 have them. Each distinct start URL is offered
//    as one session. Its token lives where the AWS CLI keeps legacy tokens (the SHA-1 of the start
//    URL), so `aws sso login --profile P` and SSO Tray share the sign-in.
// Reading never changes the file.
import { readFile, stat } from 'node:fs/promises';
import {
  configSessionNameProblem,
  printable,
  regionProblem,
  sameStartUrl,
  sessionNameFromStartUrl,
  startUrlProblem,
} from '../../../shared/schemas';
import { SsoTrayError } from '../errors';
import { parseIniDocument, readSection, sectionValues, type IniDocument } from '../files/ini-parse';
import { editIniFile, type IniEditor } from '../files/ini-file';
import { shlexSplit } from './shlex';

export type SessionKind = 'sso-session' | 'legacy';

/** The keys of an `[sso-session]` section. */
export interface SsoSessionSection {
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

export interface SsoSessionConfig extends SsoSessionSection {
  /** How the app, the CLI (`--session`) and settings name it. */
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
  kind: SessionKind;
  /** What the token cache file is named after: the session name, or the start URL (legacy). */
  cacheKey: string;
  /** For a legacy session: the profiles that use its start URL. */
  profiles: string[];
}

/** Something in the config file SSO Tray (and often the AWS tools) cannot use. */
export interface ConfigIssue {
  /** The section as written, e.g. `sso-session has space`; null for the file as a whole. */
  section: string | null;
  /** The session name botocore gives the section, when it gives one. */
  session?: string;
  /** 1-based line of the section header (or of the problem). */
  line: number;
  /** Short: "no sso_region", "start URL does not start with https://". */
  reason: string;
  /** What to change in the file. */
  fix: string;
}

export interface ConfigReading {
  sessions: SsoSessionConfig[];
  issues: ConfigIssue[];
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

interface RawSection {
  /** The header text exactly as configparser keeps it (the line stripped, inside `[` `]`). */
  raw: string;
  line: number;
  values: Record<string, string>;
}

const BOM = '\ufeff';

/** The sections in file order, as Python's configparser names them, plus file-level problems. */
function rawSections(doc: IniDocument): { sections: RawSection[]; issues: ConfigIssue[] } {
  const sections: RawSection[] = [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  doc.lines.forEach((l, i) => {
    if (l.kind !== 'other') return;
    issues.push({
      section: null,
      line: i + 1,
      reason: l.text.trim().startsWith('[')
        ? 'a section header without its closing ], so the AWS CLI refuses the whole file'
        : 'neither a [section] header nor a key = value line, so the AWS CLI refuses the whole file',
      fix: `Fix or remove line ${i + 1}.`,
    });
  });
  for (const block of doc.blocks) {
    if (block.header === undefined) continue;
    const headerLine = doc.lines[block.start];
    const text = (headerLine?.text ?? '').replace(/^\ufeff/, '').trim();
    const raw = text.slice(1, text.lastIndexOf(']'));
    const line = block.start + 1;
    const values = sectionValues(doc, block);
    const first = seen.get(raw);
    // A repeated section is read as one, later keys winning (as the JS SDK does); botocore refuses
    // such a file, which the issue says.
    const earlier = first === undefined ? undefined : sections.find((x) => x.raw === raw);
    if (earlier !== undefined) Object.assign(earlier.values, values);
    else sections.push({ raw, line, values });
    if (first !== undefined) {
      issues.push({
        section: printable(raw),
        line,
        reason: `appears twice (first on line ${first}), so the AWS CLI refuses the whole file`,
        fix: 'Merge the two sections into one.',
      });
    } else {
      seen.set(raw, line);
    }
    // botocore reads a value that starts on the next line (`s3 =` and indented lines) as nested
    // `key = value` lines; one without `=` makes it refuse the whole file.
    for (const [key, value] of Object.entries(values)) {
      if (!value.startsWith('\n')) continue;
      const bad = value.split('\n').find((x) => x.trim() !== '' && !x.includes('='));
      if (bad === undefined) continue;
      issues.push({
        section: printable(raw),
        line,
        reason: `continues ${key} on indented lines that are not key = value, so the AWS CLI refuses the whole file`,
        fix: `Put the value of ${key} on the same line as "${key} =".`,
      });
    }
    const keys = new Map<string, number>();
    for (let i = block.start + 1; i < block.end; i++) {
      const l = doc.lines[i];
      if (l?.kind !== 'key' || l.key === undefined) continue;
      const before = keys.get(l.key);
      if (before === undefined) {
        keys.set(l.key, i + 1);
        continue;
      }
      issues.push({
        section: printable(raw),
        line: i + 1,
        reason: `sets ${l.key} twice (first on line ${before}), so the AWS CLI refuses the whole file`,
        fix: `Keep one ${l.key} line in [${printable(raw)}].`,
      });
    }
  }
  if (doc.lines[0]?.text.startsWith(BOM)) {
    issues.push({
      section: null,
      line: 1,
      reason: 'starts with a byte order mark (BOM), which the AWS CLI cannot read',
      fix: 'Save the file as UTF-8 without BOM.',
    });
  }
  return { sections, issues };
}

/** botocore's name for a `prefix NAME` header, or why it has none. */
function sectionName(raw: string, prefix: string): { name: string } | { problem: string } {
  const words = shlexSplit(raw);
  if (words === null) return { problem: 'has an unclosed quote in its name, so botocore skips it' };
  if (words.length === 1) return { problem: `has no name after "${prefix}"` };
  if (words.length > 2) {
    return { problem: 'has a space in its name, so botocore skips it' };
  }
  return { name: words[1] ?? '' };
}

function quotedFix(prefix: string, raw: string): string {
  const words = raw.trim().split(/\s+/).slice(1);
  const dashed = words.join('-').replace(/["'\\]/g, '');
  return (
    `Rename it to [${prefix} ${dashed || 'name'}] (and every line that refers to it), ` +
    `or quote the name: [${prefix} "${words.join(' ').replace(/["\\]/g, '')}"].`
  );
}

/** The sessions the text offers and what in it cannot be used. Never throws. */
export function readSsoConfig(text: string): ConfigReading {
  const doc = parseIniDocument(text);
  const { sections, issues } = rawSections(doc);
  const byName = new Map<string, SsoSessionConfig>();
  const sessionSections = new Map<string, RawSection>();
  const unusableSessions = new Set<string>();
  const profiles: Array<{ name: string; section: RawSection }> = [];

  for (const s of sections) {
    const shown = printable(s.raw);
    if (s.raw.startsWith('profile') || s.raw === 'default') {
      if (s.raw === 'default') {
        profiles.push({ name: 'default', section: s });
        continue;
      }
      const n = sectionName(s.raw, 'profile');
      if ('name' in n) profiles.push({ name: n.name, section: s });
      else if ('sso_start_url' in s.values || 'sso_session' in s.values) {
        issues.push({
          section: shown,
          line: s.line,
          reason: n.problem,
          fix: quotedFix('profile', s.raw),
        });
      }
      continue;
    }
    if (!s.raw.startsWith('sso-session')) continue;
    const n = sectionName(s.raw, 'sso-session');
    const issue = (reason: string, fix: string) => {
      issues.push({ section: shown, line: s.line, reason, fix });
    };
    if (!('name' in n)) {
      issue(n.problem, quotedFix('sso-session', s.raw));
      continue;
    }
    const name = n.name;
    const named = (reason: string, fix: string) => {
      issues.push({ section: shown, session: name, line: s.line, reason, fix });
    };
    const nameProblem = configSessionNameProblem(name);
    if (nameProblem !== null) {
      named(nameProblem, 'Give the session a plain name such as [sso-session my-sso].');
      unusableSessions.add(name);
      continue;
    }
    const earlier = sessionSections.get(name);
    if (earlier !== undefined && earlier.raw !== s.raw) {
      named(
        `defines the session ${printable(name)} again; the later one is used`,
        'Keep one section for each session.',
      );
    }
    sessionSections.set(name, s);
    const startUrl = s.values.sso_start_url;
    const region = s.values.sso_region;
    const problems: Array<[string, string]> = [];
    if (startUrl === undefined || startUrl === '') {
      problems.push([
        'no sso_start_url',
        'Add sso_start_url = https://d-1234567890.awsapps.com/start (your AWS access portal).',
      ]);
    } else if (startUrl.includes('\n')) {
      problems.push([
        'start URL is split over several lines',
        `Put the start URL on the same line as "sso_start_url =".`,
      ]);
    } else {
      const p = startUrlProblem(startUrl);
      if (p !== null) {
        problems.push([
          `start URL ${p}`,
          'Set sso_start_url to your AWS access portal, e.g. https://d-1234567890.awsapps.com/start.',
        ]);
      }
    }
    if (region === undefined || region === '') {
      problems.push(['no sso_region', 'Add sso_region = the region of your IAM Identity Center.']);
    } else if (regionProblem(region) !== null) {
      problems.push([
        `sso_region "${printable(region)}" is not an AWS region name`,
        'Set sso_region to a region name such as us-east-1.',
      ]);
    }
    if (problems.length > 0 || startUrl === undefined || region === undefined) {
      named(problems.map(([r]) => r).join('; '), problems.map(([, f]) => f).join(' '));
      byName.delete(name);
      unusableSessions.add(name);
      continue;
    }
    unusableSessions.delete(name);
    byName.set(name, {
      name,
      startUrl,
      region,
      scopes: parseScopes(s.values.sso_registration_scopes),
      kind: 'sso-session',
      cacheKey: name,
      profiles: [],
    });
  }

  // Profiles: references to sessions that do not exist, and legacy SSO profiles.
  const legacy = new Map<string, SsoSessionConfig>();
  const seenProfiles = new Map<string, RawSection>();
  for (const p of profiles) seenProfiles.set(p.name, p.section); // later wins, as in botocore
  for (const [profileName, s] of seenProfiles) {
    const v = s.values;
    const shown = printable(s.raw);
    const ref = v.sso_session;
    if (ref !== undefined) {
      const session = byName.get(ref);
      if (session === undefined && !unusableSessions.has(ref)) {
        issues.push({
          section: shown,
          line: s.line,
          reason: `sso_session = ${printable(ref)}, but there is no [sso-session ${printable(ref)}]`,
          fix: `Add an [sso-session ${printable(ref)}] section or change sso_session.`,
        });
      } else if (
        session !== undefined &&
        v.sso_start_url !== undefined &&
        v.sso_start_url !== session.startUrl
      ) {
        issues.push({
          section: shown,
          line: s.line,
          reason: `its sso_start_url differs from the one of [sso-session ${printable(ref)}], so the AWS tools refuse the profile`,
          fix: 'Remove sso_start_url from the profile (the session has it).',
        });
      }
      continue;
    }
    const startUrl = v.sso_start_url;
    if (startUrl === undefined) continue;
    const region = v.sso_region;
    const problem =
      startUrlProblem(startUrl) !== null
        ? `start URL ${startUrlProblem(startUrl) ?? ''}`
        : region === undefined || region === ''
          ? 'legacy SSO profile without sso_region'
          : regionProblem(region) !== null
            ? `sso_region "${printable(region)}" is not an AWS region name`
            : null;
    if (problem !== null || region === undefined) {
      issues.push({
        section: shown,
        line: s.line,
        reason: problem ?? 'legacy SSO profile without sso_region',
        fix: 'A legacy SSO profile needs sso_start_url (https) and sso_region; or move them into an [sso-session] and set sso_session.',
      });
      continue;
    }
    // An [sso-session] for the same portal already covers it.
    if ([...byName.values()].some((x) => sameStartUrl(x.startUrl, startUrl))) continue;
    const known = legacy.get(startUrl);
    if (known) {
      known.profiles.push(profileName);
      continue;
    }
    legacy.set(startUrl, {
      name: '',
      startUrl,
      region,
      scopes: [...DEFAULT_SCOPES],
      kind: 'legacy',
      cacheKey: startUrl,
      profiles: [profileName],
    });
  }
  const sessions = [...byName.values()];
  const taken = new Set(sessions.map((x) => x.name));
  for (const l of legacy.values()) {
    const base = sessionNameFromStartUrl(l.startUrl);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    sessions.push({ ...l, name });
  }
  return { sessions, issues };
}

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
    mode: await fileMode(configFile),
  });
}

async function fileMode(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return 0o600; // a new file
  }
}
