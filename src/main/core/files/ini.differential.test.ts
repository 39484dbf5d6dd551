// The fast INI implementation (one parse, self-check re-reading only around the edit) must behave
// exactly like the straightforward one it replaced (test/support/ini-reference.ts): same reading, same edits,
// same refusals, on generated files full of odd layouts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { iniTextArb } from './ini-test-files';
import * as edit from './ini-edit';
import * as parse from './ini-parse';
import * as ref from '../../../../test/support/ini-reference';

const fast = { ...parse, ...edit };

const TARGET = '123456789012_Admin';
const CREDS: Array<[string, string]> = [
  ['aws_access_key_id', 'ASIANEW'],
  ['aws_secret_access_key', 'secret/NEW+'],
  ['aws_session_token', 'token=='],
];

const eolArb = fc.constantFrom('\n', '\r\n', '\r');
const wordArb = fc.constantFrom('aws_access_key_id', 'aws_session_token', 'region', 'k', 'x_1');
const valueArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/+=:]{0,12}$/),
  fc.constantFrom('', 'a # b', ' x ; y ', '日本語', 'a\u2028b', '\u2029', 'v = w: z', ' '),
);
const indentArb = fc.constantFrom('', '', '', ' ', '  ', '\t', '    ', '\u00a0');
const lineArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        indentArb,
        fc.constantFrom(
          `[${TARGET}]`,
          `[ ${TARGET}  ]`,
          `[${TARGET}] x`,
          '[default]',
          '[dev]',
          '[ ]',
          '[]',
          '[',
          '[a]]',
          '[\u2028]',
        ),
      )
      .map(([i, h]) => i + h),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        indentArb,
        wordArb,
        fc.constantFrom('=', ' = ', ':', ' : ', '\u2028=', '=\u2028', ' =  '),
        valueArb,
        fc.constantFrom('', ' ', '\t'),
      )
      .map(([i, k, d, v, t]) => `${i}${k}${d}${v}${t}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('#', ';', '  #', '\t;'), valueArb)
      .map(([c, v]) => `${c} ${v}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '\u2028', '\u00a0') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('  continued', '    nested = 1', 'odd line', '=x', ' : y', '\ufeff'),
  },
);
const fileArb = iniTextArb(lineArb, eolArb, 30);
const anyTextArb = fc.oneof(
  { weight: 4, arbitrary: fileArb },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
);

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
function outcome(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

const entriesArb = fc.constantFrom<Array<[string, string]>>(
  CREDS,
  [['region', 'eu-west-1']],
  [
    ['Aws_Access_Key_Id', ' spaced '],
    ['new_key', ''],
  ],
);

describe('fast INI = reference INI', () => {
  it('parses every text the same way', () => {
    fc.assert(
      fc.property(anyTextArb, (text) => {
        expect(fast.parseIniDocument(text)).toStrictEqual(ref.parseIniDocument(text));
        expect(fast.parseIni(text)).toStrictEqual(ref.parseIni(text));
        expect(fast.readSection(text, TARGET)).toStrictEqual(ref.readSection(text, TARGET));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('upserts every text the same way, refusals included', () => {
    fc.assert(
      fc.property(
        anyTextArb,
        fc.constantFrom(TARGET, 'dev', 'new one'),
        entriesArb,
        fc.constantFrom<edit.UpsertOptions>(
          { style: 'compact', removeKeys: ['aws_security_token', 'region'] },
          {},
        ),
        (text, header, entries, options) => {
          expect(outcome(() => fast.upsertSection(text, header, entries, options))).toStrictEqual(
            outcome(() => ref.upsertSection(text, header, entries, options)),
          );
        },
      ),
      { numRuns: 4000 },
    );
  }, 60_000);

  it('upserts a parsed text twice like upsertSection twice, refusals included', () => {
    const opts = { style: 'compact' as const, removeKeys: ['aws_security_token'] };
    fc.assert(
      fc.property(
        fileArb,
        fc.constantFrom(TARGET, 'dev', 'new one'),
        fc.constantFrom(TARGET, 'dev', 'default'),
        entriesArb,
        entriesArb,
        (text, h1, h2, e1, e2) => {
          const chained = () =>
            fast.upsertParsed(
              fast.upsertParsed(fast.parseIniText(text), h1, e1, opts),
              h2,
              e2,
              opts,
            ).text;
          const reference = () =>
            ref.upsertSection(ref.upsertSection(text, h1, e1, opts), h2, e2, opts);
          expect(outcome(chained)).toStrictEqual(outcome(reference));
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('lets a second upsert change nothing after one that changed the text', () => {
    const text = `[dev]\nregion = eu-west-1\n\n[${TARGET}]\naws_access_key_id = OLD\n`;
    const once = fast.upsertParsed(fast.parseIniText(text), TARGET, CREDS);
    const twice = fast.upsertParsed(once, 'dev', [['region', 'eu-west-1']]);
    expect(twice).toBe(once);
    expect(twice.text).toBe(ref.upsertSection(text, TARGET, CREDS));
  });

  it('removes sections the same way, refusals included', () => {
    fc.assert(
      fc.property(anyTextArb, fc.constantFrom(TARGET, 'dev'), (text, header) => {
        expect(outcome(() => fast.removeSection(text, header))).toStrictEqual(
          outcome(() => ref.removeSection(text, header)),
        );
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('reads and edits a parsed text like the text functions do', () => {
    fc.assert(
      fc.property(fileArb, (text) => {
        const parsed = fast.parseIniText(text);
        expect(fast.readParsedSection(parsed, TARGET)).toStrictEqual(ref.readSection(text, TARGET));
        const opts = { style: 'compact' as const, removeKeys: ['aws_security_token'] };
        expect(outcome(() => fast.upsertParsedSection(parsed, TARGET, CREDS, opts))).toStrictEqual(
          outcome(() => ref.upsertSection(text, TARGET, CREDS, opts)),
        );
        // the edited text comes back parsed exactly as a new parse of it reads
        let edited: ReturnType<typeof fast.parseIniText> | undefined;
        try {
          edited = fast.upsertParsed(parsed, TARGET, CREDS, opts);
        } catch {
          edited = undefined; // refused: compared with the reference above
        }
        if (edited) {
          const { change: _, ...read } = edited;
          expect(read).toStrictEqual(fast.parseIniText(edited.text));
        }
        // the parsed text is not changed by an edit: it can be edited again
        expect(fast.serialiseIni(parsed.doc)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
