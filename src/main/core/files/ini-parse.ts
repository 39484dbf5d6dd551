// Lossless reading of ~/.aws/config and ~/.aws/credentials (the INI files of the AWS tools).
// What the reader promises:
//  - `header` is the inner text of a section line with surrounding whitespace trimmed and inner
//    whitespace runs collapsed to one space: "default", "profile dev", "sso-session emu", "123_Admin".
//  - parseIni never throws on odd input: it reads what the AWS tools would read.
//
// The model is a list of lines, each keeping its exact text and its own line ending, so joining
// them gives back the input byte for byte (BOM, CRLF/LF/CR/mixed, odd lines, trailing spaces).
// Classification follows Python's configparser as botocore configures it (RawConfigParser):
//  - a line whose stripped text starts with `#` or `;` is a comment (only at line start; botocore
//    has no inline comments);
//  - a line indented deeper than the last key line is a continuation of that key's value (this is
//    how nested keys such as `s3 =\n  max_concurrent_requests = 20` are read), even if it looks
//    like a header;
//  - `[...]` up to the last `]` is a header; `key = value` / `key: value` (first `=` or `:`) is a
//    key line, the key lower-cased as configparser does;
//  - anything else is kept verbatim and ignored (botocore would reject the whole file).
// One deliberate difference: a UTF-8 BOM is ignored (botocore chokes on it, the JS SDK reads it).
// Editing is in ini-edit.ts, the checks of an edit in ini-verify.ts; writers use ini-file.ts.

export interface IniSection {
  /** Normalised header, e.g. "profile dev". */
  header: string;
  /** Key/value pairs as the AWS tools read them (keys trimmed, values trimmed; last one wins). */
  values: Record<string, string>;
}

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

/** A run of lines: the lines before the first header (header undefined), or one section. */
export interface IniBlock {
  header: string | undefined;
  /** Index of the first line (the header line for sections). */
  start: number;
  /** Index one past the last line. */
  end: number;
}

export interface IniDocument {
  lines: IniLine[];
  blocks: IniBlock[];
  /** The line ending new lines use: the file's first one, '\n' when it has none. */
  eol: string;
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
const LINE_SEPARATORS = /[\u2028\u2029]/;

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

/** A parsed text plus what an edit needs to re-parse only around the lines it changes. */
export interface ParsedIni {
  readonly text: string;
  readonly doc: IniDocument;
  /** states[i] is the parse state before line i; states[lines.length] the one after the last. */
  readonly states: Int32Array;
  /** starts[i] is the offset of line i in `text`; starts[lines.length] is text.length. */
  readonly starts: Int32Array;
  /** Set when this text was made from another parsed text by replacing a run of its lines. */
  readonly change?: IniChange;
}

/**
 * How a parsed text was made from `base` (spliceIni): base.text[from, to) was replaced by
 * `insert`; base's lines [start, oldEnd) became lines [start, newEnd) here. Every line outside
 * those reads exactly as in base: lines before `start` are the same, and lines from `oldEnd` on
 * in base are lines from `newEnd` on here.
 */
export interface IniChange {
  readonly base: ParsedIni;
  readonly from: number;
  readonly to: number;
  readonly insert: string;
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Parses `text` once, for reading (readParsedSection) and editing (upsertParsedSection). */
export function parseIniText(text: string): ParsedIni {
  const lines: IniLine[] = [];
  const blocks: IniBlock[] = [{ header: undefined, start: 0, end: 0 }];
  const stateList: number[] = [];
  const startList: number[] = [];
  const cursor: ParseCursor = { state: BEFORE_SECTIONS };
  let firstEol: string | undefined;
  const len = text.length;
  let pos = 0;
  const separators = LINE_SEPARATORS.test(text);
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (pos < len) {
    if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    let end: number;
    let eol: string;
    if (cr !== -1 && (nl === -1 || cr < nl)) {
      end = cr;
      eol = text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
    } else if (nl !== -1) {
      end = nl;
      eol = '\n';
    } else {
      end = len;
      eol = '';
    }
    if (firstEol === undefined && eol !== '') firstEol = eol;
    const i = lines.length;
    stateList.push(cursor.state);
    startList.push(pos);
    const line = classifyLine(text.slice(pos, end), eol, i === 0, cursor, separators);
    lines.push(line);
    if (line.kind === 'header') {
      const prev = blocks[blocks.length - 1];
      if (prev) prev.end = i;
      blocks.push({ header: line.header, start: i, end: i });
    }
    pos = end + eol.length;
  }
  stateList.push(cursor.state);
  startList.push(len);
  const lastBlock = blocks[blocks.length - 1];
  if (lastBlock) lastBlock.end = lines.length;
  return {
    text,
    doc: { lines, blocks, eol: firstEol === '\r\n' ? '\r\n' : '\n' },
    states: Int32Array.from(stateList),
    starts: Int32Array.from(startList),
  };
}

/** Parses text into the lossless line model. Never throws. */
export function parseIniDocument(text: string): IniDocument {
  return parseIniText(text).doc;
}

export function serialiseIni(doc: Pick<IniDocument, 'lines'>): string {
  let s = '';
  for (const l of doc.lines) s += l.text + l.eol;
  return s;
}

/** The values of one section of `doc`, as configparser assembles them (last key wins). */
export function sectionValues(doc: IniDocument, block: IniBlock): Record<string, string> {
  return blockValues(doc.lines, block);
}

/** The values of one section, as configparser would assemble them (continuations joined by \n). */
function blockValues(lines: readonly IniLine[], block: IniBlock): Record<string, string> {
  const parts: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (let i = block.start + 1; i < block.end; i++) {
    const l = lines[i];
    if (!l) continue;
    if (l.kind === 'key' && l.key !== undefined) {
      current = [l.value ?? ''];
      parts[l.key] = current;
    } else if (l.kind === 'continuation' && current) {
      current.push(l.value ?? '');
    } else if (l.kind === 'blank' && current) {
      // configparser keeps blank lines inside a multi-line value (trailing ones are trimmed)
      current.push('');
    } else if (l.kind === 'other') {
      current = undefined;
    }
  }
  const values: Record<string, string> = {};
  // configparser joins continuation lines with \n and strips only the end: a nested value
  // (`s3 =` + indented lines) keeps its leading \n, which is how botocore recognises it.
  for (const [k, v] of Object.entries(parts)) values[k] = v.join('\n').trimEnd();
  return values;
}

export function parseIni(text: string): IniSection[] {
  const doc = parseIniDocument(text);
  return doc.blocks
    .filter((b): b is IniBlock & { header: string } => b.header !== undefined)
    .map((b) => ({ header: b.header, values: blockValues(doc.lines, b) }));
}

/**
 * The values of `header` as the AWS tools see them: sections with the same header are merged
 * (later keys win), undefined when there is no such section.
 */
export function readSection(text: string, header: string): Record<string, string> | undefined {
  return readParsedSection(parseIniText(text), header);
}

/** readSection on an already parsed text. */
export function readParsedSection(
  parsed: ParsedIni,
  header: string,
): Record<string, string> | undefined {
  const blocks = sectionIndex(parsed).get(normaliseHeader(header));
  if (blocks === undefined) return undefined;
  let found: Record<string, string> | undefined;
  for (const b of blocks) found = { ...found, ...blockValues(parsed.doc.lines, b) };
  return found;
}

/**
 * readParsedSection for a text read once or twice (an edited text being checked): a scan of its
 * sections, where readParsedSection builds an index of them first (worth it for many reads).
 */
export function scanParsedSection(
  parsed: ParsedIni,
  header: string,
): Record<string, string> | undefined {
  const want = normaliseHeader(header);
  let found: Record<string, string> | undefined;
  for (const b of parsed.doc.blocks) {
    if (b.header === want) found = { ...found, ...blockValues(parsed.doc.lines, b) };
  }
  return found;
}

const indexes = new WeakMap<ParsedIni, Map<string, IniBlock[]>>();

/**
 * The sections of a parsed text by header, in file order (built once per parsed text), so that
 * reading many sections of a big file costs one pass rather than one pass per section.
 */
export function sectionIndex(parsed: ParsedIni): ReadonlyMap<string, readonly IniBlock[]> {
  let index = indexes.get(parsed);
  if (index === undefined) {
    index = new Map();
    for (const b of parsed.doc.blocks) {
      if (b.header === undefined) continue;
      const list = index.get(b.header);
      if (list === undefined) index.set(b.header, [b]);
      else list.push(b);
    }
    indexes.set(parsed, index);
  }
  return index;
}

/** The sections of a classified line list (as parseIniText computes them). */
export function blocksOf(lines: readonly IniLine[]): IniBlock[] {
  const blocks: IniBlock[] = [{ header: undefined, start: 0, end: 0 }];
  lines.forEach((l, i) => {
    if (l.kind !== 'header') return;
    const prev = blocks[blocks.length - 1];
    if (prev) prev.end = i;
    blocks.push({ header: l.header, start: i, end: i });
  });
  const last = blocks[blocks.length - 1];
  if (last) last.end = lines.length;
  return blocks;
}
