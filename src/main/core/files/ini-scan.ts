// The sections of an INI text found in one pass over its characters, without building an object
// per line (ini-parse.ts builds one for each, which for a credentials file of thousands of
// profiles is most of the cost of writing one). The scan follows classifyLine's rules
// (ini-line.ts) exactly, keeping only the parser's state between lines: it finds every header
// line and the first line the AWS tools cannot read, and says which header lines start at
// column 0 with `[` (a header whatever precedes it, so a text can be cut there and the part after
// it parsed on its own; see ini-window.ts). A test holds it to parseIniText on random texts.
import { BOM, normaliseHeader } from './ini-line';

export interface IniScan {
  /** The offset of each header line, in file order. */
  starts: number[];
  /** The normalised header of each. */
  headers: string[];
  /** Whether each starts with `[` at column 0 (a header whatever precedes it). */
  clean: boolean[];
  /** The line ending new lines use, as IniDocument.eol: '\r\n' when the first one is, else '\n'. */
  eol: string;
  /** The first line the AWS tools cannot read (kind 'other'): its index and text. */
  unreadable?: { line: number; text: string };
}

/** Whether a UTF-16 code unit is whitespace as `\s` and String.prototype.trim see it. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** normaliseHeader(text.slice(from, to)), without its regular expressions when it is normal. */
function headerName(text: string, from: number, to: number): string {
  let previous = 0x20; // a space first or last, or two in a row, need normalising
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 ? previous === 0x20 : isSpace(c)) return normaliseHeader(text.slice(from, to));
    previous = c;
  }
  const name = text.slice(from, to);
  return previous === 0x20 ? normaliseHeader(name) : name;
}

const HASH = 0x23;
const SEMI = 0x3b;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const EQ = 0x3d;
const COLON = 0x3a;

/** Scans `text` as parseIniText reads it (same line split, same states, same header lines). */
export function scanIni(text: string): IniScan {
  const out: IniScan = { starts: [], headers: [], clean: [], eol: '\n' };
  const len = text.length;
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  if (cr !== -1 && (nl === -1 || cr < nl) && text.charCodeAt(cr + 1) === 10) out.eol = '\r\n';
  // the parse state (ini-line.ts): 0 before any section, 1 in one, 2 + n after a key indented n
  let state = 0;
  let pos = 0;
  for (let line = 0; pos < len; line++) {
    if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    let end: number;
    let next: number;
    if (cr !== -1 && (nl === -1 || cr < nl)) {
      end = cr;
      next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    } else if (nl !== -1) {
      end = nl;
      next = nl + 1;
    } else {
      end = len;
      next = len;
    }
    // the first line's BOM is not part of it (classifyLine's `first`)
    const body = line === 0 && text.charCodeAt(0) === BOM.charCodeAt(0) ? pos + 1 : pos;
    let i = body;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const c = i < end ? text.charCodeAt(i) : -1;
    const indent = i - body;
    // blank, comment and continuation lines leave the state as it is
    if (c !== -1 && c !== HASH && c !== SEMI && !(state >= 2 && indent > state - 2)) {
      let header = false;
      if (c === OPEN) {
        // the last `]` of the stripped text, after its second character
        let j = end - 1;
        while (j > i + 1 && text.charCodeAt(j) !== CLOSE) j--;
        if (j > i + 1) {
          header = true;
          state = 1;
          out.starts.push(pos);
          out.headers.push(headerName(text, i + 1, j));
          out.clean.push(i === pos);
        }
      }
      if (!header) {
        // a key line: the first `=` or `:` comes after the first character, inside a section
        let j = i + 1;
        if (c !== EQ && c !== COLON) {
          while (j < end) {
            const d = text.charCodeAt(j);
            if (d === EQ || d === COLON) break;
            j++;
          }
        }
        if (c !== EQ && c !== COLON && j < end && state !== 0) state = 2 + indent;
        else {
          out.unreadable ??= { line, text: text.slice(pos, end) };
          if (state !== 0) state = 1;
        }
      }
    }
    pos = next;
  }
  return out;
}
