// The checks behind every INI edit (see ini-edit.ts): a text the AWS tools cannot read is not
// edited, and an edit must leave every section other than its target reading exactly as before.
// reparseAround proves that cheaply, re-reading only the lines around the change; othersOf is
// the full comparison it falls back to.
import { SsoTrayError } from '../errors';
import {
  BEFORE_SECTIONS,
  classifyLine,
  parseIni,
  parseIniText,
  type IniLine,
  type ParseCursor,
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
  if (i === -1) return;
  const line = doc.lines[i];
  const what = line?.text.trim().startsWith('[')
    ? 'a section header without its closing ]'
    : 'neither a [section] header nor a key = value line';
  throw new SsoTrayError(
    'FILE',
    `Line ${i + 1} of ${fileName} is ${what}, so the AWS CLI and SDKs cannot read the file; ` +
      'fix that line by hand. Nothing was changed.',
  );
}

export function unsafe(header: string): SsoTrayError {
  return new SsoTrayError(
    'FILE',
    `The layout around [${header}] is too unusual to edit safely (check indented lines); edit it by hand.`,
  );
}

function sameReading(a: IniLine, b: IniLine): boolean {
  return a.kind === b.kind && a.header === b.header && a.key === b.key && a.value === b.value;
}

/** The header of the section line `i` belongs to (undefined before the first header). */
function headerAbove(lines: readonly IniLine[], i: number): string | undefined {
  for (let j = i; j >= 0; j--) {
    const l = lines[j];
    if (l?.kind === 'header') return l.header;
  }
  return undefined;
}

/**
 * The cheap form of the self-check "every section other than [want] reads exactly as before":
 * proves it by re-parsing only the changed lines and the lines after them until the parser is
 * back in the state it had there before the edit (from then on the text, and so the reading, is
 * the same). `out` is the edited line list; `origin[i]` is the index of the old line whose text
 * out[i] repeats (its line ending may differ), -1 for a new or changed line.
 *
 * What it proves: the text of `out` splits back into exactly these lines; every old line kept
 * reads the same (same kind, header, key, value); every line removed was a non-header line of a
 * [want] section; every new or changed line is inside a [want] section, is a new [want] header
 * after every old line (`newHeader`: the appended section), or is a blank line right before that
 * new header (trailing blank lines are not part of a value). Then the other sections have the same lines read the same way, so the same
 * values. Returns the reading of every line of `out`, or undefined when it cannot prove it (the
 * caller then runs the full check, so a refusal here never changes the outcome).
 * When `statesOut` (length out.length + 1) is given, it is filled with the parse state before each
 * line of `out` and after the last, as parseIniText would give them, so the caller can go on from
 * the edited text without parsing it again. Exported for its tests.
 */
export function reparseAround(
  parsed: ParsedIni,
  out: readonly IniLine[],
  origin: ArrayLike<number>,
  want: string,
  newHeader: boolean,
  statesOut?: Int32Array,
): IniLine[] | undefined {
  const old = parsed.doc.lines;
  const states = parsed.states;
  const n = out.length;
  // 1. serialise → split gives these lines back; kept lines stay in their order.
  let lastOrigin = -1;
  for (let i = 0; i < n; i++) {
    const o = origin[i] ?? -1;
    if (o >= 0) {
      if (o <= lastOrigin || o >= old.length) return undefined;
      lastOrigin = o;
    }
    const l = out[i] as IniLine;
    const next = out[i + 1];
    if (next === undefined) {
      if (l.text === '' && l.eol === '') return undefined;
    } else if (l.eol === '' || (l.eol === '\r' && next.text === '' && next.eol === '\n')) {
      return undefined;
    }
    if (o < 0 && /[\r\n]/.test(l.text)) return undefined;
  }
  // 2. Re-read the lines around each change; skip runs of untouched lines once in step.
  const untouched = (i: number): boolean => {
    const o = origin[i] ?? -1;
    if (o < 0 || out[i] !== old[o]) return false;
    return i === 0 ? o === 0 : (origin[i - 1] ?? -1) === o - 1 && o > 0;
  };
  const lines = out.slice();
  const kept = new Uint8Array(old.length);
  const cursor: ParseCursor = { state: BEFORE_SECTIONS };
  for (let i = 0; i < n;) {
    const o = origin[i] ?? -1;
    if (o >= 0) kept[o] = 1;
    const l = out[i] as IniLine;
    if (o >= 0 && l === old[o] && states[o] === cursor.state && (i === 0) === (o === 0)) {
      let j = i + 1;
      while (j < n && untouched(j)) {
        kept[origin[j] as number] = 1;
        j++;
      }
      // the lines i..j-1 are old lines o.. in a row, read from the same state: the same states
      if (statesOut) statesOut.set(states.subarray(o, o + (j - i)), i);
      cursor.state = states[(origin[j - 1] as number) + 1] as number;
      i = j;
      continue;
    }
    if (statesOut) statesOut[i] = cursor.state;
    const line = classifyLine(l.text, l.eol, i === 0, cursor);
    const before = o >= 0 ? old[o] : undefined;
    if (before !== undefined && before.text === l.text) {
      if (!sameReading(line, before)) return undefined;
    } else if (line.kind === 'header') {
      // a new header only as the appended [want] section: no old line may follow it (it would
      // move into that section)
      if (!newHeader || line.header !== want) return undefined;
      for (let j = i + 1; j < n; j++) if ((origin[j] ?? -1) >= 0) return undefined;
    }
    lines[i] = line;
    i++;
  }
  if (statesOut) statesOut[n] = cursor.state;
  // 3. Removed lines: non-header lines of [want] sections.
  for (let k = 0; k < old.length; k++) {
    if (kept[k]) continue;
    const l = old[k] as IniLine;
    if (l.kind === 'header' || headerAbove(old, k) !== want) return undefined;
  }
  // 4. New or changed lines: inside a [want] section (or a blank line before the new header).
  for (let i = 0; i < n; i++) {
    const o = origin[i] ?? -1;
    const l = lines[i] as IniLine;
    if (o >= 0 && (old[o] as IniLine).text === l.text) continue;
    if (l.kind === 'header') continue; // checked above: only the new [want] header gets here
    const next = lines[i + 1];
    const beforeNewHeader =
      newHeader &&
      l.kind === 'blank' &&
      next?.kind === 'header' &&
      next.header === want &&
      (origin[i + 1] ?? -1) < 0;
    if (!beforeNewHeader && headerAbove(lines, i) !== want) return undefined;
  }
  return lines;
}
