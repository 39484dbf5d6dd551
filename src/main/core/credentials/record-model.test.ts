// The record of written profiles as data: its file is JSON.stringify's, byte for byte, whether a
// new version is spliced from the bytes before it or made whole.
import { describe, expect, it } from 'vitest';
import { RecordModel, type WrittenProfile } from './record-model';

const FILE = '/home/u/.aws/credentials';
const entry = (i: number, extra: Partial<WrittenProfile> = {}): WrittenProfile => ({
  profileName: `${100000000000 + i}_Admin`,
  file: FILE,
  accountId: String(100000000000 + i),
  roleName: 'Admin',
  session: 'emu',
  expiresAt: 1_900_000_000_000 + i,
  writtenAt: 1_800_000_000_000 + i,
  keyIdHash: `hash${i}`,
  ...extra,
});
/** What the record's file must hold for these entries. */
const fileOf = (profiles: readonly WrittenProfile[]) =>
  JSON.stringify({ version: 1, profiles }, null, 2) + '\n';
const joined = (bytes: Uint8Array | Uint8Array[]) =>
  Buffer.concat(Array.isArray(bytes) ? bytes : [bytes]);

describe('RecordModel', () => {
  it('makes the file JSON.stringify makes, also from a record with no layout (parsed)', () => {
    const profiles = [
      entry(1),
      entry(2, { kind: 'config', populated: true }),
      entry(3, { earlier: ['a', 'b'] }),
      entry(4, { file: '/home/ü/.aws/credentials', profileName: 'prøfile' }),
    ];
    const parsed = RecordModel.parse(fileOf(profiles));
    expect(parsed.profiles).toEqual(profiles);
    const { bytes } = parsed.updated([], []);
    expect(joined(bytes).toString('utf8')).toBe(fileOf(profiles));
    expect(joined(RecordModel.EMPTY.updated([], []).bytes).toString()).toBe(fileOf([]));
  });

  it('splices each new version from the bytes of the one before, as if made whole', () => {
    let model = RecordModel.EMPTY;
    let bytes = joined(model.updated([], []).bytes);
    // a seeded sequence of writes (new and rewritten profiles) and removals, one or several at once
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647; // Park and Miller's generator
      return Math.floor((seed / 2147483647) * n);
    };
    let spliced = 0;
    for (let step = 0; step < 300; step++) {
      const writes = Array.from({ length: next(3) }, () =>
        entry(next(40), { keyIdHash: `h${step}`, ...(next(4) === 0 && { populated: true }) }),
      );
      const forget = Array.from({ length: next(4) === 0 ? 1 + next(3) : 0 }, () => ({
        file: FILE,
        profileName: `${100000000000 + next(40)}_Admin`,
        kind: 'credentials' as const,
      }));
      const v = model.updated(writes, forget, bytes);
      // spliced: the entries kept are the bytes given, not made again
      if (Array.isArray(v.bytes) && v.bytes.some((part) => part.buffer === bytes.buffer)) {
        spliced++;
      }
      model = v.model;
      bytes = joined(v.bytes);
      expect(bytes.toString('utf8')).toBe(fileOf(model.profiles));
      // and the parsed file is the same record
      expect(RecordModel.parse(bytes.toString('utf8')).profiles).toEqual(model.profiles);
    }
    expect(model.profiles.length).toBeGreaterThan(10);
    expect(spliced).toBeGreaterThan(250);
  });

  it('records a write last, keeping the fingerprints of the ones before it', () => {
    const start = RecordModel.parse(fileOf([entry(1), entry(2)]));
    const once = start.updated([entry(1, { keyIdHash: 'new' })], []).model;
    expect(once.profiles.map((p) => p.profileName)).toEqual([
      entry(2).profileName,
      entry(1).profileName,
    ]);
    expect(once.find(FILE, entry(1).profileName)).toMatchObject({
      keyIdHash: 'new',
      earlier: ['hash1'],
    });
    const later = once.updated(
      [1, 2, 3, 4].map((k) => entry(1, { keyIdHash: `k${k}` })),
      [],
    ).model;
    expect(later.find(FILE, entry(1).profileName)?.earlier).toEqual(['k3', 'k2', 'k1']);
    // a profile of another file, or of the config file, is another profile
    expect(later.find('/elsewhere', entry(1).profileName)).toBeUndefined();
    expect(later.find(FILE, entry(1).profileName, 'config')).toBeUndefined();
  });

  it('makes the file whole when the bytes given are not the ones its layout was made for', () => {
    const v = RecordModel.EMPTY.updated([entry(1), entry(2)], []);
    const bytes = joined(v.bytes);
    // someone rewrote the file compactly (the caller would not hand these bytes with this model,
    // but if it did, the splice must not cut them at the wrong places)
    const compact = Buffer.from(JSON.stringify({ version: 1, profiles: v.model.profiles }));
    const out = v.model.updated([entry(3)], [], compact);
    expect(joined(out.bytes).toString()).toBe(fileOf([entry(1), entry(2), entry(3)]));
    expect(joined(v.model.updated([entry(3)], [], bytes).bytes).toString()).toBe(
      fileOf([entry(1), entry(2), entry(3)]),
    );
  });

  it('reads a damaged record as what is valid in it, and garbage as empty', () => {
    const text = JSON.stringify({
      version: 1,
      profiles: [entry(1), { profileName: 'half' }, entry(2, { kind: 'other' as 'config' }), 5],
    });
    expect(RecordModel.parse(text).profiles).toEqual([entry(1)]);
    for (const bad of ['', 'not json', 'null', '[]', '{"profiles": 3}']) {
      expect(RecordModel.parse(bad).profiles).toEqual([]);
    }
  });

  it('shares its entries frozen: nobody can change a record others read', () => {
    const model = RecordModel.parse(fileOf([entry(1, { earlier: ['a'] })]));
    const p = model.profiles[0] as WrittenProfile;
    expect(() => {
      p.keyIdHash = 'x';
    }).toThrow(TypeError);
    expect(() => p.earlier?.push('b')).toThrow(TypeError);
  });
});
