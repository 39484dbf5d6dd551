// The incremental re-reading of an edit (spliceIni) and the self-check built on it
// (othersSameAround) may only differ from the full ones in cost: the spliced text reads, line by
// line and state by state, exactly as a full parse of the new text, and the check of the
// sections around the change agrees with comparing every section. Checked on hand-made edits
// and on random edits anywhere in random files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIniText, type ParsedIni } from './ini-parse';
import { changeBytes, spliceIni } from './ini-splice';
import { othersOf, othersSameAround } from './ini-verify';

const T = 'T';

/** Replaces lines [start, end) of `text` with `insert`. */
function splice(text: string, start: number, end: number, insert: string) {
  const before = parseIniText(text);
  const after = spliceIni(before, start, end, insert);
  return { before, after };
}

/** What a full parse gives, without the record of the change. */
function withoutChange(p: ParsedIni): Omit<ParsedIni, 'change'> {
  const { change: _, ...rest } = p;
  return rest;
}

function othersSame(text: string, start: number, end: number, insert: string): boolean {
  const { after } = splice(text, start, end, insert);
  if (after.change === undefined) throw new Error('no change recorded');
  return othersSameAround(after, after.change, T);
}

describe('spliceIni', () => {
  const text = '[T]\nk=1\n[d]\na=1\n';

  it('reads an edit inside a section as a full parse does, re-reading only around it', () => {
    const { before, after } = splice(text, 1, 2, 'k=2\nnew=3\n');
    expect(after.text).toBe('[T]\nk=2\nnew=3\n[d]\na=1\n');
    expect(withoutChange(after)).toStrictEqual(parseIniText(after.text));
    expect(after.change).toMatchObject({ base: before, start: 1, oldEnd: 2, newEnd: 3 });
    // the lines outside are the very same objects
    expect(after.doc.lines[0]).toBe(before.doc.lines[0]);
    expect(after.doc.lines[3]).toBe(before.doc.lines[2]);
  });

  it('gives back the parsed text itself when the insert is what it replaces', () => {
    const before = parseIniText(text);
    expect(spliceIni(before, 1, 2, 'k=1\n')).toBe(before);
  });

  it('re-reads the lines after the edit until the parser is back in step', () => {
    // `  [d]` is a continuation of an indented key, a header after an unindented one
    const t = '[T]\nk=1\n  [d]\na=1\n[e]\nb=2\n';
    const { after } = splice(t, 1, 2, '  k=1\n');
    expect(withoutChange(after)).toStrictEqual(parseIniText(after.text));
    expect(after.doc.lines[2]?.kind).toBe('header');
    // `  [d]` and `a=1` are read again, `[e]` is read in the state it was read in before
    expect(after.change).toMatchObject({ start: 1, oldEnd: 4, newEnd: 4 });
  });

  it('parses the whole text when the edit joins lines across its ends', () => {
    const cr = '[T]\rk=1\r[d]\ra=1\r';
    // an insert starting with \n after a line ended by \r: the two form one \r\n
    const a = splice(cr, 2, 2, '\nx=1\r').after;
    expect(withoutChange(a)).toStrictEqual(parseIniText('[T]\rk=1\r\nx=1\r[d]\ra=1\r'));
    // an insert without a final line ending joins the next line
    const b = splice(text, 1, 2, 'k=2').after;
    expect(withoutChange(b)).toStrictEqual(parseIniText('[T]\nk=2[d]\na=1\n'));
    // a last line without a line ending joins what is appended
    const c = splice('[T]\nk=1', 2, 2, '[x]\n').after;
    expect(withoutChange(c)).toStrictEqual(parseIniText('[T]\nk=1[x]\n'));
    expect(c.change).toMatchObject({ start: 0, oldEnd: 2, newEnd: 2 });
  });
});

describe('othersSameAround', () => {
  const text = '[T]\nk=1\n[d]\na=1\n';

  it('passes an edit inside the target section', () => {
    expect(othersSame(text, 1, 2, 'k=2\nnew=3\n')).toBe(true);
  });

  it('refuses an edit that turns the next header into a continuation', () => {
    expect(othersSame(text, 1, 2, 'x=1\n  ')).toBe(false);
    expect(othersSame('[T]\nk=1\n  [d]\na=1\n', 1, 2, '  k=1\n')).toBe(false);
  });

  it('refuses removing a header or a line of another section', () => {
    expect(othersSame(text, 2, 3, '')).toBe(false);
    expect(othersSame(text, 3, 4, '')).toBe(false);
  });

  it('refuses new lines or headers in other sections', () => {
    expect(othersSame(text, 4, 4, 'b=2\n')).toBe(false);
    expect(othersSame(text, 2, 2, '[x]\n')).toBe(false);
    // a new [T] before a=1 takes that key out of [d]
    expect(othersSame(text, 3, 3, '[T]\n')).toBe(false);
    // a new [T] at the end leaves [d] as it was
    expect(othersSame(text, 4, 4, '\n[T]\nk=9\n')).toBe(true);
  });

  const lineArb = fc.constantFrom(
    '[T]',
    '  [T]',
    '[d]',
    '  [d]',
    '[e]',
    'k=1',
    '  k=1',
    '    k=2',
    'j = 3',
    '  cont',
    '',
    '# c',
    '  ; c',
    'odd',
    '=x',
    '\ufeff[T]',
    '\ufeffk=1',
    'k=caf\u00e9 \u{1f600}',
  );
  const eolArb = fc.constantFrom('\n', '\r\n', '\r', '');
  const linesArb = (maxLength: number) =>
    fc.array(fc.tuple(lineArb, eolArb), { maxLength }).map((ls) => ls.map(([l, e]) => l + e));
  const fileArb = linesArb(14).map((ls) => ls.join(''));
  const editArb = fc.tuple(fileArb, fc.nat(), fc.nat(4), linesArb(4));

  it('re-reads every random edit exactly as a full parse of the new text does', () => {
    fc.assert(
      fc.property(editArb, ([text, at, len, ins]) => {
        const before = parseIniText(text);
        const n = before.doc.lines.length;
        const start = at % (n + 1);
        const end = Math.min(n, start + len);
        const insert = ins.join('');
        const after = spliceIni(before, start, end, insert);
        const from = before.starts[start] ?? 0;
        const to = before.starts[end] ?? 0;
        const expected = text.slice(0, from) + insert + text.slice(to);
        expect(after.text).toBe(expected);
        expect(withoutChange(after)).toStrictEqual(parseIniText(expected));
        if (after === before) return;
        const c = after.change;
        if (c === undefined) throw new Error('no change recorded');
        expect(c).toMatchObject({ base: before, from, to, insert });
        // its bytes, spliced from the old bytes, are the new text's
        expect(changeBytes(c, Buffer.from(text, 'utf8'))).toStrictEqual(
          Buffer.from(expected, 'utf8'),
        );
        // every line outside the re-read ones is the same as before, read the same way
        const lines = after.doc.lines;
        const old = before.doc.lines;
        expect(lines.slice(0, c.start)).toStrictEqual(old.slice(0, c.start));
        expect(lines.slice(c.newEnd)).toStrictEqual(old.slice(c.oldEnd));
        // and in the same state, once the re-reading stopped before the end
        if (c.oldEnd < old.length) {
          expect(after.states.subarray(c.newEnd)).toStrictEqual(before.states.subarray(c.oldEnd));
        }
      }),
      { numRuns: 4000 },
    );
  }, 60_000);

  it('agrees with comparing every section on random edits, both ways', () => {
    let same = 0;
    let changed = 0;
    fc.assert(
      fc.property(editArb, ([text, at, len, ins]) => {
        const before = parseIniText(text);
        const n = before.doc.lines.length;
        const start = at % (n + 1);
        const after = spliceIni(before, start, Math.min(n, start + len), ins.join(''));
        if (after.change === undefined) return;
        const full = othersOf(after.text, T) === othersOf(text, T);
        expect(othersSameAround(after, after.change, T)).toBe(full);
        if (full) same++;
        else changed++;
      }),
      { numRuns: 4000 },
    );
    expect(same).toBeGreaterThan(200);
    expect(changed).toBeGreaterThan(200);
  }, 60_000);
});
