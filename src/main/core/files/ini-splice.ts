// Re-reading an INI text after one run of its lines was replaced, without parsing it all again.
// An edit of one section of a big file (a profile written into a credentials file of thousands)
// changes a few lines; the lines before them read as they did (the parser only looks back through
// its state), and so do the lines after them from the first one the parser reaches in the state
// it had there before. spliceIni re-classifies only the lines in between and reuses the rest, and
// records what it changed (IniChange) so that the checks of the edit (ini-verify.ts) compare only
// the sections around it. A test checks that its result equals a full parse of the new text.
import {
  blocksOf,
  classifyLine,
  parseIniText,
  type IniChange,
  type IniLine,
  type ParseCursor,
  type ParsedIni,
} from './ini-parse';

/** The line ending that ends text at `end` (text[end] is \r or \n). */
function eolAt(text: string, end: number): string {
  if (text.charCodeAt(end) === 10) return '\n';
  return text.charCodeAt(end + 1) === 10 ? '\r\n' : '\r';
}

/** `insert` split into lines, as parseIniText splits a text (the last one may lack its eol). */
function splitLines(insert: string): Array<{ text: string; eol: string; at: number }> {
  const out: Array<{ text: string; eol: string; at: number }> = [];
  let pos = 0;
  while (pos < insert.length) {
    let end = pos;
    while (end < insert.length) {
      const c = insert.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const eol = end < insert.length ? eolAt(insert, end) : '';
    out.push({ text: insert.slice(pos, end), eol, at: pos });
    pos = end + eol.length;
  }
  return out;
}

/**
 * Whether base.text with [from, to) replaced by `insert` splits into base's lines before `start`,
 * then insert's lines, then base's lines from `end` on: the insert ends with a line ending (or
 * reaches the end of the text) and no \r\n forms across either seam.
 */
function keepsLineSplit(parsed: ParsedIni, start: number, end: number, insert: string): boolean {
  const { text, doc } = parsed;
  const from = parsed.starts[start] ?? 0;
  const to = parsed.starts[end] ?? text.length;
  const lastOld = doc.lines[start - 1];
  if (lastOld !== undefined && lastOld.eol === '' && insert !== '') return false;
  const firstAfter = insert !== '' ? insert.charCodeAt(0) : text.charCodeAt(to);
  if (from > 0 && text.charCodeAt(from - 1) === 13 && firstAfter === 10) return false;
  if (insert === '' || to === text.length) return true;
  const last = insert.charCodeAt(insert.length - 1);
  if (last === 10) return true;
  return last === 13 && text.charCodeAt(to) !== 10;
}

/**
 * The text of `parsed` with its lines [start, end) replaced by `insert` (whole lines, each with its
 * line ending), parsed: equal to parseIniText of the new text, with `change` saying what changed.
 * Returns `parsed` itself when `insert` is the text it replaces. The input is left as it was.
 */
export function spliceIni(
  parsed: ParsedIni,
  start: number,
  end: number,
  insert: string,
): ParsedIni {
  const { text, doc, states, starts } = parsed;
  const old = doc.lines;
  const from = starts[start] ?? 0;
  const to = starts[end] ?? text.length;
  if (text.slice(from, to) === insert) return parsed;
  const newText = text.slice(0, from) + insert + text.slice(to);
  if (!keepsLineSplit(parsed, start, end, insert)) {
    const full = parseIniText(newText);
    const change = {
      base: parsed,
      from,
      to,
      insert,
      start: 0,
      oldEnd: old.length,
      newEnd: full.doc.lines.length,
    };
    return { ...full, change };
  }
  const delta = insert.length - (to - from);
  const cursor: ParseCursor = { state: states[start] ?? 0 };
  const mid: IniLine[] = [];
  const midStates: number[] = [];
  const midStarts: number[] = [];
  for (const l of splitLines(insert)) {
    midStates.push(cursor.state);
    midStarts.push(from + l.at);
    mid.push(classifyLine(l.text, l.eol, start + mid.length === 0, cursor));
  }
  // the old lines after the insert, re-read until the parser is in step with the old reading
  let k = end;
  for (; k < old.length; k++) {
    const i = start + mid.length;
    if (states[k] === cursor.state && (i === 0) === (k === 0)) break;
    const l = old[k] as IniLine;
    midStates.push(cursor.state);
    midStarts.push((starts[k] ?? 0) + delta);
    mid.push(classifyLine(l.text, l.eol, i === 0, cursor));
  }
  const newEnd = start + mid.length;
  const lines = old.slice(0, start).concat(mid, old.slice(k));
  const n = lines.length;
  const newStates = new Int32Array(n + 1);
  newStates.set(states.subarray(0, start));
  newStates.set(midStates, start);
  if (k < old.length) newStates.set(states.subarray(k), newEnd);
  else newStates[n] = cursor.state;
  const newStarts = new Int32Array(n + 1);
  newStarts.set(starts.subarray(0, start));
  newStarts.set(midStarts, start);
  for (let j = k, i = newEnd; j <= old.length; j++, i++) newStarts[i] = (starts[j] ?? 0) + delta;
  let eol = '';
  for (const l of lines) {
    if (l.eol !== '') {
      eol = l.eol;
      break;
    }
  }
  return {
    text: newText,
    doc: { lines, blocks: blocksOf(lines), eol: eol === '\r\n' ? '\r\n' : '\n' },
    states: newStates,
    starts: newStarts,
    change: { base: parsed, from, to, insert, start, oldEnd: k, newEnd },
  };
}

/**
 * The UTF-8 bytes of a spliced text, made from `baseBytes` (the bytes base.text was decoded
 * from): the bytes before and after the change are copied and only the insert is encoded, which
 * saves building and encoding the whole new text.
 */
export function changeBytes(change: IniChange, baseBytes: Uint8Array): Buffer {
  const { base, from, to, insert } = change;
  const text = base.text;
  // the UTF-8 of a text is as long as the text only when it is all ASCII: then offsets agree
  const ascii = baseBytes.length === text.length;
  const byteFrom = ascii ? from : Buffer.byteLength(text.slice(0, from), 'utf8');
  const byteTo = ascii ? to : byteFrom + Buffer.byteLength(text.slice(from, to), 'utf8');
  return Buffer.concat([
    baseBytes.subarray(0, byteFrom),
    Buffer.from(insert, 'utf8'),
    baseBytes.subarray(byteTo),
  ]);
}
