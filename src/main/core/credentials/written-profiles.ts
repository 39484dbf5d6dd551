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
import { join } from 'node:path';
import { awsHome, type Env } from '../aws-paths';
import {
  editFileContent,
  readFileOrMemo,
  type FileContent,
  type NewContent,
} from '../files/atomic-file';
import {
  RecordModel,
  type ForgottenProfile,
  type WrittenKind,
  type WrittenProfile,
} from './record-model';

export type { ForgottenProfile, WrittenKind, WrittenProfile } from './record-model';
export { knownFingerprints, sameProfile } from './record-model';

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

// The record last parsed, with its text: the same text is not parsed again (an edit of the
// record reads what the lookup just before it read). What this process wrote itself is known
// without reading it: its model is the memo of the write (NewContent.memo).
let lastParsed: { text: string; model: RecordModel } | undefined;

function parsed(text: string | null): RecordModel {
  if (!text) return RecordModel.EMPTY;
  if (lastParsed?.text === text) return lastParsed.model;
  const model = RecordModel.parse(text);
  lastParsed = { text, model };
  return model;
}

/** The record a read of its file found: the model this process wrote there, or its text parsed. */
function modelFrom(memo: object | undefined, text: () => string | null): RecordModel {
  return memo instanceof RecordModel ? memo : parsed(text());
}

/** The record in a file as an edit of it sees it. */
function modelOf(file: FileContent | null): RecordModel {
  return file === null ? RecordModel.EMPTY : modelFrom(file.memo, () => file.text());
}

async function readModel(recordPath: string): Promise<RecordModel> {
  try {
    const read = await readFileOrMemo(recordPath);
    return modelFrom(read.memo, () => read.text ?? null);
  } catch {
    return RecordModel.EMPTY;
  }
}

export async function readWrittenProfiles(recordPath: string): Promise<WrittenProfile[]> {
  return [...(await readModel(recordPath)).profiles];
}

/** The record's entry for a profile of `file`, if SSO Tray wrote one. */
export async function findWritten(
  recordPath: string,
  file: string,
  name: string,
  kind: WrittenKind = 'credentials',
): Promise<WrittenProfile | undefined> {
  return (await readModel(recordPath)).find(file, name, kind);
}

// The record is replaced atomically but not flushed to disk on every write (`durable: false`):
// it is metadata, rewritten on each profile write, and a power cut that loses the last change
// only means SSO Tray treats that one profile as not its own (it will not remove it unasked).
// The credentials file itself is always flushed.
// The entry replaces the profile's earlier one, keeping that one's fingerprints as `earlier`.
export async function recordWrite(recordPath: string, entry: WrittenProfile): Promise<void> {
  await recordWrites(recordPath, [entry], []);
}

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
  await editFileContent(recordPath, (file) => updatedRecord(file, entries, forget), {
    durable: false,
  });
}

/**
 * The record with `entries` recorded and `forget` forgotten, as a new content whose memo is its
 * model (the next edit or lookup in this process then starts from it).
 */
function updatedRecord(
  file: FileContent | null,
  entries: readonly WrittenProfile[],
  forget: readonly ForgottenProfile[],
): NewContent {
  const { model, bytes } = modelOf(file).updated(entries, forget, file?.bytes);
  return { bytes, memo: model };
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
      : editFileContent(
          recordPath,
          (file) => ({
            ...updatedRecord(file, entries, forget),
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
  await editFileContent(recordPath, (content) =>
    modelOf(content).find(file, name, kind) === undefined
      ? null
      : updatedRecord(content, [], [{ file, profileName: name, kind }]),
  );
}
