import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { checkIniEdit, editIniFile, otherSectionChanged, type IniExpectation } from './ini-file';
import { parseIni, parseIniText } from './ini-parse';
import { spliceIni } from './ini-splice';
import { isSsoTrayError } from '../errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ini-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const expect1 = (set: Record<string, string>, absent: string[] = []): IniExpectation => ({
  removed: false,
  set: new Map(Object.entries(set)),
  absent: new Set(absent),
});

describe('checkIniEdit: the whole new text, read with the project\u2019s own reader', () => {
  const before = parseIniText('# mine\n[a]\nk = 1\n\n[b]\nx = 2\n');
  const check = (after: string, expected: Map<string, IniExpectation>) => () =>
    checkIniEdit(before, parseIniText(after), expected, '/f');
  const refused = (f: () => void, pattern: RegExp) => {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect((err as Error).message).toMatch(pattern);
  };

  it('passes an edit that did what it promised and nothing else', () => {
    expect(
      check('# mine\n[a]\nk = 9\n\n[b]\nx = 2\n', new Map([['a', expect1({ k: '9' })]])),
    ).not.toThrow();
    const removed = new Map([['a', { removed: true, set: new Map(), absent: new Set<string>() }]]);
    expect(check('# mine\n[b]\nx = 2\n', removed)).not.toThrow();
  });

  it('refuses a text with a line the AWS tools cannot read', () => {
    refused(
      check('# mine\n[a]\nk = 9\n\n[b]\nx = 2\njunk\n', new Map([['a', expect1({ k: '9' })]])),
      /Line 7 of \/f/,
    );
    // A U+2028 inside a line is read as Python reads it (part of the value), so the written
    // value does not read back: refused too.
    refused(
      check('# mine\n[a]\nk = 9\u2028x\n\n[b]\nx = 2\n', new Map([['a', expect1({ k: '9' })]])),
      /would not read back as intended \(around \[a\]\)/,
    );
  });

  it('refuses when the section does not read back with the values written', () => {
    refused(
      check('# mine\n[a]\nk = 8\n\n[b]\nx = 2\n', new Map([['a', expect1({ k: '9' })]])),
      /\[a\]/,
    );
    refused(
      check(
        '# mine\n[a]\nk = 9\nold = 1\n\n[b]\nx = 2\n',
        new Map([['a', expect1({ k: '9' }, ['old'])]]),
      ),
      /\[a\]/,
    );
    refused(check('# mine\n[b]\nx = 2\n', new Map([['a', expect1({ k: '9' })]])), /\[a\]/);
    const removed = new Map([['a', { removed: true, set: new Map(), absent: new Set<string>() }]]);
    refused(check('# mine\n[a]\nk = 1\n\n[b]\nx = 2\n', removed), /\[a\]/);
  });

  it('refuses when another section reads differently, appeared or went away', () => {
    const a9 = new Map([['a', expect1({ k: '9' })]]);
    refused(check('# mine\n[a]\nk = 9\n\n[b]\nx = 3\n', a9), /\[b\]/);
    refused(check('# mine\n[a]\nk = 9\n\n[b]\nx = 2\n  more\n', a9), /\[b\]/);
    refused(check('# mine\n[a]\nk = 9\n', a9), /\[b\]/);
    refused(check('# mine\n[a]\nk = 9\n\n[b]\nx = 2\n[c]\n', a9), /\[c\]/);
  });
});

describe('otherSectionChanged, the cheap comparison of the sections not edited', () => {
  // Lines that make the parser's state matter: headers (also indented, so that they can turn
  // into continuations), keys at several indents, continuations, comments, odd lines.
  const lineArb = fc.constantFrom(
    '[a]',
    '[b]',
    '[c]',
    '  [b]',
    '[=1',
    'k = 1',
    'k = 2',
    'j: x',
    '  k = 1',
    '    deep',
    '  more',
    '',
    '   ',
    '# note',
    'odd line',
  );
  const textArb = fc
    .array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n')), { maxLength: 25 })
    .map((ls) => ls.map(([l, e]) => l + e).join(''));
  const editArb = fc.array(
    fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'eol'), lineArb),
    { minLength: 1, maxLength: 3 },
  );
  const apply = (text: string, edits: Array<[number, string, string]>): string => {
    const lines = text.split(/(?<=\n)/);
    for (const [at, op, line] of edits) {
      const i = lines.length === 0 ? 0 : at % (lines.length + 1);
      if (op === 'insert') lines.splice(i, 0, `${line}\n`);
      else if (op === 'delete') lines.splice(i, 1);
      else if (op === 'replace') lines.splice(i, 1, `${line}\n`);
      else if (lines[i] !== undefined) lines[i] = (lines[i] ?? '').replace(/\r?\n$/, '');
    }
    return lines.join('');
  };
  /** Every section's merged reading, without the skipped headers (the reference). */
  const readings = (text: string, skip: ReadonlySet<string>) => {
    const out: Record<string, Record<string, string>> = {};
    for (const s of parseIni(text)) {
      if (!skip.has(s.header)) out[s.header] = { ...out[s.header], ...s.values };
    }
    return out;
  };
  const none = { removed: false, set: new Map<string, string>(), absent: new Set<string>() };

  it('agrees with reading every section of both texts', () => {
    fc.assert(
      fc.property(textArb, editArb, fc.subarray(['a', 'b', 'c']), (before, edits, skipped) => {
        const after = apply(before, edits);
        const skip = new Set(skipped);
        const expected = new Map(skipped.map((h) => [h, none]));
        const found = otherSectionChanged(parseIniText(before), parseIniText(after), expected);
        // key order within a section does not matter, only the values
        const sameValues = (() => {
          const x = readings(before, skip);
          const y = readings(after, skip);
          const hx = Object.keys(x).sort();
          const hy = Object.keys(y).sort();
          if (hx.join() !== hy.join()) return false;
          return hx.every((h) => {
            const a = x[h] ?? {};
            const b = y[h] ?? {};
            const ka = Object.keys(a).sort();
            return ka.join() === Object.keys(b).sort().join() && ka.every((k) => a[k] === b[k]);
          });
        })();
        expect(found === undefined, `${JSON.stringify(before)} -> ${JSON.stringify(after)}`).toBe(
          sameValues,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with reading every section of both texts for a spliced edit too', () => {
    const insertArb = fc
      .array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n', '')), { maxLength: 3 })
      .map((ls) => ls.map(([l, e]) => l + e).join(''));
    let changed = 0;
    fc.assert(
      fc.property(
        textArb,
        fc.nat(),
        fc.nat(3),
        insertArb,
        fc.subarray(['a', 'b', 'c']),
        (text, at, len, insert, skipped) => {
          const before = parseIniText(text);
          const n = before.doc.lines.length;
          const start = at % (n + 1);
          const after = spliceIni(before, start, Math.min(n, start + len), insert);
          const skip = new Set(skipped);
          const expected = new Map(skipped.map((h) => [h, none]));
          const found = otherSectionChanged(before, after, expected);
          const x = readings(text, skip);
          const y = readings(after.text, skip);
          const same =
            Object.keys(x).sort().join() === Object.keys(y).sort().join() &&
            Object.keys(x).every((h) => {
              const a = x[h] ?? {};
              const b = y[h] ?? {};
              const ka = Object.keys(a).sort();
              return ka.join() === Object.keys(b).sort().join() && ka.every((k) => a[k] === b[k]);
            });
          expect(found === undefined).toBe(same);
          if (!same) changed++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(changed).toBeGreaterThan(200);
  });
});

describe('editIniFile', () => {
  it('writes nothing when the writer changes nothing, and creates no file', async () => {
    const path = join(dir, 'config');
    const r = await editIniFile(path, (ini) => {
      expect(ini.existed).toBe(false);
      expect(ini.read('a')).toBeUndefined();
    });
    expect(r.changed).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('runs several edits, then beforeReplace while locked and before the rename', async () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[keep]\nx = 1\n[gone]\ny = 2\n');
    let seenAtHook: string | undefined;
    await editIniFile(
      path,
      async (ini) => {
        ini.upsert('a', [['k', '1']]);
        await new Promise((r) => setTimeout(r, 5));
        ini.upsert('a', [
          ['k', '2'],
          ['j', '3'],
        ]);
        ini.remove('gone');
      },
      {
        beforeReplace: async (ini) => {
          seenAtHook = readFileSync(path, 'utf8');
          expect(readdirSync(dir)).toContain('config.lock');
          expect(ini.read('a')).toEqual({ k: '2', j: '3' });
        },
      },
    );
    expect(seenAtHook).toBe('[keep]\nx = 1\n[gone]\ny = 2\n');
    expect(readFileSync(path, 'utf8')).toBe('[keep]\nx = 1\n[a]\nk = 2\nj = 3\n');
  });

  it('refuses a forbidden character before anything is written; the file stays byte-identical', async () => {
    const path = join(dir, 'config');
    const before = '# mine\r\n[sso-session a]\r\nsso_region = us-east-1\r\n';
    writeFileSync(path, before);
    for (const [header, value] of [
      ['sso-session b', 'https://x.awsapps.com/start\u2028'],
      ['sso-session b\u0000', 'https://x.awsapps.com/start'],
      ['sso-session b', 'https://x.awsapps.com/\u0085start'],
    ] as const) {
      const err = await editIniFile(path, (ini) =>
        ini.upsert(header, [['sso_start_url', value]]),
      ).catch((e: unknown) => e);
      expect(isSsoTrayError(err, 'INVALID_INPUT')).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(before);
      expect(readdirSync(dir)).toEqual(['config']);
    }
    // and the next normal edit works
    await editIniFile(path, (ini) => ini.upsert('sso-session b', [['sso_region', 'eu-west-1']]));
    expect(readFileSync(path, 'utf8')).toBe(
      `${before}\r\n[sso-session b]\r\nsso_region = eu-west-1\r\n`,
    );
  });

  it('refuses a text the AWS tools cannot read before calling the writer', async () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[a]\nk = 1\n[b\n');
    let called = false;
    const err = await editIniFile(path, () => {
      called = true;
    }).catch((e: unknown) => e);
    expect(isSsoTrayError(err, 'FILE')).toBe(true);
    expect((err as Error).message).toMatch(/Line 3 of/);
    expect(called).toBe(false);
  });
});

describe('every writer of an AWS INI file goes through editIniFile', () => {
  it('no core module but the INI file editor and the JSON record writes files through atomic-file', async () => {
    const core = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) files.push(p);
      }
    };
    walk(core);
    const users: string[] = [];
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      if (/from '[./]*(files\/)?atomic-file'/.test(text)) users.push(relative(core, f));
      // the INI editing functions are only called through editIniFile
      if (
        /\b(upsertSection|upsertParsedSection|removeSection|editParsedSections)\(/.test(text) &&
        /from '\.\.?\/(files\/)?ini-(batch-)?edit'/.test(text)
      ) {
        expect(['files/ini-batch-edit.ts', 'files/ini-edit.ts', 'files/ini-file.ts']).toContain(
          relative(core, f),
        );
      }
    }
    expect(users.sort()).toEqual(['credentials/written-profiles.ts', 'files/ini-file.ts']);
  });
});
