// Editing one section of a big INI file by decoding and parsing only the part of it around that
// section. The whole file's bytes are scanned once (ini-scan.ts: every line classified, none
// built or decoded, an unreadable line refused as assertReadableByAwsTools refuses it); then the
// window, from the header line of the block before the first section of that name to the header
// line after the block that follows the last one, is decoded, parsed and edited like a whole text
// (the editor, the edit's own checks and checkIniEdit all work on it), and its new bytes are put
// back between the untouched bytes before and after it.
//
// Why that is the same edit as on the whole text: the window starts at the start of the text or
// at a header line beginning with `[` at column 0, and ends at the end of the text or right
// before such a line. Such a line is a header whatever precedes it and the parser's state after
// a header is the same whatever preceded it, so the window's lines read exactly as they do in the
// whole text, and the lines after it read the same after the edit. Every section of that name is
// inside the window, with the blocks next to them (which the edit's checks compare). The new
// lines take the file's line ending, not the window's. closeWindow refuses a result that would
// join lines across either end (it cannot happen with these edits; it is checked anyway).
import type { ParsedIni } from './ini-parse';
import { parseIniText, withEol } from './ini-parse';
import { decodeRange, scanIni, type IniScan } from './ini-scan';
import { unreadableError, unsafe } from './ini-verify';

const isBreak = (c: number) => c === 10 || c === 13;

export interface IniWindow {
  /** The byte offsets in the whole file where the window starts and ends. */
  start: number;
  end: number;
  /** The scan of the whole file. */
  scan: IniScan;
  /** The window's text, parsed, with the whole file's line ending for new lines. */
  parsed: ParsedIni;
  /** That line ending (IniDocument.eol of the whole text). */
  eol: string;
}

/** The window [start, end) of a file of `length` bytes around every section named `header`. */
export function windowBounds(
  scan: IniScan,
  length: number,
  header: string,
): { start: number; end: number } {
  const { starts, headers, clean } = scan;
  const n = headers.length;
  let first = -1;
  let last = -1;
  for (let k = 0; k < n; k++) {
    if (headers[k] !== header) continue;
    if (first === -1) first = k;
    last = k;
  }
  // no such section: the edit appends one after the last block
  let lo = first === -1 ? n - 1 : first - 1;
  let hi = first === -1 ? n : last + 2;
  while (lo >= 0 && clean[lo] !== true) lo--;
  while (hi < n && clean[hi] !== true) hi++;
  return { start: lo < 0 ? 0 : (starts[lo] ?? 0), end: hi < n ? (starts[hi] ?? length) : length };
}

/**
 * Scans the UTF-8 `bytes` (unless `known` is their scan), refuses them as
 * assertReadableByAwsTools would when the AWS tools cannot read them, and parses the window
 * around the sections named `header` (normalised): only the window is decoded.
 */
export function openWindow(
  bytes: Uint8Array,
  header: string,
  fileName: string,
  known?: IniScan,
): IniWindow {
  const scan = known?.length === bytes.length ? known : scanIni(bytes);
  if (scan.unreadable !== undefined) {
    throw unreadableError(scan.unreadable.line, scan.unreadable.text, fileName);
  }
  const { start, end } = windowBounds(scan, bytes.length, header);
  const text = decodeRange(bytes, start, end);
  return { start, end, scan, parsed: withEol(parseIniText(text), scan.eol), eol: scan.eol };
}

/**
 * The scan of the file whose bytes [start, end) were replaced by `inner` (the new bytes of a
 * window, closeWindow), from the scan of the file before: the header lines before the window are
 * the same, those after it moved by the change in length, and only `inner` is scanned. That holds
 * for the window's bounds as openWindow chose them (each end of the file or a header line at
 * column 0, which reads the same whatever precedes it) with an `inner` that closeWindow accepted
 * (ending with a line break unless at the end). Undefined when the new file has a line the AWS
 * tools cannot read (a scan of it says which).
 */
export function scanAfterEdit(
  before: IniScan,
  start: number,
  end: number,
  inner: Uint8Array,
): IniScan | undefined {
  if (before.unreadable !== undefined) return undefined;
  // The part after the window reads the same only after a line break; the part before it only
  // goes on being read the same if the window starts with a header at column 0 (its first line,
  // which no edit of a section after it changes). Anything else: no scan, the next edit makes one.
  if (end < before.length && (inner.length === 0 || !isBreak(inner[inner.length - 1] ?? 0))) {
    return undefined;
  }
  if (start > 0 && inner[0] !== 0x5b) return undefined;
  const middle = scanIni(inner);
  if (middle.unreadable !== undefined) return undefined;
  if (start > 0 && (middle.starts[0] !== 0 || middle.clean[0] !== true)) return undefined;
  const shift = inner.length - (end - start);
  const out: IniScan = {
    length: before.length + shift,
    starts: [],
    headers: [],
    clean: [],
    eol: start === 0 ? middle.eol : before.eol,
  };
  const { starts, headers, clean } = before;
  const add = (at: number, name: string | undefined, isClean: boolean | undefined) => {
    out.starts.push(at);
    out.headers.push(name ?? '');
    out.clean.push(isClean === true);
  };
  let k = 0;
  for (; k < starts.length && (starts[k] ?? 0) < start; k++)
    add(starts[k] ?? 0, headers[k], clean[k]);
  for (let m = 0; m < middle.starts.length; m++) {
    add((middle.starts[m] ?? 0) + start, middle.headers[m], middle.clean[m]);
  }
  for (; k < starts.length && (starts[k] ?? 0) < end; k++);
  for (; k < starts.length; k++) add((starts[k] ?? 0) + shift, headers[k], clean[k]);
  return out;
}

/**
 * The new file's UTF-8 bytes, in parts, for the window of `bytes` edited into `edited`, and how
 * to make their scan (scanAfterEdit; undefined when it cannot be made without scanning them all),
 * which is only needed by the next edit. Throws unsafe(header) if the edited window would join a
 * line with one outside it.
 */
export function closeWindow(
  bytes: Uint8Array,
  window: IniWindow,
  edited: ParsedIni,
  header: string,
): { bytes: Uint8Array[]; scan: () => IniScan | undefined } {
  const { start, end } = window;
  const inner = edited.text;
  if (end < bytes.length && (inner === '' || !isBreak(inner.charCodeAt(inner.length - 1)))) {
    throw unsafe(header);
  }
  if (start > 0 && bytes[start - 1] === 13 && inner.charCodeAt(0) === 10) {
    throw unsafe(header);
  }
  // a text spliced from the window's: only the insert is encoded
  const change = edited.change?.base === window.parsed ? edited.change : undefined;
  const base = window.parsed.text;
  const parts =
    change === undefined
      ? [Buffer.from(inner, 'utf8')]
      : [
          bytes.subarray(start, start + Buffer.byteLength(base.slice(0, change.from))),
          Buffer.from(change.insert, 'utf8'),
          bytes.subarray(end - Buffer.byteLength(base.slice(change.to)), end),
        ];
  // the window's new bytes copied now: the file's buffer may be used again before the scan is made
  const innerBytes = Buffer.concat(parts);
  const scan = () => scanAfterEdit(window.scan, start, end, innerBytes);
  // in parts, written one after the other: no copy of the megabytes around the window
  return { bytes: [bytes.subarray(0, start), ...parts, bytes.subarray(end)], scan };
}
