// The record of written profiles (written-profiles.ts) as data: its entries, how a write or a
// removal changes them, and its file's bytes. Pure: reading and replacing the file is the caller's.
//
// The file is `JSON.stringify({ version: 1, profiles }, null, 2)` and a line break. A model made
// by SSO Tray knows where each entry's text lies in those bytes (its layout), so the next version
// is spliced from them: recording one write into a record of thousands of profiles copies the
// other entries' bytes as they are, without parsing or serialising them again. A model read from
// a file it did not make (another process wrote it, or a person) has no layout: its next version
// is serialised whole, in the same format, byte for byte.

import { resolve } from 'node:path';

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

/** A profile of `file` the record is to forget. */
export interface ForgottenProfile {
  file: string;
  profileName: string;
  kind: WrittenKind;
}

/** How many earlier fingerprints a record entry keeps. */
const KEPT_EARLIER = 3;

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

/** What identifies a profile in the record: its file (resolved), its name and which file. */
export function profileKey(file: string, name: string, kind: WrittenKind | undefined): string {
  return JSON.stringify([resolve(file), name, kind ?? 'credentials']);
}

/** Whether `a` is the profile `name` of `file` (of that kind of file). */
export function sameProfile(
  a: { file: string; profileName: string; kind?: WrittenKind },
  file: string,
  name: string,
  kind: WrittenKind = 'credentials',
): boolean {
  return profileKey(a.file, a.profileName, a.kind) === profileKey(file, name, kind);
}

// The file's layout around the entries: JSON.stringify's with an indent of 2.
const HEAD = Buffer.from('{\n  "version": 1,\n  "profiles": [\n');
const BETWEEN = Buffer.from(',\n');
const TAIL = Buffer.from('\n  ]\n}\n');
const EMPTY_FILE = Buffer.from('{\n  "version": 1,\n  "profiles": []\n}\n');
/** More parts than this are joined into one buffer rather than written as a vector. */
const MAX_PARTS = 64;

/** An entry's text as JSON.stringify indents it at its depth in the file (two levels in). */
function entryBytes(p: WrittenProfile): Buffer {
  // a JSON string holds no raw line break: every one is the layout's
  return Buffer.from(`    ${JSON.stringify(p, null, 2).replaceAll('\n', '\n    ')}`, 'utf8');
}

function freeze(p: WrittenProfile): WrittenProfile {
  if (p.earlier !== undefined) Object.freeze(p.earlier);
  return Object.freeze(p);
}

/** Where each entry's text starts and ends in the bytes of the file a model was made for. */
interface Layout {
  starts: readonly number[];
  ends: readonly number[];
}

/** A new version of the record: its model and the bytes of its file (whole or in parts). */
export interface RecordVersion {
  model: RecordModel;
  bytes: Uint8Array | Uint8Array[];
}

/**
 * The record's valid entries in order (frozen: a model may be shared by every reader of the same
 * file), each one's key, and the layout of the file it was made for, when known.
 */
export class RecordModel {
  private index: Map<string, number> | undefined;

  private constructor(
    readonly profiles: readonly WrittenProfile[],
    private readonly keys: readonly string[],
    private readonly layout: Layout | undefined,
  ) {}

  static readonly EMPTY = new RecordModel([], [], undefined);

  /** The record a file's text holds; a missing or damaged record reads as empty (metadata only). */
  static parse(text: string | null): RecordModel {
    if (!text) return RecordModel.EMPTY;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return RecordModel.EMPTY;
    }
    const list = (parsed as { profiles?: unknown } | null)?.profiles;
    if (!Array.isArray(list)) return RecordModel.EMPTY;
    const profiles = (list as unknown[]).filter(isWrittenProfile).map(freeze);
    return new RecordModel(
      profiles,
      profiles.map((p) => profileKey(p.file, p.profileName, p.kind)),
      undefined,
    );
  }

  /** The entry for a profile (the last one, should a damaged record hold several). */
  find(file: string, name: string, kind: WrittenKind = 'credentials'): WrittenProfile | undefined {
    return this.get(profileKey(file, name, kind));
  }

  private get(key: string): WrittenProfile | undefined {
    if (this.index === undefined) {
      const index = new Map<string, number>();
      this.keys.forEach((k, i) => index.set(k, i));
      this.index = index;
    }
    const at = this.index.get(key);
    return at === undefined ? undefined : this.profiles[at];
  }

  /**
   * The record with `entries` recorded and `forget` forgotten. Each entry replaces the profile's
   * entry, keeping that one's fingerprints as `earlier`, and goes last (the newest write last).
   * `bytes`: the file this model was made for, when the caller has it (then the new bytes are
   * spliced from it; otherwise, or when this model has no layout, they are made whole).
   */
  updated(
    entries: readonly WrittenProfile[],
    forget: readonly ForgottenProfile[],
    bytes?: Uint8Array,
  ): RecordVersion {
    const gone = new Set(forget.map((f) => profileKey(f.file, f.profileName, f.kind)));
    const written = new Map<string, WrittenProfile>();
    for (const entry of entries) {
      const key = profileKey(entry.file, entry.profileName, entry.kind);
      const earlier = knownFingerprints(written.get(key) ?? this.get(key))
        .filter((h, i, list) => h !== entry.keyIdHash && list.indexOf(h) === i)
        .slice(0, KEPT_EARLIER);
      const next: WrittenProfile = { ...entry, ...(earlier.length > 0 ? { earlier } : {}) };
      if (earlier.length === 0) delete next.earlier;
      written.delete(key); // the newest write goes last
      written.set(key, freeze(next));
    }
    // the bytes to splice from, when they are the file this model's layout was made for
    const layout = this.layout;
    const source =
      bytes !== undefined && layout !== undefined && fits(layout, bytes)
        ? { bytes, layout }
        : undefined;
    const profiles: WrittenProfile[] = [];
    const keys: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const parts: Uint8Array[] = [HEAD];
    let at = HEAD.length;
    const add = (part: Uint8Array) => {
      if (profiles.length > 0) {
        parts.push(BETWEEN);
        at += BETWEEN.length;
      }
      parts.push(part);
      at += part.length;
    };
    /** An entry whose text is made now. */
    const make = (p: WrittenProfile, key: string) => {
      const part = entryBytes(p);
      add(part);
      profiles.push(p);
      keys.push(key);
      starts.push(at - part.length);
      ends.push(at);
    };
    // The entries kept, in runs of neighbours copied as one part (with what lies between them).
    const n = this.profiles.length;
    const kept = (i: number) => {
      const key = this.keys[i] as string;
      return !gone.has(key) && !written.has(key);
    };
    for (let i = 0; i < n; i++) {
      if (!kept(i)) continue;
      if (source === undefined) {
        make(this.profiles[i] as WrittenProfile, this.keys[i] as string);
        continue;
      }
      let last = i;
      while (last + 1 < n && kept(last + 1)) last++;
      const from = source.layout.starts[i] as number;
      const to = source.layout.ends[last] as number;
      add(source.bytes.subarray(from, to));
      const shift = at - to;
      for (let k = i; k <= last; k++) {
        profiles.push(this.profiles[k] as WrittenProfile);
        keys.push(this.keys[k] as string);
        starts.push((source.layout.starts[k] as number) + shift);
        ends.push((source.layout.ends[k] as number) + shift);
      }
      i = last;
    }
    for (const [key, p] of written) make(p, key);
    if (profiles.length === 0) {
      return { model: new RecordModel([], [], { starts, ends }), bytes: EMPTY_FILE };
    }
    parts.push(TAIL);
    const model = new RecordModel(profiles, keys, { starts, ends });
    return { model, bytes: parts.length > MAX_PARTS ? Buffer.concat(parts) : parts };
  }
}

/** Whether `bytes` can be the file `layout` was made for (their frame matches). */
function fits(layout: Layout, bytes: Uint8Array): boolean {
  const n = layout.ends.length;
  if (n === 0) return bytes.length === EMPTY_FILE.length;
  return (
    layout.starts[0] === HEAD.length &&
    (layout.ends[n - 1] as number) + TAIL.length === bytes.length &&
    Buffer.from(bytes.buffer, bytes.byteOffset, HEAD.length).equals(HEAD)
  );
}
