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
// One line is classified in ini-line.ts.

import {
  BEFORE_SECTIONS,
  LINE_SEPARATORS,
  classifyLine,
  normaliseHeader,
  type IniLine,
  type ParseCursor,
} from './ini-line';

export {
  BOM,
  classifyLine,
  normaliseHeader,
  type IniLine,
  type IniLineKind,
  type ParseCursor,
  type ParseState,
} from './ini-line';

export interface IniSection {
  /** Normalised header, e.g. "profile dev". */
  header: string;
  /** Key/value pairs as the AWS tools read them (keys trimmed, values trimmed; last one wins). */
  values: Record<string, string>;
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

/** `parsed` with `eol` as the line ending of new lines. */
export function withEol(parsed: ParsedIni, eol: string): ParsedIni {
  if (parsed.doc.eol === eol) return parsed;
  const doc: IniDocument = { ...parsed.doc, eol };
  return { ...parsed, doc };
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
