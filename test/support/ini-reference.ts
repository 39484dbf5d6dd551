// Test support only: the INI reader/editor as it was before the single-parse rewrite (commit
// 3c53597), frozen as the reference that src/main/core/files/ini.differential.test.ts compares
// the real one (ini-parse.ts, ini-edit.ts) with. Nothing outside that test imports it.

// Lossless INI reading and editing for ~/.aws/config and ~/.aws/credentials.
// What it promises:
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

import { SsoTrayError } from '../../src/main/core/errors';

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

function splitLines(text: string): Array<{ text: string; eol: string }> {
  const out: Array<{ text: string; eol: string }> = [];
  const re = /\r\n|\n|\r/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), eol: '' });
  return out;
}

function indentOf(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

/** Parses text into the lossless line model. Never throws. */
export function parseIniDocument(text: string): IniDocument {
  const raw = splitLines(text);
  const lines: IniLine[] = [];
  const blocks: IniBlock[] = [{ header: undefined, start: 0, end: 0 }];
  // configparser state: is there a current key that continuation lines extend, and its indent.
  let inSection = false;
  let haveKey = false;
  let indentLevel = 0;
  raw.forEach((r, i) => {
    const body = i === 0 && r.text.startsWith(BOM) ? r.text.slice(1) : r.text;
    const stripped = body.trim();
    let line: IniLine;
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      line = { ...r, kind: 'comment' };
    } else if (stripped === '') {
      line = { ...r, kind: 'blank' };
    } else {
      const indent = indentOf(body);
      if (inSection && haveKey && indent > indentLevel) {
        line = { ...r, kind: 'continuation', value: stripped };
      } else {
        indentLevel = indent;
        const close = stripped.lastIndexOf(']');
        const header = stripped.startsWith('[') && close > 1 ? stripped.slice(1, close) : '';
        if (header !== '') {
          line = { ...r, kind: 'header', header: normaliseHeader(header) };
          inSection = true;
          haveKey = false;
          const prev = blocks[blocks.length - 1];
          if (prev) prev.end = i;
          blocks.push({ header: line.header, start: i, end: i });
        } else {
          const kv = /^(.*?)\s*[=:]\s*(.*)$/s.exec(stripped);
          const key = kv?.[1]?.trim().toLowerCase() ?? '';
          if (inSection && kv && key !== '') {
            line = { ...r, kind: 'key', key, value: (kv[2] ?? '').trim() };
            haveKey = true;
          } else {
            line = { ...r, kind: 'other' };
            haveKey = false;
          }
        }
      }
    }
    lines.push(line);
  });
  const lastBlock = blocks[blocks.length - 1];
  if (lastBlock) lastBlock.end = lines.length;
  const firstEol = raw.find((r) => r.eol !== '')?.eol;
  return { lines, blocks, eol: firstEol === '\r\n' ? '\r\n' : '\n' };
}

export function serialiseIni(doc: Pick<IniDocument, 'lines'>): string {
  let s = '';
  for (const l of doc.lines) s += l.text + l.eol;
  return s;
}

/** The values of one section, as configparser would assemble them (continuations joined by \n). */
function sectionValues(lines: readonly IniLine[], block: IniBlock): Record<string, string> {
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
    .map((b) => ({ header: b.header, values: sectionValues(doc.lines, b) }));
}

/**
 * The values of `header` as the AWS tools see them: sections with the same header are merged
 * (later keys win), undefined when there is no such section.
 */
export function readSection(text: string, header: string): Record<string, string> | undefined {
  const want = normaliseHeader(header);
  let found: Record<string, string> | undefined;
  for (const s of parseIni(text)) {
    if (s.header === want) found = { ...found, ...s.values };
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

function checkInlineText(what: string, s: string): void {
  if (/[\r\n]/.test(s)) {
    throw new SsoTrayError('INVALID_INPUT', `An INI ${what} cannot contain a line break.`);
  }
}

function checkHeader(header: string): string {
  const h = normaliseHeader(header);
  checkInlineText('section name', h);
  if (h === '' || h.includes(']') || h.includes('[')) {
    throw new SsoTrayError('INVALID_INPUT', `"${h}" cannot be used as an INI section name.`);
  }
  return h;
}

function checkKey(key: string): string {
  const k = key.trim();
  checkInlineText('key', k);
  if (k === '' || /[=:\s]/.test(k) || k.startsWith('#') || k.startsWith(';') || k.startsWith('[')) {
    throw new SsoTrayError('INVALID_INPUT', `"${k}" cannot be used as an INI key.`);
  }
  return k;
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

function unsafe(header: string): SsoTrayError {
  return new SsoTrayError(
    'FILE',
    `The layout around [${header}] is too unusual to edit safely (check indented lines); edit it by hand.`,
  );
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
  const want = checkHeader(header);
  const set = new Map<string, { key: string; value: string }>();
  for (const [k, v] of entries) {
    const key = checkKey(k);
    checkInlineText('value', v);
    set.set(key.toLowerCase(), { key, value: v.trim() });
  }
  const remove = new Set((options.removeKeys ?? []).map((k) => k.trim().toLowerCase()));
  for (const k of set.keys()) remove.delete(k);
  const sep = options.style === 'compact' ? '=' : ' = ';
  const doc = parseIniDocument(text);
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
    const last = lines[lines.length - 1];
    const onlyBom =
      lines.length === 1 && last !== undefined && last.text === BOM && last.eol === '';
    const headerLine: IniLine = { text: `[${want}]`, eol, kind: 'header', header: want };
    if (lines.length === 0 || onlyBom) {
      if (onlyBom) headerLine.text = BOM + headerLine.text;
      lines.length = 0;
    } else if (last) {
      if (last.eol === '') lines[lines.length - 1] = { ...last, eol };
      if (last.kind !== 'blank') lines.push({ text: '', eol, kind: 'blank' });
    }
    lines.push(headerLine);
    for (const { key, value } of set.values()) lines.push(newLine(key, value));
    const result = serialiseIni({ lines });
    if (othersOf(result, want) !== othersOf(text, want)) throw unsafe(want);
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
    indentRef = doc.lines
      .slice(insertAfter + 1)
      .find((l) => l.kind !== 'blank' && l.kind !== 'comment');
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
  doc.lines.forEach((l, i) => {
    const r = replace.get(i);
    if (r !== null) out.push(r ?? l);
    if (i === insertAfter && additions.length > 0) {
      // the line we insert after may be the file's last line, without a line ending
      const prev = out[out.length - 1];
      if (prev && prev.eol === '') out[out.length - 1] = { ...prev, eol };
      for (const { key, value } of additions) {
        const nl = newLine(key, value);
        out.push({ ...nl, text: indent + nl.text });
      }
    }
  });
  const result = serialiseIni({ lines: out });
  const after = readSection(result, want) ?? {};
  const ok =
    othersOf(result, want) === othersOf(text, want) &&
    [...set].every(([k, e]) => after[k] === e.value) &&
    [...remove].every((k) => !(k in after));
  if (!ok) throw unsafe(want);
  return result;
}

/** Removes every section named `header`, with its keys and comments inside it. */
export function removeSection(text: string, header: string): string {
  const want = normaliseHeader(header);
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
