// editParsedSections (many sections in one pass) against upsertSection and removeSection one
// after another, over generated files: the same text, byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editParsedSections, type SectionEdit } from './ini-batch-edit';
import { removeSection, upsertSection } from './ini-edit';
import { normaliseHeader, parseIni, parseIniText } from './ini-parse';
import { iniTextArb } from './ini-test-files';
import { editIniFile } from './ini-file';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADERS = ['a', 'b', 'profile c', 'default', 'new 1', 'new 2'];
const lineArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('[a]', '[ b ]', '[profile c]', '[default]', '[other]') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '  '),
        fc.constantFrom('k', 'region', 'sso_session', 'x_y'),
        fc.constantFrom('=', ' = ', ': '),
        fc.constantFrom('1', 'v v', 'ünï', ''),
      )
      .map(([i, k, d, v]) => `${i}${k}${d}${v}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('# c', '; d', '', ' ', '    nested = 1') },
);
const fileArb = iniTextArb(lineArb, fc.constantFrom('\n', '\r\n'), 30);
const editArb: fc.Arbitrary<SectionEdit> = fc.oneof(
  fc.record({
    header: fc.constantFrom(...HEADERS),
    entries: fc.uniqueArray(
      fc.tuple(fc.constantFrom('k', 'region', 'sso_session', 'new'), fc.constantFrom('9', 'w')),
      { selector: ([k]) => k, maxLength: 3 },
    ),
    removeKeys: fc.subarray(['x_y', 'k']),
  }),
  fc.record({ header: fc.constantFrom(...HEADERS), remove: fc.constant(true as const) }),
);
const editsArb = fc.uniqueArray(editArb, { selector: (e) => e.header, maxLength: 6 });

/**
 * The edits one by one; `emptied` says the file was empty before the new sections went in (the
 * single upsert then writes \n, the batch keeps the line ending the file had).
 */
function oneByOne(text: string, edits: readonly SectionEdit[]): { out: string; emptied: boolean } {
  const has = new Set(parseIni(text).map((s) => s.header));
  const isNew = (e: SectionEdit) => e.remove !== true && !has.has(normaliseHeader(e.header));
  // sections that are new go last: the batch appends them after every other change
  // and removals from the end of the file up
  const at = (h: string) => parseIni(text).findIndex((x) => x.header === normaliseHeader(h));
  const ordered = [
    ...edits.filter((e) => e.remove !== true && !isNew(e)),
    ...edits.filter((e) => e.remove === true).sort((x, y) => at(y.header) - at(x.header)),
    ...edits.filter(isNew),
  ];
  let out = text;
  let emptied = false;
  for (const e of ordered) {
    // no line ending left (an emptied file, or one line): the single upsert falls back to \n
    if (isNew(e) && !/[\r\n]/.test(out)) emptied = true;
    out =
      e.remove === true
        ? removeSection(out, e.header)
        : upsertSection(out, e.header, e.entries, { removeKeys: e.removeKeys ?? [] });
  }
  return { out, emptied };
}

describe('editParsedSections', () => {
  it('gives the text upsertSection and removeSection give one after another', () => {
    fc.assert(
      fc.property(fileArb, editsArb, (text, edits) => {
        let expected: { out: string; emptied: boolean };
        try {
          expected = oneByOne(text, edits);
        } catch {
          return; // a layout the single edits refuse: nothing to compare
        }
        let got: string;
        try {
          got = editParsedSections(parseIniText(text), edits).text;
        } catch (e) {
          expect(String(e)).toMatch(/too unusual/);
          return;
        }
        // mixed line endings: new lines take the file's first one, which a removal may change
        const mixed = text.includes('\r\n') && /(^|[^\r])\n/.test(text);
        if (expected.emptied || mixed) {
          expect(got.replace(/\r\n/g, '\n')).toBe(expected.out.replace(/\r\n/g, '\n'));
        } else expect(got).toBe(expected.out);
      }),
      { numRuns: 600 },
    );
  });

  it("keeps the file's line ending for new lines when removing a section found twice", () => {
    // removing both [ b ] took the last line endings out of the text; [a]'s new key is CRLF still
    const text = '[ b ]\r\n[ b ]\r\n[a]';
    const edits: SectionEdit[] = [
      { header: 'a', entries: [['k', '9']] },
      { header: 'b', remove: true },
    ];
    expect(editParsedSections(parseIniText(text), edits).text).toBe('[a]\r\nk = 9\r\n');
    expect(editParsedSections(parseIniText(text), edits).text).toBe(oneByOne(text, edits).out);
  });

  it('refuses a section edited twice in one batch', () => {
    expect(() =>
      editParsedSections(parseIniText('[a]\n'), [
        { header: 'a', entries: [['k', '1']] },
        { header: ' a ', remove: true },
      ]),
    ).toThrow(/edited twice/);
  });

  it('refuses bad names and values before anything is written, naming no value', () => {
    expect(() =>
      editParsedSections(parseIniText(''), [
        { header: 'ok', entries: [['k', '1']] },
        { header: 'bad', entries: [['k', 'secret\nvalue']] },
      ]),
    ).toThrow(/The value of k for \[bad\]/);
  });

  it('through editIniFile: one atomic write, checked, every other byte kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-'));
    try {
      const file = join(dir, 'config');
      const before = '\ufeff# top\r\n[a]\r\nk = 1\r\n\r\n[b]\r\nk=2\r\n# about c\r\n[c]\r\nz = 3';
      writeFileSync(file, before);
      await editIniFile(file, (ini) =>
        ini.editSections([
          { header: 'b', remove: true },
          { header: 'a', entries: [['k', '5']] },
          { header: 'new', entries: [['x', 'y']] },
        ]),
      );
      expect(readFileSync(file, 'utf8')).toBe(
        '\ufeff# top\r\n[a]\r\nk = 5\r\n\r\n# about c\r\n[c]\r\nz = 3\r\n\r\n[new]\r\nx = y\r\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
