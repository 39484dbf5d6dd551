// One line of an AWS INI file, classified as botocore's configparser reads it (see ini-parse.ts
// for the rules), given the parser's state before it: the one place that decides what a line is.
// parseIniText (ini-parse.ts) and the re-reading after an edit (ini-splice.ts) classify with it;
// the scan of a whole file for its sections (ini-scan.ts) follows the same rules without building
// the lines, and a test holds the two to each other.

export type IniLineKind = 'header' | 'key' | 'continuation' | 'comment' | 'blank' | 'other';

export interface IniLine {
  /** The line's text without its line ending (a leading BOM stays in the first line's text). */
  text: string;
  /** '\r\n', '\n', '\r' or '' (last line without a line ending). */
  eol: string;
  kind: IniLineKind;
  /** For 'header' lines: the normalised header. */
  header?: string;
  /** For 'key' lines: the key (trimmed, lower-cased). */
  key?: string;
  /** For 'key' and 'continuation' lines: the trimmed value text on this line. */
  value?: string;
}

export const BOM = '\ufeff';

export function normaliseHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ');
}

/**
 * configparser's state between lines, as one number: 0 = before any section, 1 = in a section
 * with no key that a continuation line could extend, 2 + n = after a key line indented n. Two
 * equal states classify the same following text the same way (the indent of the last key only
 * matters while there is a key to continue), which is what lets an edit re-parse only around
 * the lines it changed.
 */
export type ParseState = number;
export const BEFORE_SECTIONS: ParseState = 0;
const NO_KEY: ParseState = 1;

// `s`: like Python's `.`, which matches U+2028 and U+2029 (only \n is excluded, and lines have none).
const KV_FALLBACK = /^(.*?)\s*[=:]\s*(.*)$/s;
export const LINE_SEPARATORS = /[\u2028\u2029]/;

/** The index of the first non-whitespace character (`\s` as in a RegExp), 0 when there is none. */
function indentOf(text: string): number {
  const c = text.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return 0; // printable ASCII: not whitespace
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

/** The parser's position between lines: the state before a line, then the one after it. */
export interface ParseCursor {
  state: ParseState;
}

/**
 * Classifies one line's text (without its line ending) given the state before it in
 * `cursor.state`, and leaves the state after it there (one object for the whole parse rather
 * than one per line). `first` says it is the file's first line (which may hold a BOM);
 * `separators` false promises the text holds no U+2028/U+2029.
 */
export function classifyLine(
  text: string,
  eol: string,
  first: boolean,
  cursor: ParseCursor,
  separators = true,
): IniLine {
  const state = cursor.state;
  const body = first && text.startsWith(BOM) ? text.slice(1) : text;
  const stripped = body.trim();
  if (stripped === '') return { text, eol, kind: 'blank' };
  const c = stripped.charCodeAt(0);
  if (c === 0x23 /* # */ || c === 0x3b /* ; */) return { text, eol, kind: 'comment' };
  const indent = indentOf(body);
  if (state >= 2 && indent > state - 2) {
    return { text, eol, kind: 'continuation', value: stripped };
  }
  if (c === 0x5b /* [ */) {
    const close = stripped.lastIndexOf(']');
    if (close > 1) {
      cursor.state = NO_KEY;
      return { text, eol, kind: 'header', header: normaliseHeader(stripped.slice(1, close)) };
    }
  }
  // `key = value` / `key: value`, split at the first `=` or `:` (configparser's
  // /^(.*?)\s*[=:]\s*(.*)$/). Without U+2028/U+2029 in the line (the only characters `.` does
  // not match here) that is a plain split; with them, the regex decides.
  let key = '';
  let value = '';
  let isKv = false;
  if (separators && LINE_SEPARATORS.test(stripped)) {
    const kv = KV_FALLBACK.exec(stripped);
    if (kv) {
      isKv = true;
      key = kv[1]?.trim().toLowerCase() ?? '';
      value = (kv[2] ?? '').trim();
    }
  } else {
    // the first `:` is looked for only before the first `=` (values are long, keys short)
    const eq = stripped.indexOf('=');
    let at = eq;
    if (eq === -1) at = stripped.indexOf(':');
    else {
      for (let j = 0; j < eq; j++) {
        if (stripped.charCodeAt(j) === 0x3a /* : */) {
          at = j;
          break;
        }
      }
    }
    if (at !== -1) {
      isKv = true;
      key = stripped.slice(0, at).trim().toLowerCase();
      value = stripped.slice(at + 1).trim();
    }
  }
  if (state !== BEFORE_SECTIONS && isKv && key !== '') {
    cursor.state = 2 + indent;
    return { text, eol, kind: 'key', key, value };
  }
  cursor.state = state === BEFORE_SECTIONS ? BEFORE_SECTIONS : NO_KEY;
  return { text, eol, kind: 'other' };
}
