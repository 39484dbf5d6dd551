// The record of profiles SSO Tray wrote, into the credentials file and the config file, so it can
// refresh or remove them later and leave every other profile alone: a profile is SSO Tray's own
// only while the record knows what its section holds. It holds no secrets: names, where, which
// role, when, and a short fingerprint of what was written (of the access key id in the
// credentials file, of the credential settings in the config file), to notice that someone
// replaced the section.
//
// Writers record a write while they hold the file's lock, just before the rename (see
// credentials-file.ts), and the record keeps the fingerprints of the last few writes: a writer
// killed between recording and renaming leaves the old section, whose fingerprint is still
// known, and two processes writing the same profile at once each find the other's write known.
//
// Location: ~/.aws/sso-tray/written-profiles.json (0600, folder 0700). It lives beside the AWS
// files rather than in the app's data folder so the app and the `sso-tray` command share it.

import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { awsHome, type Env } from '../aws-paths';
import { editFileAtomically, readTextFile } from '../files/atomic-file';

export interface WrittenProfile {
  profileName: string;
  /** Absolute path of the file it was written to. */
  file: string;
  /** Which file: 'credentials' (also when absent: records before config profiles were kept). */
  kind?: WrittenKind;
  accountId: string;
  roleName: string;
  session: string;
  /** When the written credentials expire (epoch ms). */
  expiresAt: number;
  /** When SSO Tray wrote them (epoch ms). */
  writtenAt: number;
  /**
   * First 16 hex digits of sha256(access key id) for the credentials file, of the credential
   * settings for the config file (see settingsFingerprint); not a secret, identifies our write.
   */
  keyIdHash: string;
  /** Fingerprints of earlier writes still recognised as SSO Tray's own, newest first. */
  earlier?: string[];
  /**
   * Written by `populate` (a profile for every role of a session): such profiles are the ones a
   * later populate of the session updates and prunes. A write of the profile on its own (Access
   * keys, write-config-profile) drops the mark.
   */
  populated?: true;
}

export type WrittenKind = 'credentials' | 'config';

/** How many earlier fingerprints a record entry keeps. */
const KEPT_EARLIER = 3;

interface RecordFile {
  version: 1;
  profiles: WrittenProfile[];
}

export function writtenProfilesPath(env: Env): string {
  return join(awsHome(env), '.aws', 'sso-tray', 'written-profiles.json');
}

// The fingerprints of the last few key ids: a write hashes the key it writes, and the next write
// of that profile the same key, found in the section.
const recentHashes = new Map<string, string>();
const MAX_RECENT_HASHES = 64;

export function keyIdHash(accessKeyId: string): string {
  const known = recentHashes.get(accessKeyId);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(accessKeyId).digest('hex').slice(0, 16);
  if (recentHashes.size >= MAX_RECENT_HASHES) recentHashes.clear();
  recentHashes.set(accessKeyId, hash);
  return hash;
}

/**
 * A fingerprint of the settings of a config profile that decide where its credentials come from
 * (the keys in `keys`, in that order, with their values); other keys (region, output) may change
 * without making the profile someone else's.
 */
export function settingsFingerprint(
  values: Record<string, string>,
  keys: readonly string[],
): string {
  const relevant = keys.filter((k) => k in values).map((k) => [k, values[k]]);
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

/** The fingerprints of `entry`'s last writes, newest first. */
export function knownFingerprints(entry: WrittenProfile | undefined): string[] {
  return entry === undefined ? [] : [entry.keyIdHash, ...(entry.earlier ?? [])];
}

function isWrittenProfile(v: unknown): v is WrittenProfile {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    ['profileName', 'file', 'accountId', 'roleName', 'session', 'keyIdHash'].every(
      (k) => typeof o[k] === 'string',
    ) &&
    typeof o.expiresAt === 'number' &&
    typeof o.writtenAt === 'number' &&
    (o.kind === undefined || o.kind === 'credentials' || o.kind === 'config') &&
    (o.earlier === undefined ||
      (Array.isArray(o.earlier) && o.earlier.every((h) => typeof h === 'string'))) &&
    (o.populated === undefined || o.populated === true)
  );
}

/** Reads the record; a missing or damaged record reads as empty (it only ever holds metadata). */
function parseRecord(text: string | null): WrittenProfile[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as Partial<RecordFile>;
    return Array.isArray(parsed.profiles) ? parsed.profiles.filter(isWrittenProfile) : [];
  } catch {
    return [];
  }
}

function serialise(profiles: WrittenProfile[]): string {
  const record: RecordFile = { version: 1, profiles };
  return JSON.stringify(record, null, 2) + '\n';
}

export async function readWrittenProfiles(recordPath: string): Promise<WrittenProfile[]> {
  try {
    return parseRecord(await readTextFile(recordPath));
  } catch {
    return [];
  }
}

export function sameProfile(
  a: { file: string; profileName: string; kind?: WrittenKind },
  file: string,
  name: string,
  kind: WrittenKind = 'credentials',
) {
  return (
    resolve(a.file) === resolve(file) &&
    a.profileName === name &&
    (a.kind ?? 'credentials') === kind
  );
}

/** The record's entry for a profile of `file`, if SSO Tray wrote one. */
export async function findWritten(
  recordPath: string,
  file: string,
  name: string,
  kind: WrittenKind = 'credentials',
): Promise<WrittenProfile | undefined> {
  return (await readWrittenProfiles(recordPath)).find((p) => sameProfile(p, file, name, kind));
}

// The record is replaced atomically but not flushed to disk on every write (`durable: false`):
// it is metadata, rewritten on each profile write, and a power cut that loses the last change
// only means SSO Tray treats that one profile as not its own (it will not remove it unasked).
// The credentials file itself is always flushed.
// The entry replaces the profile's earlier one, keeping that one's fingerprints as `earlier`.
export async function recordWrite(recordPath: string, entry: WrittenProfile): Promise<void> {
  await recordWrites(recordPath, [entry], []);
}

/** A profile of `file` the record is to forget. */
export interface ForgottenProfile {
  file: string;
  profileName: string;
  kind: WrittenKind;
}

const profileKey = (file: string, name: string, kind: WrittenKind | undefined) =>
  JSON.stringify([resolve(file), name, kind ?? 'credentials']);

/**
 * Records many writes and forgets many profiles in one atomic replace of the record (as
 * recordWrite and forgetWrite one by one would, for thousands of profiles at once).
 */
export async function recordWrites(
  recordPath: string,
  entries: readonly WrittenProfile[],
  forget: readonly ForgottenProfile[],
): Promise<void> {
  if (entries.length === 0 && forget.length === 0) return;
  await editFileAtomically(recordPath, (text) => updatedRecord(text, entries, forget), {
    durable: false,
  });
}

/** The record's text with `entries` recorded and `forget` forgotten. */
function updatedRecord(
  text: string | null,
  entries: readonly WrittenProfile[],
  forget: readonly ForgottenProfile[],
): string {
  const all = parseRecord(text);
  const byKey = new Map(all.map((p) => [profileKey(p.file, p.profileName, p.kind), p]));
  const gone = new Set(forget.map((f) => profileKey(f.file, f.profileName, f.kind)));
  const written = new Map<string, WrittenProfile>();
  for (const entry of entries) {
    const key = profileKey(entry.file, entry.profileName, entry.kind);
    const earlier = knownFingerprints(written.get(key) ?? byKey.get(key))
      .filter((h, i, list) => h !== entry.keyIdHash && list.indexOf(h) === i)
      .slice(0, KEPT_EARLIER);
    const next: WrittenProfile = { ...entry, ...(earlier.length > 0 ? { earlier } : {}) };
    if (earlier.length === 0) delete next.earlier;
    written.delete(key); // the newest write goes last
    written.set(key, next);
  }
  const kept = all.filter((p) => {
    const key = profileKey(p.file, p.profileName, p.kind);
    return !gone.has(key) && !written.has(key);
  });
  return serialise([...kept, ...written.values()]);
}

/** A replace of the record prepared before it is known to be wanted (beginRecording). */
export interface Recording {
  /**
   * Lets the replace finish; resolves once the new record is in place, renamed (its lock is let
   * go right after), and rejects as recordWrites would.
   */
  commit(): Promise<void>;
  /** Ends the replace without a change, unless committed; resolves once it is over; never rejects. */
  abandon(): Promise<void>;
}

/** Why a prepared replace of the record ended without a change (never seen outside). */
class Abandoned extends Error {}

/**
 * recordWrites prepared ahead: the record is locked, read, and its new version written beside it
 * at once; only the rename waits for commit. A writer of a file begins it once it holds that
 * file's lock (the order every writer takes the two locks in) and commits just before its own
 * rename, so the record's work goes on while the file is edited and flushed.
 */
export function beginRecording(
  recordPath: string,
  entries: readonly WrittenProfile[],
  forget: readonly ForgottenProfile[],
): Recording {
  let decide: (go: boolean) => void = () => undefined;
  const decided = new Promise<boolean>((r) => (decide = r));
  let renamed: () => void = () => undefined;
  const inPlace = new Promise<void>((r) => (renamed = r));
  const done =
    entries.length === 0 && forget.length === 0
      ? Promise.resolve()
      : editFileAtomically(
          recordPath,
          (text) => ({
            text: updatedRecord(text, entries, forget),
            beforeRename: async () => {
              if (!(await decided)) throw new Abandoned();
            },
            renamed,
          }),
          { durable: false },
        ).then(() => undefined);
  // its outcome is seen through commit or abandon
  done.catch(() => undefined);
  // once renamed, nothing left can fail (the lock's release and what is remembered never throw)
  const committed = Promise.race([inPlace, done]);
  committed.catch(() => undefined); // seen through commit, when it is called
  return {
    commit: () => {
      decide(true);
      return committed;
    },
    abandon: () => {
      decide(false);
      return done.catch(() => undefined);
    },
  };
}

export async function forgetWrite(
  recordPath: string,
  file: string,
  name: string,
  kind: WrittenKind = 'credentials',
): Promise<void> {
  await editFileAtomically(recordPath, (text) => {
    if (text === null) return null;
    const all = parseRecord(text);
    const kept = all.filter((p) => !sameProfile(p, file, name, kind));
    return kept.length === all.length ? null : serialise(kept);
  });
}
