// Lossless INI reading and editing for ~/.aws/config and ~/.aws/credentials.
// CONTRACT (implementation owned by the credentials work; signatures are fixed):
//  - `header` is the inner text of a section line with surrounding whitespace trimmed and inner
//    whitespace runs collapsed to one space: "default", "profile dev", "sso-session emu", "123_Admin".
//  - parseIni never throws on odd input: it reads what the AWS tools would read.
//  - upsertSection/removeSection change only the target section; every other byte stays identical.
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

import { SsoTrayError } from '../errors';
import {
  describeForbiddenChar,
  forbiddenCharsMessage,
  printableName,
} from '../../../shared/text-rules';

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

const BOM = '\ufeff';

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
type ParseState = number;
const BEFORE_SECTIONS: ParseState = 0;
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

/** The parse state after the line classifyLine returned last (saves an object per line). */
let stateAfter: ParseState = BEFORE_SECTIONS;

/**
 * Classifies one line's text (without its line ending) given the state before it and leaves the
 * state after it in `stateAfter`. `first` says it is the file's first line (which may hold a
 * BOM); `separators` false promises the text holds no U+2028/U+2029.
 */
function classifyLine(
  text: string,
  eol: string,
  first: boolean,
  state: ParseState,
  separators = true,
): IniLine {
  stateAfter = state;
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
      stateAfter = NO_KEY;
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
    stateAfter = 2 + indent;
    return { text, eol, kind: 'key', key, value };
  }
  stateAfter = state === BEFORE_SECTIONS ? BEFORE_SECTIONS : NO_KEY;
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
}

/** Parses `text` once, for reading (readParsedSection) and editing (upsertParsedSection). */
export function parseIniText(text: string): ParsedIni {
  const lines: IniLine[] = [];
  const blocks: IniBlock[] = [{ header: undefined, start: 0, end: 0 }];
  const stateList: number[] = [];
  const startList: number[] = [];
  let state: ParseState = BEFORE_SECTIONS;
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
    stateList.push(state);
    startList.push(pos);
    const line = classifyLine(text.slice(pos, end), eol, i === 0, state, separators);
    state = stateAfter;
    lines.push(line);
    if (line.kind === 'header') {
      const prev = blocks[blocks.length - 1];
      if (prev) prev.end = i;
      blocks.push({ header: line.header, start: i, end: i });
    }
    pos = end + eol.length;
  }
  stateList.push(state);
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
  return mergedValues(parsed.doc.lines, parsed.doc.blocks, normaliseHeader(header));
}

function mergedValues(
  lines: readonly IniLine[],
  blocks: readonly IniBlock[],
  want: string,
): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  for (const b of blocks) {
    if (b.header === want) found = { ...found, ...blockValues(lines, b) };
  }
  return found;
}

export interface UpsertOptions {
  /**
   * How new key lines are written: 'spaced' → `key = value` (the config file's style, default),
   * 'compact' → `key=value` (the credentials profile block exactly as the portal shows it).
   * Replaced lines keep their own spacing.
   */
  style?: 'spaced' | 'compact';
  /** Keys to delete from the section (e.g. a stale `aws_security_token`). */
  removeKeys?: readonly string[];
}

// The character rule (src/shared/text-rules.ts) for everything written: section names, keys and
// values. Checked on the text as given (before trimming or collapsing whitespace, which would
// hide a line break or U+2028 inside it). Messages name the field, never a value (it may be a
// secret).

function checkHeader(header: string): string {
  const problem = describeForbiddenChar(header);
  if (problem !== undefined) {
    throw new SsoTrayError(
      'INVALID_INPUT',
      `The section name [${normaliseHeader(printableName(header))}] contains ${problem}, which ` +
        'cannot be written to an AWS file; nothing was written.',
    );
  }
  const h = normaliseHeader(header);
  if (h === '' || h.includes(']') || h.includes('[')) {
    throw new SsoTrayError('INVALID_INPUT', `"${h}" cannot be used as an INI section name.`);
  }
  return h;
}

function checkKey(key: string, header: string): string {
  const problem = describeForbiddenChar(key);
  if (problem !== undefined) {
    throw new SsoTrayError(
      'INVALID_INPUT',
      `A key for [${header}] contains ${problem}, which cannot be written to an AWS file; ` +
        'nothing was written.',
    );
  }
  const k = key.trim();
  if (k === '' || /[=:\s]/.test(k) || k.startsWith('#') || k.startsWith(';') || k.startsWith('[')) {
    throw new SsoTrayError('INVALID_INPUT', `"${k}" cannot be used as an INI key.`);
  }
  return k;
}

function checkValue(key: string, value: string, header: string): void {
  const message = forbiddenCharsMessage(`The value of ${key} for [${header}]`, value);
  if (message !== undefined) throw new SsoTrayError('INVALID_INPUT', message);
}

/** Index one past the last key (or continuation of a key) line in a section; header+1 if none. */
function lastKeyEnd(lines: readonly IniLine[], block: IniBlock): number {
  let end = block.start + 1;
  for (let i = block.start + 1; i < block.end; i++) {
    const k = lines[i]?.kind;
    if (k === 'key') end = i + 1;
    else if (k === 'continuation' && end === i) end = i + 1;
    else if (k === 'continuation') {
      // a continuation after blank/comment lines still belongs to the key above it
      let j = i - 1;
      while (j > block.start && (lines[j]?.kind === 'blank' || lines[j]?.kind === 'comment')) j--;
      if (j >= block.start + 1 && (lines[j]?.kind === 'key' || lines[j]?.kind === 'continuation'))
        end = i + 1;
    }
  }
  return end;
}

/** Indices of the key line `i` and all its continuation lines (blank/comments between are kept). */
function keyLineSpan(lines: readonly IniLine[], i: number, blockEnd: number): number[] {
  const out = [i];
  for (let j = i + 1; j < blockEnd; j++) {
    const k = lines[j]?.kind;
    if (k === 'continuation') out.push(j);
    else if (k === 'blank' || k === 'comment') continue;
    else break;
  }
  return out;
}

/** Rewrites a key line's value, keeping its indent, key spelling and delimiter spacing. */
function replaceValue(line: IniLine, value: string): IniLine {
  let prefix = /^(.*?[=:][ \t]*)/.exec(line.text)?.[1] ?? `${line.key ?? ''} = `;
  if (/\s[=:]$/.test(prefix)) prefix += ' ';
  return { ...line, text: value === '' ? prefix.trimEnd() : prefix + value, value };
}

function othersOf(text: string, header: string): string {
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

function unsafe(header: string): SsoTrayError {
  return new SsoTrayError(
    'FILE',
    `The layout around [${header}] is too unusual to edit safely (check indented lines); edit it by hand.`,
  );
}

/**
 * serialiseIni(out) for an edit of `parsed`: runs of old lines kept as they were are copied as
 * one slice of the old text (cheaper than joining thousands of lines).
 */
function serialiseEdit(parsed: ParsedIni, out: readonly IniLine[], origin: ArrayLike<number>) {
  const old = parsed.doc.lines;
  let s = '';
  for (let i = 0; i < out.length;) {
    const l = out[i] as IniLine;
    const o = origin[i] ?? -1;
    if (o < 0 || l !== old[o]) {
      s += l.text + l.eol;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < out.length && origin[j] === o + (j - i) && out[j] === old[o + (j - i)]) j++;
    s += parsed.text.slice(parsed.starts[o], parsed.starts[o + (j - i)]);
    i = j;
  }
  return s;
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
 * Exported for its tests.
 */
export function reparseAround(
  parsed: ParsedIni,
  out: readonly IniLine[],
  origin: ArrayLike<number>,
  want: string,
  newHeader: boolean,
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
  let state: ParseState = BEFORE_SECTIONS;
  for (let i = 0; i < n;) {
    const o = origin[i] ?? -1;
    if (o >= 0) kept[o] = 1;
    const l = out[i] as IniLine;
    if (o >= 0 && l === old[o] && states[o] === state && (i === 0) === (o === 0)) {
      let j = i + 1;
      while (j < n && untouched(j)) {
        kept[origin[j] as number] = 1;
        j++;
      }
      state = states[(origin[j - 1] as number) + 1] as number;
      i = j;
      continue;
    }
    const line = classifyLine(l.text, l.eol, i === 0, state);
    state = stateAfter;
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

/**
 * Sets `entries` in the section named `header` (the first one when several exist), keeping the
 * section's other keys and its position; appends a new section at the end (one blank line
 * before it) when there is none. Returns the new text.
 *
 * Keys match case-insensitively (configparser lower-cases them). A key set here is also removed
 * from later sections with the same header and duplicates of it in the first one are dropped, so
 * every reader ends up with the new value.
 */
export function upsertSection(
  text: string,
  header: string,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
  options: UpsertOptions = {},
): string {
  return upsertParsedSection(parseIniText(text), header, entries, options);
}

/** upsertSection on an already parsed text (parse once, read with readParsedSection, edit). */
export function upsertParsedSection(
  parsed: ParsedIni,
  header: string,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
  options: UpsertOptions = {},
): string {
  const { text, doc } = parsed;
  const want = checkHeader(header);
  const set = new Map<string, { key: string; value: string }>();
  for (const [k, v] of entries) {
    const key = checkKey(k, want);
    checkValue(key, v, want);
    set.set(key.toLowerCase(), { key, value: v.trim() });
  }
  const remove = new Set((options.removeKeys ?? []).map((k) => k.trim().toLowerCase()));
  for (const k of set.keys()) remove.delete(k);
  const sep = options.style === 'compact' ? '=' : ' = ';
  const eol = doc.eol;
  const targets = doc.blocks.filter((b) => b.header === want);
  const newLine = (key: string, value: string): IniLine => ({
    text: value === '' ? `${key}${sep}`.trimEnd() : `${key}${sep}${value}`,
    eol,
    kind: 'key',
    key: key.toLowerCase(),
    value,
  });

  if (targets.length === 0) {
    const lines = doc.lines.slice();
    const origin: number[] = lines.map((_, i) => i);
    const last = lines[lines.length - 1];
    const onlyBom =
      lines.length === 1 && last !== undefined && last.text === BOM && last.eol === '';
    const headerLine: IniLine = { text: `[${want}]`, eol, kind: 'header', header: want };
    if (lines.length === 0 || onlyBom) {
      if (onlyBom) headerLine.text = BOM + headerLine.text;
      lines.length = 0;
      origin.length = 0;
    } else if (last) {
      if (last.eol === '') lines[lines.length - 1] = { ...last, eol };
      if (last.kind !== 'blank') {
        lines.push({ text: '', eol, kind: 'blank' });
        origin.push(-1);
      }
    }
    lines.push(headerLine);
    origin.push(-1);
    for (const { key, value } of set.values()) {
      lines.push(newLine(key, value));
      origin.push(-1);
    }
    const result = serialiseEdit(parsed, lines, origin);
    const local = reparseAround(parsed, lines, origin, want, true) !== undefined;
    if (!local && othersOf(result, want) !== othersOf(text, want)) throw unsafe(want);
    return result;
  }

  // Per line: undefined = keep, null = delete, IniLine = replace. Insertions after an index.
  const replace = new Map<number, IniLine | null>();
  const [first, ...later] = targets;
  if (!first) return text;
  const seen = new Set<string>();
  for (let i = first.start + 1; i < first.end; i++) {
    const l = doc.lines[i];
    if (l?.kind !== 'key' || l.key === undefined) continue;
    const wanted = set.get(l.key);
    if (wanted && !seen.has(l.key)) {
      seen.add(l.key);
      const span = keyLineSpan(doc.lines, i, first.end);
      replace.set(i, replaceValue(l, wanted.value));
      for (const j of span.slice(1)) replace.set(j, null);
    } else if (wanted || remove.has(l.key)) {
      for (const j of keyLineSpan(doc.lines, i, first.end)) replace.set(j, null);
    }
  }
  for (const b of later) {
    for (let i = b.start + 1; i < b.end; i++) {
      const l = doc.lines[i];
      if (l?.kind === 'key' && l.key !== undefined && (set.has(l.key) || remove.has(l.key))) {
        for (const j of keyLineSpan(doc.lines, i, b.end)) replace.set(j, null);
      }
    }
  }
  const additions = [...set.entries()].filter(([k]) => !seen.has(k)).map(([, e]) => e);
  const insertAfter = lastKeyEnd(doc.lines, first) - 1;
  // New lines take the indent of the line above (the last key) or, after a bare header, of the
  // next significant line, so no line around them changes meaning (continuations go by indent).
  let indentRef: IniLine | undefined = doc.lines[insertAfter];
  if (indentRef?.kind !== 'key' && indentRef?.kind !== 'continuation') {
    indentRef = undefined;
    for (let j = insertAfter + 1; j < doc.lines.length; j++) {
      const l = doc.lines[j] as IniLine;
      if (l.kind !== 'blank' && l.kind !== 'comment') {
        indentRef = l;
        break;
      }
    }
  } else {
    for (let j = insertAfter; j > first.start; j--) {
      if (doc.lines[j]?.kind === 'key') {
        indentRef = doc.lines[j];
        break;
      }
    }
  }
  const indent = /^\s*/.exec(indentRef?.text ?? '')?.[0] ?? '';

  const out: IniLine[] = [];
  const origin: number[] = [];
  doc.lines.forEach((l, i) => {
    const r = replace.get(i);
    if (r !== null) {
      out.push(r ?? l);
      origin.push(r === undefined ? i : -1);
    }
    if (i === insertAfter && additions.length > 0) {
      // the line we insert after may be the file's last line, without a line ending
      const prev = out[out.length - 1];
      if (prev && prev.eol === '') out[out.length - 1] = { ...prev, eol };
      for (const { key, value } of additions) {
        const nl = newLine(key, value);
        out.push({ ...nl, text: indent + nl.text });
        origin.push(-1);
      }
    }
  });
  const result = serialiseEdit(parsed, out, origin);
  const reread = reparseAround(parsed, out, origin, want, false);
  let after: Record<string, string>;
  let othersSame: boolean;
  if (reread) {
    after = mergedValues(reread, blocksOf(reread), want) ?? {};
    othersSame = true;
  } else {
    after = readSection(result, want) ?? {};
    othersSame = othersOf(result, want) === othersOf(text, want);
  }
  const ok =
    othersSame &&
    [...set].every(([k, e]) => after[k] === e.value) &&
    [...remove].every((k) => !(k in after));
  if (!ok) throw unsafe(want);
  return result;
}

/** The sections of a classified line list (as parseIniText computes them). */
function blocksOf(lines: readonly IniLine[]): IniBlock[] {
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

/** Removes every section named `header`, with its keys and comments inside it. */
export function removeSection(text: string, header: string): string {
  const want = checkHeader(header);
  const doc = parseIniDocument(text);
  const drop = new Set<number>();
  for (const b of doc.blocks) {
    if (b.header !== want) continue;
    let end = b.end;
    // Comment lines directly above the next header (no blank line between) describe that next
    // section: keep them.
    if (end < doc.lines.length) {
      while (end - 1 > b.start && doc.lines[end - 1]?.kind === 'comment') end--;
    }
    for (let i = b.start; i < end; i++) drop.add(i);
  }
  if (drop.size === 0) return text;
  const kept = doc.lines.filter((_, i) => !drop.has(i));
  // If the first line held the BOM and was dropped, keep the BOM.
  const first = doc.lines[0];
  if (first && drop.has(0) && first.text.startsWith(BOM)) {
    const head = kept[0];
    if (head) kept[0] = { ...head, text: BOM + head.text };
    else kept.push({ text: BOM, eol: '', kind: 'blank' });
  }
  const result = serialiseIni({ lines: kept });
  if (othersOf(result, want) !== othersOf(text, want) || readSection(result, want)) {
    throw unsafe(want);
  }
  return result;
}
