// The edit of one section through a window of the file (editIniSection, ini-window.ts, the scan
// in ini-scan.ts) must be the edit editIniFile makes on the whole text: same bytes written, same
// refusals, on generated files full of odd layouts and on hand-picked ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iniTextArb } from './ini-test-files';
import { parseIniText } from './ini-parse';
import { isSpace, scanIni } from './ini-scan';
import { openWindow, scanAfterEdit, windowBounds } from './ini-window';
import { editIniFile, editIniSection } from './ini-file';
import type { UpsertOptions } from './ini-edit';

const TARGET = '123456789012_Admin';
const headerArb = fc.constantFrom(
  `[${TARGET}]`,
  `[ ${TARGET}  ]`,
  `[${TARGET}] x`,
  `[profile ${TARGET}]`,
  '[default]',
  '[dev]',
  '[profile dev]',
  '[ profile   dev ]',
  '[ ]',
  '[]',
  '[',
  '[a]]',
  '[\u2028]',
  '[日本]',
);
const indentArb = fc.constantFrom('', '', '', '', ' ', '  ', '\t', '\u00a0', '\ufeff', '\u3000');
const valueArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/+=:]{0,12}$/),
  fc.constantFrom('', 'a # b', ' x ; y ', '日本語', 'a\u2028b', '\u2029', 'v = w: z', ' ', '[x]'),
);
const lineArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(indentArb, headerArb).map(([i, h]) => i + h) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        indentArb,
        fc.constantFrom('aws_access_key_id', 'aws_session_token', 'aws_security_token', 'region'),
        fc.constantFrom('=', ' = ', ':', ' : ', '\u2028=', ' =  '),
        valueArb,
        fc.constantFrom('', ' ', '\t'),
      )
      .map(([i, k, d, v, t]) => `${i}${k}${d}${v}${t}`),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('#', ';', '  #', '\t;'), valueArb).map(([c, v]) => c + v),
  },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '\u2028', '\u00a0', '\ufeff') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('  continued', '    nested = 1', 'odd line', '=x', ' : y', '\ufeff'),
  },
);
const eolArb = fc.constantFrom('\n', '\r\n', '\r');
const fileArb = iniTextArb(lineArb, eolArb, 40);
/** Files of many sections in a row, most of them readable, so windows are a small part of them. */
const readableArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.constantFrom('# top', '', '; about'), { maxLength: 2 }),
    fc.array(
      fc.tuple(
        indentArb,
        headerArb.filter((h) => !['[ ]', '[]', '[', '[\u2028]'].includes(h)),
        fc.array(
          fc.constantFrom(
            'k=v',
            '  more',
            '# note',
            '',
            'region = x',
            '\tdeep = 1',
            'aws_security_token=t',
          ),
          { maxLength: 4 },
        ),
      ),
      { maxLength: 14 },
    ),
    fc.array(eolArb, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([bom, top, sections, eols, finalEol]) => {
    const lines = [...top, ...sections.flatMap(([i, h, body]) => [i + h, ...body])];
    const text = lines.map((l, k) => l + (eols[k % eols.length] ?? '\n')).join('');
    return (bom ? '\ufeff' : '') + (finalEol ? text : text.replace(/(\r\n|\r|\n)$/, ''));
  });

/** The UTF-8 byte offset of the character offset `at` of `text`. */
const byteOffset = (text: string, at: number) => Buffer.byteLength(text.slice(0, at), 'utf8');

describe('scanIni', () => {
  it('sees whitespace as \\s and trim() do, for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('finds the header lines, the first unreadable line and the line ending parseIniText finds', () => {
    fc.assert(
      fc.property(fc.oneof(fileArb, readableArb, fc.string({ unit: 'binary' })), (generated) => {
        // a file holds UTF-8: the text is what its bytes decode to (a lone surrogate cannot be
        // encoded, it becomes U+FFFD), and the scan's offsets are byte offsets
        const bytes = Buffer.from(generated, 'utf8');
        const text = bytes.toString('utf8');
        const parsed = parseIniText(text);
        const scan = scanIni(bytes);
        const blocks = parsed.doc.blocks.filter((b) => b.header !== undefined);
        expect(scan.headers).toEqual(blocks.map((b) => b.header));
        expect(scan.starts).toEqual(
          blocks.map((b) => byteOffset(text, parsed.starts[b.start] ?? -1)),
        );
        expect(scan.clean).toEqual(scan.starts.map((s) => bytes[s] === 0x5b));
        const other = parsed.doc.lines.findIndex((l) => l.kind === 'other');
        expect(scan.unreadable).toEqual(
          other === -1 ? undefined : { line: other, text: parsed.doc.lines[other]?.text },
        );
        expect(scan.eol).toBe(parsed.doc.eol);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});

describe('the window around a section', () => {
  it('reads as the same lines in the whole text, and holds every section of that name', () => {
    fc.assert(
      fc.property(readableArb, fc.constantFrom(TARGET, 'dev', 'profile dev', 'new'), (text, h) => {
        const whole = parseIniText(text);
        if (whole.doc.lines.some((l) => l.kind === 'other')) return;
        const bytes = Buffer.from(text, 'utf8');
        const { start, end } = windowBounds(scanIni(bytes), bytes.length, h);
        const w = openWindow(bytes, h, 'f').parsed;
        const starts = whole.starts.map((s) => byteOffset(text, s));
        const first = starts.indexOf(start);
        expect(first).not.toBe(-1);
        const lines = whole.doc.lines.filter(
          (_, i) => (starts[i] ?? 0) >= start && (starts[i] ?? 0) < end,
        );
        expect(w.doc.lines).toEqual(lines);
        expect(w.doc.eol).toBe(whole.doc.eol);
        const count = (p: typeof w) => p.doc.blocks.filter((b) => b.header === h).length;
        expect(count(w)).toBe(count(whole));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});

describe('the scan after an edit of the window', () => {
  it('is the scan of the new bytes whenever it is made, and is made for most edits', () => {
    let made = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        readableArb,
        fc.constantFrom(TARGET, 'dev', 'profile dev', 'new'),
        fc.oneof(readableArb, fileArb),
        fc.constantFrom('', '[dev]\n', '[x]\r\n', '  [y]\n', '[\n'),
        (text, h, replacement, head) => {
          const bytes = Buffer.from(text, 'utf8');
          const before = scanIni(bytes);
          if (before.unreadable !== undefined) return;
          runs++;
          const { start, end } = openWindow(bytes, h, 'f');
          const inner = Buffer.from(head + replacement, 'utf8');
          const after = Buffer.concat([bytes.subarray(0, start), inner, bytes.subarray(end)]);
          const scan = scanAfterEdit(before, start, end, inner);
          if (scan === undefined) return;
          made++;
          expect(scan).toEqual(scanIni(after));
        },
      ),
      { numRuns: 3000 },
    );
    expect(made).toBeGreaterThan(runs / 4);
  }, 60_000);
});

describe('editIniSection = editIniFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sso-tray-ini-window-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Op =
    { op: 'upsert'; entries: Array<[string, string]>; options: UpsertOptions } | { op: 'remove' };
  const entriesArb = fc.constantFrom<Array<[string, string]>>(
    [
      ['aws_access_key_id', 'ASIANEW'],
      ['aws_secret_access_key', 'secret/NEW+'],
      ['aws_session_token', 'token=='],
    ],
    [['region', 'eu-west-1']],
    [
      ['Aws_Access_Key_Id', ' spaced '],
      ['new_key', ''],
    ],
    [['region', '日本']],
    [['bad', 'a\nb']],
  );
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constant('upsert' as const),
      entries: entriesArb,
      options: fc.constantFrom<UpsertOptions>(
        { style: 'compact', removeKeys: ['aws_security_token'] },
        { removeKeys: ['region'] },
        {},
      ),
    }),
    fc.constant({ op: 'remove' as const }),
  );

  /** The bytes of the file after the edit (null: no file), or the error's message. */
  async function run(text: string | null, header: string, op: Op, windowed: boolean) {
    const file = join(dir, 'credentials');
    rmSync(file, { force: true });
    if (text !== null) writeFileSync(file, text);
    try {
      if (windowed) {
        await editIniSection(file, header, (s) => {
          if (op.op === 'upsert') s.upsert(op.entries, op.options);
          else s.remove();
        });
      } else {
        await editIniFile(file, (ini) => {
          if (op.op === 'upsert') ini.upsert(header, op.entries, op.options);
          else ini.remove(header);
        });
      }
      return existsSync(file) ? readFileSync(file).toString('hex') : null;
    } catch (e) {
      return `error: ${String(e)}`;
    }
  }

  const upsertArgs = (op: Op): [Array<[string, string]>, UpsertOptions] =>
    op.op === 'upsert' ? [op.entries, op.options] : [[], {}];

  const same = async (text: string | null, header: string, op: Op) => {
    expect(await run(text, header, op, true)).toBe(await run(text, header, op, false));
  };

  it('writes the same bytes and refuses the same texts, on random files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 1, arbitrary: fileArb }, { weight: 4, arbitrary: readableArb }),
        fc.constantFrom(TARGET, 'dev', 'profile dev', 'default', 'new one', ' dev '),
        opArb,
        same,
      ),
      { numRuns: 500 },
    );
  }, 120_000);

  it('does so on files of megabytes, edited one after another and two at once', async () => {
    // big enough for the writer's pooled read buffers (file-io.ts): a buffer used again must
    // never mix one edit's bytes with another's
    const profiles = (n: number, eol: string, extra: string) =>
      Array.from(
        { length: n },
        (_, i) =>
          `[${100000000000 + i}_Admin]${eol}aws_access_key_id=ASIA${i}${extra}${eol}` +
          `aws_session_token=${'t'.repeat(900)}${eol}`,
      ).join(eol);
    const texts = [
      profiles(700, '\n', ''),
      profiles(650, '\r\n', ' # é'),
      `\ufeff# 日本\n${profiles(800, '\n', '')}`,
    ];
    const ops = (k: number): Op => ({
      op: 'upsert',
      entries: [
        ['aws_access_key_id', `ASIANEW${k}`],
        ['aws_session_token', `${k}`.repeat(50)],
      ],
      options: { style: 'compact', removeKeys: ['aws_security_token'] },
    });
    for (const [k, text] of texts.entries()) {
      for (const header of ['100000000350_Admin', 'new one']) await same(text, header, ops(k));
    }
    // two files of the same process at once, then each again
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, texts[0] ?? '');
    writeFileSync(b, texts[1] ?? '');
    const upsert = (path: string, header: string, k: number) =>
      editIniSection(path, header, (s) => s.upsert(...upsertArgs(ops(k))));
    await Promise.all([upsert(a, '100000000010_Admin', 1), upsert(b, '100000000600_Admin', 2)]);
    await Promise.all([upsert(a, '100000000690_Admin', 3), upsert(b, '100000000011_Admin', 4)]);
    // from the third write of a file on, the edit starts from what the process wrote last
    await Promise.all([upsert(a, '100000000100_Admin', 5), upsert(b, '100000000200_Admin', 6)]);
    await Promise.all([upsert(a, '100000000690_Admin', 7), upsert(b, 'new one', 8)]);
    const expected = async (text: string, edits: Array<[string, number]>) => {
      const path = join(dir, 'expected');
      writeFileSync(path, text);
      for (const [header, k] of edits) {
        await editIniFile(path, (ini) => ini.upsert(header, ...upsertArgs(ops(k))));
      }
      return readFileSync(path);
    };
    expect(
      readFileSync(a).equals(
        await expected(texts[0] ?? '', [
          ['100000000010_Admin', 1],
          ['100000000690_Admin', 3],
          ['100000000100_Admin', 5],
          ['100000000690_Admin', 7],
        ]),
      ),
    ).toBe(true);
    expect(
      readFileSync(b).equals(
        await expected(texts[1] ?? '', [
          ['100000000600_Admin', 2],
          ['100000000011_Admin', 4],
          ['100000000200_Admin', 6],
          ['new one', 8],
        ]),
      ),
    ).toBe(true);
  }, 60_000);

  it('does so edit after edit of one file, each edit starting from the scan the last one left', async () => {
    const a = join(dir, 'sequence-a');
    const b = join(dir, 'sequence-b');
    await fc.assert(
      fc.asyncProperty(
        readableArb,
        fc.array(
          fc.tuple(fc.constantFrom(TARGET, 'dev', 'profile dev', 'default', 'new one'), opArb),
          { minLength: 2, maxLength: 6 },
        ),
        async (text, edits) => {
          writeFileSync(a, text);
          writeFileSync(b, text);
          for (const [header, op] of edits) {
            const windowed = await editIniSection(a, header, (s) => {
              if (op.op === 'upsert') s.upsert(op.entries, op.options);
              else s.remove();
            }).then(
              () => readFileSync(a).toString('hex'),
              (e: unknown) => `error: ${String(e)}`,
            );
            const whole = await editIniFile(b, (ini) => {
              if (op.op === 'upsert') ini.upsert(header, op.entries, op.options);
              else ini.remove(header);
            }).then(
              () => readFileSync(b).toString('hex'),
              (e: unknown) => `error: ${String(e)}`,
            );
            expect(windowed.replaceAll(a, 'FILE')).toBe(whole.replaceAll(b, 'FILE'));
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('does so on hand-picked layouts', async () => {
    const creds: Op = {
      op: 'upsert',
      entries: [
        ['aws_access_key_id', 'ASIANEW'],
        ['aws_session_token', 'tok'],
      ],
      options: { style: 'compact', removeKeys: ['aws_security_token'] },
    };
    const texts = [
      null,
      '',
      '\ufeff',
      '\ufeff[dev]\r\nk=v',
      `[a]\nk=v\n[${TARGET}]\naws_access_key_id=OLD\n[b]\nk=v\n`,
      `[a]\r\nk=v\r\n[${TARGET}]\r\naws_access_key_id=OLD\r\n[b]\nk=v`,
      `[a]\rk=v\r[${TARGET}]\raws_security_token=X\r[b]\rk=v\r`,
      `[${TARGET}]\nregion=x\n[a]\nk=v\n[${TARGET}]\naws_access_key_id=OLD\n`,
      `[a]\nk = v\n  [${TARGET}]\n[b]\nk=v\n`,
      `[a]\nk = v\n\ufeff[${TARGET}]\nx=1\n[b]\nk=v\n`,
      `# head\n\n[x]\nk=v\n# about the target\n[${TARGET}]\n\n# trailing\n`,
      `[a]\n  k = v\n [${TARGET}]\n  aws_access_key_id = OLD\n[b]\n`,
      `[a]\nk=v\n[ ${TARGET} ]\nregion = é\n[b]\nk=日本\n`,
      `[a]\nk=v\n[b]\nk=v`,
      `[a]\nk=v\nodd line\n[${TARGET}]\n`,
    ];
    for (const text of texts) {
      for (const op of [creds, { op: 'remove' } as const]) await same(text, TARGET, op);
    }
  }, 60_000);
});
