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
// The sections as botocore names them are read in config-sections.ts; the one writer of
// `[sso-session]` sections is sso-session-writer.ts.
import { readFile } from 'node:fs/promises';
import {
  configSessionNameProblem,
  printable,
  regionProblem,
  sameStartUrl,
  sessionNameFromStartUrl,
  startUrlProblem,
} from '../../../shared/rules';
import { SsoTrayError } from '../errors';
import { parseIniDocument } from '../files/ini-parse';
import { quotedFix, rawSections, sectionName, type RawSection } from './config-sections';

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

function parseScopes(value: string | undefined): string[] {
  const scopes = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return scopes.length > 0 ? scopes : [...DEFAULT_SCOPES];
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
