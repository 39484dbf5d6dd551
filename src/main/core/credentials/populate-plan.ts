// What `populate` (./populate.ts) would do to the config file, worked out from its text and the
// record of written profiles, without touching either:
//  - only profiles SSO Tray wrote (the record of written profiles knows what their section holds)
//    are changed or pruned; a profile that already says exactly what would be written is left
//    as it is, whoever wrote it; a name taken by a profile SSO Tray did not write is given to
//    that profile, and the role gets another (./populate-names.ts);
//  - pruning removes the profiles an earlier populate of the same session wrote (marked
//    `populated` in the record) that the roles no longer call for, unless they changed since.
// Pure: the reading and writing are ./populate.ts's.

import type { Env } from '../aws-paths';
import type { SectionEdit } from '../files/ini-batch-edit';
import { readParsedSection, type ParsedIni } from '../files/ini-parse';
import type { SsoSessionSection } from '../sso/config';
import { ssoSessionKeysToAdd } from '../sso/sso-session-writer';
import { configProfileHeader, otherSources } from './config-file';
import { CREDENTIAL_KEYS } from './ownership';
import { DEFAULT_TEMPLATE, profileNames, type PopulateRole } from './populate-names';
import {
  knownFingerprints,
  sameProfile,
  settingsFingerprint,
  type ForgottenProfile,
  type WrittenProfile,
} from './written-profiles';

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

/** The plan with what carrying it out takes: the section edits and the record's changes. */
export interface PopulateChanges {
  plan: PopulatePlan;
  edits: SectionEdit[];
  written: WrittenProfile[];
  forget: ForgottenProfile[];
}

const fingerprint = (values: Record<string, string>) =>
  settingsFingerprint(values, CREDENTIAL_KEYS);

/**
 * What populate does to `parsed` (the config file's text) given the record of written profiles:
 * the plan, the edits of the file and the record's entries to add and forget. Pure.
 */
export function computePopulate(
  parsed: ParsedIni,
  record: readonly WrittenProfile[],
  file: string,
  a: PopulateArgs,
): PopulateChanges {
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
