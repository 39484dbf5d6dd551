// The sections of an INI file found in one pass over its UTF-8 bytes, without decoding the file
// or building an object per line (ini-parse.ts builds one for each, which for a credentials file
// of thousands of profiles is most of the cost of writing one). The scan follows classifyLine's
// rules (ini-line.ts) exactly, keeping only the parser's state between lines: it finds every
// header line and the first line the AWS tools cannot read, and says which header lines start at
// column 0 with `[` (a header whatever precedes it, so a file can be cut there and the part after
// it parsed on its own; see ini-window.ts). Every character the rules look for is ASCII, and in
// UTF-8 no byte of another character is ASCII, so bytes can be compared directly; only
// whitespace outside ASCII is decoded, where it counts (the indent of a line), and the header
// names. Offsets are byte offsets. A test holds it to parseIniText on random texts.
import { decodeText } from './file-io';
import { normaliseHeader } from './ini-line';

export interface IniScan {
  /** How many bytes were scanned. */
  length: number;
  /** The byte offset of each header line, in file order. */
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

/** normaliseHeader(name), without its regular expressions when it is normal. */
function headerName(name: string): string {
  let previous = 0x20; // a space first or last, or two in a row, need normalising
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c === 0x20 ? previous === 0x20 : isSpace(c)) return normaliseHeader(name);
    previous = c;
  }
  return previous === 0x20 ? normaliseHeader(name) : name;
}

const HASH = 0x23;
const SEMI = 0x3b;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const EQ = 0x3d;
const COLON = 0x3a;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The UTF-16 length of the whitespace character that starts at `i` (a character outside ASCII:
 * `b` is its first byte), or 0 when it is not whitespace. Every such whitespace character is in
 * the Basic Multilingual Plane (one code unit) and takes 2 or 3 bytes; the caller skips `width`.
 */
function spaceAt(bytes: Uint8Array, i: number, end: number, b: number): number {
  if (b >= 0xc2 && b <= 0xdf && i + 1 < end) {
    return isSpace(((b & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f)) ? 2 : 0;
  }
  if (b >= 0xe0 && b <= 0xef && i + 2 < end) {
    const c =
      ((b & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f);
    return isSpace(c) ? 3 : 0;
  }
  return 0;
}

/** The text of bytes [from, to) (valid UTF-8: the whole file was checked). */
export function decodeRange(bytes: Uint8Array, from: number, to: number): string {
  return decodeText(bytes, false, from, to);
}

/** A header's name, decoded by whether it is ASCII (decodeText). */
function nameText(buf: Buffer, from: number, to: number): string {
  let ascii = true;
  for (let k = from; k < to && ascii; k++) ascii = (buf[k] ?? 0) < 0x80;
  return decodeText(buf, ascii, from, to);
}

/** The bytes of a BOM (U+FEFF) in UTF-8. */
const BOM_BYTES = [0xef, 0xbb, 0xbf] as const;

/** Scans the UTF-8 `bytes` as parseIniText reads their text (same lines, states, header lines). */
export function scanIni(bytes: Uint8Array): IniScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = buf.length;
  const out: IniScan = { length: len, starts: [], headers: [], clean: [], eol: '\n' };
  let nl = buf.indexOf(LF);
  let cr = buf.indexOf(CR);
  if (cr !== -1 && (nl === -1 || cr < nl) && buf[cr + 1] === LF) out.eol = '\r\n';
  // the parse state (ini-line.ts): 0 before any section, 1 in one, 2 + n after a key indented n
  let state = 0;
  let pos = 0;
  const bom = buf[0] === BOM_BYTES[0] && buf[1] === BOM_BYTES[1] && buf[2] === BOM_BYTES[2];
  for (let line = 0; pos < len; line++) {
    if (nl !== -1 && nl < pos) nl = buf.indexOf(LF, pos);
    if (cr !== -1 && cr < pos) cr = buf.indexOf(CR, pos);
    let end: number;
    let next: number;
    if (cr !== -1 && (nl === -1 || cr < nl)) {
      end = cr;
      next = buf[cr + 1] === LF ? cr + 2 : cr + 1;
    } else if (nl !== -1) {
      end = nl;
      next = nl + 1;
    } else {
      end = len;
      next = len;
    }
    // the first line's BOM is not part of it (classifyLine's `first`)
    let i = line === 0 && bom ? pos + 3 : pos;
    // the indent, in characters (UTF-16 code units, as the parser counts them)
    let indent = 0;
    while (i < end) {
      const b = buf[i] ?? 0;
      if (b < 0x80) {
        if (b !== 0x20 && (b < 9 || b > 13)) break;
        i++;
      } else {
        const width = spaceAt(buf, i, end, b);
        if (width === 0) break;
        i += width;
      }
      indent++;
    }
    // a character outside ASCII is none of the characters below
    const c = i < end ? (buf[i] ?? -1) : -1;
    // blank, comment and continuation lines leave the state as it is
    if (c !== -1 && c !== HASH && c !== SEMI && !(state >= 2 && indent > state - 2)) {
      let header = false;
      if (c === OPEN) {
        // the last `]` of the stripped text, after its second character
        let j = end - 1;
        while (j > i + 1 && buf[j] !== CLOSE) j--;
        if (j > i + 1) {
          header = true;
          state = 1;
          out.starts.push(pos);
          out.headers.push(headerName(nameText(buf, i + 1, j)));
          out.clean.push(i === pos);
        }
      }
      if (!header) {
        // a key line: the first `=` or `:` comes after the first character, inside a section
        let j = i + 1;
        if (c !== EQ && c !== COLON) {
          while (j < end) {
            const d = buf[j];
            if (d === EQ || d === COLON) break;
            j++;
          }
        }
        if (c !== EQ && c !== COLON && j < end && state !== 0) state = 2 + indent;
        else {
          out.unreadable ??= { line, text: decodeRange(buf, pos, end) };
          if (state !== 0) state = 1;
        }
      }
    }
    pos = next;
  }
  return out;
}
