// The incremental self-check (reparseAround) may only vouch for an edit when the full check
// would: the edited text then reads, line by line, exactly as a full parse reads it, and every
// section other than the target reads as before. Checked on hand-made bad edits and on random
// edits anywhere in random files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIni, parseIniDocument, parseIniText, serialiseIni, type IniLine } from './ini-parse';
import { reparseAround } from './ini-verify';

const T = 'T';

function line(text: string, eol = '\n'): IniLine {
  // the reading of a new line does not matter to the check: it re-reads new lines itself
  return { text, eol, kind: 'other' };
}

/** The edited line list `build` describes: numbers keep that old line, IniLines are new. */
function edit(
  text: string,
  build: (lines: readonly IniLine[]) => Array<IniLine | number>,
): { out: IniLine[]; origin: number[] } {
  const doc = parseIniDocument(text);
  const out: IniLine[] = [];
  const origin: number[] = [];
  for (const x of build(doc.lines)) {
    if (typeof x === 'number') {
      out.push(doc.lines[x] as IniLine);
      origin.push(x);
    } else {
      out.push(x);
      origin.push(-1);
    }
  }
  return { out, origin };
}

function check(text: string, build: (lines: readonly IniLine[]) => Array<IniLine | number>) {
  const { out, origin } = edit(text, build);
  return reparseAround(parseIniText(text), out, origin, T, false);
}

describe('reparseAround', () => {
  const text = '[T]\nk=1\n[d]\na=1\n';

  it('vouches for an edit inside the target section, with the full reading', () => {
    const r = check(text, () => [0, line('k=2'), line('new=3'), 2, 3]);
    expect(r).toStrictEqual(parseIniDocument('[T]\nk=2\nnew=3\n[d]\na=1\n').lines);
  });

  it('refuses an inserted line that turns the next header into a continuation', () => {
    expect(check(text, () => [0, 1, line('x=1'), line('  [d]'), 3])).toBeUndefined();
    // the same header kept, but the target's key now indented less: `  [d]` continues it
    const t2 = '[T]\n  k=1\n  [d]\na=1\n';
    expect(check(t2, () => [0, line('k=1'), 2, 3])).toBeUndefined();
  });

  it('refuses removing a header or a line of another section', () => {
    expect(check(text, () => [0, 1, 3])).toBeUndefined();
    expect(check(text, () => [0, 1, 2])).toBeUndefined();
  });

  it('refuses new lines outside the target section and new headers', () => {
    expect(check(text, () => [0, 1, 2, 3, line('b=2')])).toBeUndefined();
    expect(check(text, () => [line('b=2'), 0, 1, 2, 3])).toBeUndefined();
    expect(check(text, () => [0, 1, line('[x]'), 2, 3])).toBeUndefined();
  });

  it('refuses an edit whose text would split into other lines', () => {
    const cr = '[T]\rk=1\r[d]\ra=1\r';
    // 'k=1\r' followed by an empty '\n' line reads back as one 'k=1\r\n' line
    expect(check(cr, () => [0, 1, line('', '\n'), 2, 3])).toBeUndefined();
    expect(check(text, () => [0, line('k=1', ''), 2, 3])).toBeUndefined();
    expect(check(text, () => [0, line('k=1\nz=2'), 2, 3])).toBeUndefined();
  });

  it('accepts a new [T] header only after every old line (an appended section)', () => {
    const { out, origin } = edit(text, () => [0, 1, 2, 3, line(''), line('[T]'), line('k=9')]);
    expect(reparseAround(parseIniText(text), out, origin, T, true)).toBeDefined();
    // inserted before `a=1`, it would take that key out of [d]
    const moved = edit(text, () => [0, 1, 2, line('[T]'), 3]);
    expect(reparseAround(parseIniText(text), moved.out, moved.origin, T, true)).toBeUndefined();
  });

  it('refuses kept lines out of order', () => {
    expect(check('[T]\nk=1\nj=2\n[d]\n', () => [0, 2, 1, 3])).toBeUndefined();
  });

  const lineArb = fc.constantFrom(
    '[T]',
    '  [T]',
    '[d]',
    '  [d]',
    'k=1',
    '  k=1',
    '    k=2',
    '  cont',
    '',
    '# c',
    '  ; c',
    'odd',
    '=x',
    '\ufeff[T]',
  );
  const eolArb = fc.constantFrom('\n', '\r\n', '\r', '');
  const fileArb = fc
    .array(fc.tuple(lineArb, eolArb), { maxLength: 14 })
    .map((ls) => ls.map(([l, e]) => l + (e || '\n')).join(''));
  type Op =
    | { op: 'keep' }
    | { op: 'drop' }
    | { op: 'eol'; eol: string }
    | { op: 'replace' | 'insert'; text: string; eol: string };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Op>({ op: 'keep' }) },
    { weight: 1, arbitrary: fc.constant<Op>({ op: 'drop' }) },
    { weight: 1, arbitrary: eolArb.map((eol): Op => ({ op: 'eol', eol })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('replace', 'insert') as fc.Arbitrary<'replace' | 'insert'>,
          lineArb,
          eolArb,
        )
        .map(([op, text, eol]): Op => ({ op, text, eol })),
    },
  );

  it('whenever it vouches for a random edit, the full parse agrees', () => {
    let vouched = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fileArb,
        fc.array(opArb, { minLength: 20, maxLength: 20 }),
        fc.array(fc.tuple(lineArb, eolArb), { maxLength: 2 }),
        fc.boolean(),
        (text, ops, tail, newHeader) => {
          const doc = parseIniDocument(text);
          const out: IniLine[] = [];
          const origin: number[] = [];
          doc.lines.forEach((l, i) => {
            const o = ops[i] ?? { op: 'keep' };
            if (o.op === 'keep') {
              out.push(l);
              origin.push(i);
            } else if (o.op === 'eol') {
              out.push({ ...l, eol: o.eol });
              origin.push(i);
            } else if (o.op === 'replace') {
              out.push(line(o.text, o.eol));
              origin.push(-1);
            } else if (o.op === 'insert') {
              out.push(line(o.text, o.eol), l);
              origin.push(-1, i);
            }
          });
          for (const [t, e] of tail) {
            out.push(line(t, e));
            origin.push(-1);
          }
          const states = new Int32Array(out.length + 1);
          const r = reparseAround(parseIniText(text), out, origin, T, newHeader, states);
          if (r === undefined) {
            refused++;
            return;
          }
          vouched++;
          const result = serialiseIni({ lines: out });
          expect(r).toStrictEqual(parseIniDocument(result).lines);
          // the states it reports are the ones a full parse of the new text finds
          expect(states).toStrictEqual(parseIniText(result).states);
          const others = (s: string) => parseIni(s).filter((x) => x.header !== T);
          expect(others(result)).toStrictEqual(others(text));
        },
      ),
      { numRuns: 3000 },
    );
    // both outcomes are exercised
    expect(vouched).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  }, 60_000);
});
