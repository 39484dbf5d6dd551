// The record of profiles SSO Tray wrote into a credentials file, so it can refresh or remove
// them later and leave every other profile alone. It holds no secrets: names, where, which role,
// when, and a short hash of the access key id (to notice that someone replaced the section).
//
// Location: ~/.aws/sso-tray/written-profiles.json (0600, folder 0700). It lives beside the AWS
// files rather than in the app's data folder so the app and the `sso-tray` command share it.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { awsHome, type Env } from '../aws-paths';
import { editFileAtomically } from '../files/atomic-file';

export interface WrittenProfile {
  profileName: string;
  /** Absolute path of the credentials file it was written to. */
  file: string;
  accountId: string;
  roleName: string;
  session: string;
  /** When the written credentials expire (epoch ms). */
  expiresAt: number;
  /** When SSO Tray wrote them (epoch ms). */
  writtenAt: number;
  /** First 16 hex digits of sha256(access key id); not a secret, identifies our write. */
  keyIdHash: string;
}

interface RecordFile {
  version: 1;
  profiles: WrittenProfile[];
}

export function writtenProfilesPath(env: Env): string {
  return join(awsHome(env), '.aws', 'sso-tray', 'written-profiles.json');
}

export function keyIdHash(accessKeyId: string): string {
  return createHash('sha256').update(accessKeyId).digest('hex').slice(0, 16);
}

function isWrittenProfile(v: unknown): v is WrittenProfile {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    ['profileName', 'file', 'accountId', 'roleName', 'session', 'keyIdHash'].every(
      (k) => typeof o[k] === 'string',
    ) &&
    typeof o.expiresAt === 'number' &&
    typeof o.writtenAt === 'number'
  );
}

/** Reads the record; a missing or damaged record reads as empty (it only ever holds metadata). */
export function parseRecord(text: string | null): WrittenProfile[] {
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
    return parseRecord(await readFile(recordPath, 'utf8'));
  } catch {
    return [];
  }
}

export function sameProfile(a: { file: string; profileName: string }, file: string, name: string) {
  return resolve(a.file) === resolve(file) && a.profileName === name;
}

// The record is replaced atomically but not flushed to disk on every write (`durable: false`):
// it is metadata, rewritten on each profile write, and a power cut that loses the last change
// only means SSO Tray treats that one profile as not its own (it will not remove it unasked).
// The credentials file itself is always flushed.
export async function recordWrite(recordPath: string, entry: WrittenProfile): Promise<void> {
  await editFileAtomically(
    recordPath,
    (text) => {
      const others = parseRecord(text).filter(
        (p) => !sameProfile(p, entry.file, entry.profileName),
      );
      return serialise([...others, entry]);
    },
    { durable: false },
  );
}

export async function forgetWrite(recordPath: string, file: string, name: string): Promise<void> {
  await editFileAtomically(recordPath, (text) => {
    if (text === null) return null;
    const all = parseRecord(text);
    const kept = all.filter((p) => !sameProfile(p, file, name));
    return kept.length === all.length ? null : serialise(kept);
  });
}
