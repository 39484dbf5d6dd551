// The checks behind every INI edit (see ini-edit.ts): a text the AWS tools cannot read is not
// edited, and an edit must leave every section other than its target reading exactly as before.
// For an edit made by spliceIni, othersSameAround proves that cheaply, comparing only the sections
// around the change; othersOf is the full comparison.
import { SsoTrayError } from '../errors';
import {
  parseIni,
  parseIniText,
  sectionValues,
  type IniBlock,
  type IniChange,
  type ParsedIni,
} from './ini-parse';

/** The reading of every section but `header`, as one comparable string. */
export function othersOf(text: string, header: string): string {
  return JSON.stringify(parseIni(text).filter((s) => s.header !== header));
}

/**
 * The writers of the AWS files call this before an edit: the editor itself stays lossless for
 * any text, but SSO Tray refuses to edit a text the AWS tools cannot read: botocore's parser rejects the whole file for
 * a line that is neither a section header, a key line, a comment nor a continuation (an
 * unterminated `[header`, a key without `=`, a key before the first section), so a profile
 * written into it would never be used. The message names the line, never its text (a mangled
 * key line may hold a secret).
 */
export function assertReadableByAwsTools(text: string | ParsedIni, fileName = 'the file'): void {
  const { doc } = typeof text === 'string' ? parseIniText(text) : text;
  const i = doc.lines.findIndex((l) => l.kind === 'other');
  if (i !== -1) throw unreadableError(i, doc.lines[i]?.text ?? '', fileName);
}

/** The error for line `index` (0-based), of text `line`, that the AWS tools cannot read. */
export function unreadableError(index: number, line: string, fileName: string): SsoTrayError {
  const what = line.trim().startsWith('[')
    ? 'a section header without its closing ]'
    : 'neither a [section] header nor a key = value line';
  return new SsoTrayError(
    'FILE',
    `Line ${index + 1} of ${fileName} is ${what}, so the AWS CLI and SDKs cannot read the file; ` +
      'fix that line by hand. Nothing was changed.',
  );
}

export function unsafe(header: string): SsoTrayError {
  return new SsoTrayError(
    'FILE',
    `The layout around [${header}] is too unusual to edit safely (check indented lines); edit it by hand.`,
  );
}

/** The blocks whose lines meet the lines [lo, hi). */
function blocksMeeting(blocks: readonly IniBlock[], lo: number, hi: number): IniBlock[] {
  return blocks.filter((b) => b.start < hi && b.end > lo);
}

/**
 * For a text `after` made by spliceIni (`change` is after.change): the blocks of its base and of it that hold a re-read line or the
 * line just above them (a block there may have gained or lost lines at its end), in file order.
 * Every other block of the two texts is the same (same header, same lines read the same way, in
 * the same order), so comparing sections needs only these.
 */
export function blocksAround(
  after: ParsedIni,
  change: IniChange,
): { before: IniBlock[]; after: IniBlock[] } {
  const { base, start, oldEnd, newEnd } = change;
  const lo = Math.max(0, start - 1);
  return {
    before: blocksMeeting(base.doc.blocks, lo, oldEnd),
    after: blocksMeeting(after.doc.blocks, lo, newEnd),
  };
}

/** Whether two readings have the same keys in the same order, with the same values. */
function sameOrderedValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/**
 * othersOf(after.text, want) === othersOf(change.base.text, want) for a text made by spliceIni, found by
 * comparing only the blocks around the change: the sections other than [want], block by block.
 */
export function othersSameAround(after: ParsedIni, change: IniChange, want: string): boolean {
  const around = blocksAround(after, change);
  const others = (parsed: ParsedIni, blocks: readonly IniBlock[]) =>
    blocks
      .filter((b) => b.header !== undefined && b.header !== want)
      .map((b) => ({
        header: b.header,
        values: sectionValues(parsed.doc, b),
      }));
  const was = others(change.base, around.before);
  const is = others(after, around.after);
  return (
    was.length === is.length &&
    was.every((w, i) => {
      const x = is[i];
      return x !== undefined && w.header === x.header && sameOrderedValues(w.values, x.values);
    })
  );
}
