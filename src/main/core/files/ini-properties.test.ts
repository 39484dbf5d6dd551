// Properties of the INI editor on random files (the examples: ini.test.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDS, iniTextArb } from './ini-test-files';
import { removeSection, upsertSection } from './ini-edit';
import { parseIni, parseIniDocument, readSection, serialiseIni } from './ini-parse';

// ---- property-based tests over generated credentials files ----

const TARGET = '123456789012_Admin';
const eolArb = fc.constantFrom('\n', '\r\n');
const wordArb = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const valueArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/+=]{0,20}$/),
  fc.constantFrom('ünïcödé ✓', 'a # b', 'x ; y', '日本語'),
);
const headerArb = fc.oneof(
  fc.constant(`[${TARGET}]`),
  fc.constant(`[ ${TARGET} ]`),
  fc.constant(`[${TARGET}] `),
  fc.constantFrom(
    '[default]',
    '[dev]',
    '[profile ünï]',
    '[other_1]',
    '[ spaced  name ]',
    '  [dev]',
  ),
);
const lineArb = fc.oneof(
  { weight: 3, arbitrary: headerArb },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '  '),
        wordArb,
        fc.constantFrom('=', ' = ', ' =  ', ': ', '='),
        valueArb,
        fc.constantFrom('', ' ', '\t'),
      )
      .map(([ind, k, d, v, trail]) => `${ind}${k}${d}${v}${trail}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('AWS_ACCESS_KEY_ID = old', 'aws_session_token=old', 'aws_security_token=x')
      .map((s) => s),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('#', ';', '  #'), valueArb).map(([c, v]) => `${c} ${v}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('    nested = 1', '  continued', 'odd line', 'ünïcode') },
);
const fileArb = iniTextArb(lineArb, eolArb, 40);

/** The text of every line outside the target sections (what must stay byte-identical). */
function outside(text: string): string {
  const doc = parseIniDocument(text);
  return doc.blocks
    .filter((b) => b.header !== TARGET)
    .map((b) => serialiseIni({ lines: doc.lines.slice(b.start, b.end) }))
    .join('');
}

function others(text: string): unknown {
  return parseIni(text).filter((s) => s.header !== TARGET);
}

function hasTarget(text: string): boolean {
  return parseIni(text).some((s) => s.header === TARGET);
}

// Property tests run hundreds of generated files each: seconds on a loaded machine.
describe('INI properties', { timeout: 60_000 }, () => {
  it('serialise(parse(text)) is the identity', () => {
    fc.assert(
      fc.property(fc.oneof(fileArb, fc.string({ unit: 'binary' })), (text) => {
        expect(serialiseIni(parseIniDocument(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('upsert changes only the target section and the target then holds the new values', () => {
    fc.assert(
      fc.property(fileArb, (text) => {
        let out: string;
        try {
          out = upsertSection(text, TARGET, CREDS, {
            style: 'compact',
            removeKeys: ['aws_security_token'],
          });
        } catch (e) {
          // refusing is allowed only for the rare layouts the self-check rejects
          expect(String(e)).toMatch(/too unusual/);
          return;
        }
        expect(readSection(out, TARGET)).toMatchObject(Object.fromEntries(CREDS));
        expect(readSection(out, TARGET)).not.toHaveProperty('aws_security_token');
        expect(others(out)).toEqual(others(text));
        expect(serialiseIni(parseIniDocument(out))).toBe(out);
        if (hasTarget(text)) {
          expect(outside(out)).toBe(outside(text));
          expect(out.startsWith('\ufeff')).toBe(text.startsWith('\ufeff'));
        } else {
          const eol = parseIniDocument(text).eol;
          const block = [`[${TARGET}]`, ...CREDS.map(([k, v]) => `${k}=${v}`)].join(eol) + eol;
          expect(out.endsWith(block)).toBe(true);
          const prefix = out.slice(0, out.length - block.length);
          expect(prefix.startsWith(text)).toBe(true);
          expect(['', eol, eol + eol]).toContain(prefix.slice(text.length));
        }
        // idempotent
        expect(
          upsertSection(out, TARGET, CREDS, {
            style: 'compact',
            removeKeys: ['aws_security_token'],
          }),
        ).toBe(out);
      }),
      { numRuns: 1000 },
    );
  });

  it('remove drops every target section and keeps everything else', () => {
    fc.assert(
      fc.property(fileArb, (text) => {
        let out: string;
        try {
          out = removeSection(text, TARGET);
        } catch (e) {
          expect(String(e)).toMatch(/too unusual/);
          return;
        }
        expect(hasTarget(out)).toBe(false);
        expect(others(out)).toEqual(others(text));
        const noComments = (t: string): string => {
          const d = parseIniDocument(t.replace(/^\ufeff/, ''));
          return serialiseIni({ lines: d.lines.filter((l) => l.kind !== 'comment') });
        };
        expect(noComments(out)).toBe(noComments(outside(text)));
        expect(out.startsWith('\ufeff')).toBe(text.startsWith('\ufeff'));
        if (!hasTarget(text)) expect(out).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
