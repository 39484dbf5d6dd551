// A profile for every role (`sso-tray populate`, Settings → Profiles): one `sso_session`
// profile per account and role of a session, written into the config file in one atomic edit.
//
// The rules, all here:
//  - names come from a template with {account_name}, {account_id}, {role_name} and {session}
//    (DEFAULT_TEMPLATE), made safe by the config-name rule (safeConfigName in shared/rules.ts);
//  - two roles whose names come out the same both get the account id added (then the role name,
//    then a number, should that still not tell them apart), and so does a role whose name is
//    taken by a profile SSO Tray did not write (that profile stays as it is);
//  - only profiles SSO Tray wrote (the record of written profiles knows what their section holds)
//    are changed or pruned; a profile that already says exactly what would be written is left
//    as it is, whoever wrote it;
//  - pruning removes the profiles an earlier populate of the same session wrote (marked
//    `populated` in the record) that the roles no longer call for, unless they changed since;
//  - nothing new to write leaves the config file and the record byte-identical.

import { readFile } from 'node:fs/promises';
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { existingFileMode } from '../files/file-io';
import type { SectionEdit } from '../files/ini-batch-edit';
import { editIniFile } from '../files/ini-file';
import { parseIniText, readParsedSection, type ParsedIni } from '../files/ini-parse';
import { assertReadableByAwsTools } from '../files/ini-verify';
import type { SsoSessionSection } from '../sso/config';
import { ensureSsoSession, ssoSessionKeysToAdd } from '../sso/sso-session-writer';
import { MAX_NAME_LENGTH, configNameProblem, safeConfigName } from '../../../shared/rules';
import { sortAccounts, sortRoles } from '../../../shared/account-order';
import type { Account } from '../../../shared/schemas';
import {
  DEFAULT_TEMPLATE,
  TEMPLATE_FIELDS,
  templateProblem,
  type TemplateField,
} from '../../../shared/profile-template';
import { configProfileHeader, otherSources } from './config-file';
import { CREDENTIAL_KEYS } from './ownership';
import {
  knownFingerprints,
  readWrittenProfiles,
  recordWrites,
  sameProfile,
  settingsFingerprint,
  writtenProfilesPath,
  type ForgottenProfile,
  type WrittenProfile,
} from './written-profiles';

export { DEFAULT_TEMPLATE, TEMPLATE_FIELDS, templateProblem };

/** Throws INVALID_INPUT for a template templateProblem refuses. */
export function checkTemplate(template: string): void {
  const problem = templateProblem(template);
  if (problem !== null) throw new SsoTrayError('INVALID_INPUT', problem);
}

export function renderTemplate(template: string, values: Record<TemplateField, string>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    (TEMPLATE_FIELDS as readonly string[]).includes(name) ? values[name as TemplateField] : whole,
  );
}

export interface PopulateRole {
  accountId: string;
  accountName: string;
  roleName: string;
}

/** Every account and role of a session, in display order (shared/account-order.ts). */
export function populateRoles(
  accounts: readonly Account[],
  roles: ReadonlyMap<string, ReadonlyArray<{ accountId: string; roleName: string }>>,
): PopulateRole[] {
  return sortAccounts([...accounts]).flatMap((a) =>
    sortRoles([...(roles.get(a.accountId) ?? [])]).map((r) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      roleName: r.roleName,
    })),
  );
}

/**
 * The name of a role at a level of disambiguation: 0 the template's, 1 with the account id, 2
 * with the account id and the role name, 3 and up with a number after those. The base is cut
 * so that what is added always fits.
 */
function candidate(base: string, r: PopulateRole, level: number): string {
  if (level === 0) return base;
  const parts = [r.accountId];
  if (level >= 2) parts.push(safeConfigName(r.roleName) || 'role');
  let suffix = parts.join('.');
  if (level >= 3) suffix += `-${level - 1}`;
  const room = MAX_NAME_LENGTH - suffix.length - 1;
  const head = base.slice(0, Math.max(0, room)).replace(/[-.]+$/, '');
  return head === '' ? suffix : `${head}.${suffix}`;
}

const RESERVED = new Set(['default', 'DEFAULT', '__proto__']);

/**
 * One unique, safe profile name per role, in the order given. `blocked(name, role)` says a name
 * is taken for that role (a profile SSO Tray may not change). Exported for its tests.
 */
export function profileNames(
  roles: readonly PopulateRole[],
  template: string,
  session: string,
  blocked: (name: string, role: PopulateRole) => boolean = () => false,
): string[] {
  checkTemplate(template);
  const bases = roles.map((r) =>
    safeConfigName(
      renderTemplate(template, {
        account_name: r.accountName,
        account_id: r.accountId,
        role_name: r.roleName,
        session,
      }),
    ),
  );
  const levels = roles.map(() => 0);
  // safeConfigName only leaves names the config-name rule accepts (checked once at the end)
  const unusable = (name: string, r: PopulateRole) =>
    name === '' || RESERVED.has(name) || blocked(name, r);
  let names: string[] = [];
  for (let round = 0; round < 12; round++) {
    names = roles.map((r, i) => candidate(bases[i] ?? '', r, levels[i] ?? 0));
    const holders = new Map<string, number[]>();
    names.forEach((n, i) => {
      const list = holders.get(n);
      if (list === undefined) holders.set(n, [i]);
      else list.push(i);
    });
    let again = false;
    roles.forEach((r, i) => {
      const n = names[i] ?? '';
      if ((holders.get(n)?.length ?? 0) > 1 || unusable(n, r)) {
        levels[i] = (levels[i] ?? 0) + 1;
        again = true;
      }
    });
    if (!again) return checked(names);
  }
  // Only names made to look like others' suffixed names get here: the index settles them.
  const seen = new Set<string>();
  names = names.map((n, i) => {
    let name = n;
    for (let k = 2; seen.has(name) || unusable(name, roles[i] as PopulateRole); k++) {
      name = `${n.slice(0, MAX_NAME_LENGTH - 8)}-${i}-${k}`;
    }
    seen.add(name);
    return name;
  });
  return checked(names);
}

function checked(names: string[]): string[] {
  for (const n of names) {
    const problem = configNameProblem('profile', n);
    if (problem !== null) throw new Error(`populate made a name the rule refuses: ${problem}`);
  }
  return names;
}

export interface PopulateArgs {
  env: Env;
  session: SsoSessionSection;
  /** Every account and role of the session, in display order. */
  roles: readonly PopulateRole[];
  /** Default DEFAULT_TEMPLATE. */
  template?: string;
  /** The profiles' `region` (default: the session's region). */
  region?: string;
  /** Add and update profiles (default true; false with `prune` only removes). */
  write?: boolean;
  /** Remove the profiles an earlier populate of this session wrote that are no longer wanted. */
  prune?: boolean;
  /**
   * With `prune`: remove only these (the ones the user was shown and confirmed); one an earlier
   * populate wrote that is not listed stays, even when no role calls for it any more.
   */
  pruneOnly?: readonly string[];
  /** Where the record of written profiles lives (default: writtenProfilesPath(env)). */
  recordPath?: string;
  now?: () => number;
}

export interface PopulateItem {
  profileName: string;
  accountId: string;
  roleName: string;
}

export interface PopulatePlan {
  /** The config file. */
  file: string;
  /** Every profile name, one per role, in the order of the roles. */
  names: string[];
  add: PopulateItem[];
  change: PopulateItem[];
  /** Profiles that already say what would be written. */
  unchanged: number;
  /** Profiles pruned (only with `prune`). */
  remove: string[];
  /** Profiles an earlier populate wrote, no longer wanted, left because they changed since. */
  keptChanged: string[];
  /** Whether [sso-session NAME] is added (or its missing keys filled in). */
  sessionAdded: boolean;
}

interface Computed {
  plan: PopulatePlan;
  edits: SectionEdit[];
  written: WrittenProfile[];
  forget: ForgottenProfile[];
}

const fingerprint = (values: Record<string, string>) =>
  settingsFingerprint(values, CREDENTIAL_KEYS);

function compute(
  parsed: ParsedIni,
  record: readonly WrittenProfile[],
  file: string,
  a: PopulateArgs,
): Computed {
  const s = a.session;
  const template = a.template ?? DEFAULT_TEMPLATE;
  const region = a.region ?? s.region;
  const write = a.write !== false;
  const recorded = new Map<string, WrittenProfile>();
  for (const p of record) {
    if (p.kind === 'config' && sameProfile(p, file, p.profileName, 'config')) {
      recorded.set(p.profileName, p);
    }
  }
  const sections = new Map<string, Record<string, string> | undefined>();
  const read = (name: string) => {
    if (!sections.has(name))
      sections.set(name, readParsedSection(parsed, configProfileHeader(name)));
    return sections.get(name);
  };
  const owned = new Map<string, boolean>();
  const ours = (name: string, values: Record<string, string>) => {
    let v = owned.get(name);
    if (v === undefined) {
      const known = knownFingerprints(recorded.get(name));
      v = known.length > 0 && known.includes(fingerprint(values));
      owned.set(name, v);
    }
    return v;
  };
  const wantedOf = (r: PopulateRole): Record<string, string> => ({
    sso_session: s.name,
    sso_account_id: r.accountId,
    sso_role_name: r.roleName,
    region,
  });
  // Legacy keys that say what the [sso-session] says are harmless (see writeSsoProfile).
  const harmless = (k: string, v: string) =>
    (k === 'sso_start_url' && v === s.startUrl) || (k === 'sso_region' && v === s.region);
  const removeKeysOf = (existing: Record<string, string>, wanted: Record<string, string>) =>
    otherSources(existing, wanted, harmless).filter((k) => !(k in wanted));
  const saysSame = (existing: Record<string, string>, wanted: Record<string, string>) =>
    Object.entries(wanted).every(([k, v]) => existing[k] === v) &&
    removeKeysOf(existing, wanted).length === 0;

  const names = profileNames(a.roles, template, s.name, (name, r) => {
    const existing = read(name);
    return existing !== undefined && !ours(name, existing) && !saysSame(existing, wantedOf(r));
  });

  const plan: PopulatePlan = {
    file,
    names,
    add: [],
    change: [],
    unchanged: 0,
    remove: [],
    keptChanged: [],
    sessionAdded: false,
  };
  const edits: SectionEdit[] = [];
  const written: WrittenProfile[] = [];
  const forget: ForgottenProfile[] = [];
  const writtenAt = (a.now ?? Date.now)();
  const entry = (r: PopulateRole, profileName: string, values: Record<string, string>) => ({
    profileName,
    file,
    kind: 'config' as const,
    accountId: r.accountId,
    roleName: r.roleName,
    session: s.name,
    expiresAt: 0,
    writtenAt,
    keyIdHash: fingerprint(values),
    populated: true as const,
  });
  a.roles.forEach((r, i) => {
    const profileName = names[i] as string;
    const item = { profileName, accountId: r.accountId, roleName: r.roleName };
    const wanted = wantedOf(r);
    const existing = read(profileName);
    if (existing !== undefined && saysSame(existing, wanted)) {
      plan.unchanged += 1;
      return;
    }
    if (!write) return;
    const removeKeys = existing === undefined ? [] : removeKeysOf(existing, wanted);
    const values: Record<string, string> = { ...existing };
    for (const k of removeKeys) delete values[k];
    Object.assign(values, wanted);
    (existing === undefined ? plan.add : plan.change).push(item);
    edits.push({
      header: configProfileHeader(profileName),
      entries: Object.entries(wanted),
      removeKeys,
    });
    written.push(entry(r, profileName, values));
  });
  if (a.prune === true) {
    const wantedNames = new Set(names);
    const allowed = a.pruneOnly === undefined ? undefined : new Set(a.pruneOnly);
    for (const p of recorded.values()) {
      if (p.populated !== true || p.session !== s.name || wantedNames.has(p.profileName)) continue;
      if (allowed !== undefined && !allowed.has(p.profileName)) continue;
      const existing = read(p.profileName);
      if (existing !== undefined && !ours(p.profileName, existing)) {
        plan.keptChanged.push(p.profileName);
        continue;
      }
      if (existing !== undefined) {
        plan.remove.push(p.profileName);
        edits.push({ header: configProfileHeader(p.profileName), remove: true });
      }
      forget.push({ file, profileName: p.profileName, kind: 'config' });
    }
  }
  if (plan.add.length + plan.change.length > 0) {
    plan.sessionAdded = ssoSessionKeysToAdd(parsed.text, s, file).length > 0;
  }
  return { plan, edits, written, forget };
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SsoTrayError('FILE', `${file} could not be read.`, { cause: e });
  }
}

/** What populateProfiles would do now, without writing anything (--dry-run, the preview). */
export async function planPopulate(a: PopulateArgs): Promise<PopulatePlan> {
  const file = awsPaths(a.env).configFile;
  const parsed = parseIniText((await readText(file)) ?? '');
  assertReadableByAwsTools(parsed, file);
  const record = await readWrittenProfiles(a.recordPath ?? writtenProfilesPath(a.env));
  return compute(parsed, record, file, a).plan;
}

/**
 * Writes (and with `prune`, removes) the profiles of every role in one locked, checked, atomic
 * edit of the config file, then records them in one replace of the record. Returns what it did.
 */
export async function populateProfiles(a: PopulateArgs): Promise<PopulatePlan> {
  const file = awsPaths(a.env).configFile;
  const recordPath = a.recordPath ?? writtenProfilesPath(a.env);
  let result: Computed | undefined;
  await editIniFile(
    file,
    async (ini) => {
      // read while the file is locked: every write that reached the file is recorded by now
      const record = await readWrittenProfiles(recordPath);
      const c = compute(ini.parsed, record, file, a);
      result = c;
      if (c.plan.add.length + c.plan.change.length > 0) ensureSsoSession(ini, a.session);
      ini.editSections(c.edits);
    },
    {
      mode: await existingFileMode(file),
      beforeReplace: async () => {
        if (result) await recordWrites(recordPath, result.written, result.forget);
      },
    },
  );
  if (result === undefined) throw new Error('populate: the edit did not run');
  // sections already gone leave the file as it is: their entries are forgotten all the same
  if (result.edits.length === 0 && result.forget.length > 0) {
    await recordWrites(recordPath, [], result.forget);
  }
  return result.plan;
}
