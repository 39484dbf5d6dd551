// Lossless edits of the AWS INI files: upsertSection and removeSection change only the target
// section, and every other byte stays identical. Each edit proves that before it returns (see
// ini-verify.ts) and refuses, naming the field and never a value, a section name, key or value
// that breaks the character rule. Writers do not call these directly: they go through
// editIniFile (ini-file.ts), which adds the lock, the atomic replace and the check of the whole
// new text. How an existing section changes is planned in ini-plan.ts; the batch edit of many
// sections at once is in ini-batch-edit.ts, built on the checks exported here and that plan.
import { SsoTrayError } from '../errors';
import {
  describeForbiddenChar,
  forbiddenCharsMessage,
  printableName,
} from '../../../shared/text-rules';
import {
  BOM,
  normaliseHeader,
  parseIniDocument,
  parseIniText,
  scanParsedSection,
  readSection,
  serialiseIni,
  type IniLine,
  type ParsedIni,
} from './ini-parse';
import { othersOf, othersSameAround, unsafe } from './ini-verify';
import { spliceIni } from './ini-splice';
import { planExistingSection } from './ini-plan';

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

export function checkHeader(header: string): string {
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

export function checkKey(key: string, header: string): string {
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

export function checkValue(key: string, value: string, header: string): void {
  const message = forbiddenCharsMessage(`The value of ${key} for [${header}]`, value);
  if (message !== undefined) throw new SsoTrayError('INVALID_INPUT', message);
}

/**
 * serialiseIni(out) for an edit of `parsed`: runs of old lines kept as they were are copied as
 * one slice of the old text (cheaper than joining thousands of lines).
 */
export function serialiseEdit(
  parsed: ParsedIni,
  out: readonly IniLine[],
  origin: ArrayLike<number>,
) {
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
  return upsertParsed(parsed, header, entries, options).text;
}

/** The text of a line list, each line with its own line ending. */
function textOf(lines: readonly IniLine[]): string {
  let s = '';
  for (const l of lines) s += l.text + l.eol;
  return s;
}

/**
 * upsertParsedSection, returning the edited text parsed (the input is left as it was). The edit
 * replaces one run of lines (spliceIni), so only the lines around it are read again, and the
 * self-check compares only the sections around it (othersSameAround).
 */
export function upsertParsed(
  parsed: ParsedIni,
  header: string,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
  options: UpsertOptions = {},
): ParsedIni {
  const { doc } = parsed;
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
    // a new section at the end, after one blank line; it replaces the last line (which gets a
    // line ending if it had none), or the whole text when that is empty or only a BOM
    const n = doc.lines.length;
    const last = doc.lines[n - 1];
    const onlyBom = n === 1 && last !== undefined && last.text === BOM && last.eol === '';
    let insert = '';
    if (last !== undefined && !onlyBom) {
      insert = last.text + (last.eol === '' ? eol : last.eol);
      if (last.kind !== 'blank') insert += eol;
    }
    insert += `${onlyBom ? BOM : ''}[${want}]${eol}`;
    insert += textOf([...set.values()].map(({ key, value }) => newLine(key, value)));
    const after = spliceIni(parsed, onlyBom || n === 0 ? 0 : n - 1, n, insert);
    if (after !== parsed && after.change && !othersSameAround(after, after.change, want)) {
      throw unsafe(want);
    }
    return after;
  }

  const plan = planExistingSection(doc, targets, set, remove, newLine);
  if (plan === undefined) return parsed;
  const { replace, insertAfter, additions } = plan;
  // the run of lines that changes: the lines replaced or deleted and the one new lines follow
  let lo = Number.MAX_SAFE_INTEGER;
  let hi = -1;
  for (const i of replace.keys()) {
    lo = Math.min(lo, i);
    hi = Math.max(hi, i + 1);
  }
  if (additions.length > 0) {
    lo = Math.min(lo, insertAfter);
    hi = Math.max(hi, insertAfter + 1);
  }
  let after = parsed;
  if (hi > lo) {
    let insert = '';
    for (let i = lo; i < hi; i++) {
      const r = replace.get(i);
      const l = r === undefined ? (doc.lines[i] as IniLine) : r;
      const adding = i === insertAfter && additions.length > 0;
      // the line new lines follow may be the file's last line, without a line ending
      if (l !== null) insert += l.text + (adding && l.eol === '' ? eol : l.eol);
      if (adding) insert += textOf(additions);
    }
    after = spliceIni(parsed, lo, hi, insert);
  }
  const values = scanParsedSection(after, want) ?? {};
  const ok =
    // (a text the splice left as it was may have a change of its own, from an earlier edit)
    (after === parsed ||
      after.change === undefined ||
      othersSameAround(after, after.change, want)) &&
    [...set].every(([k, e]) => values[k] === e.value) &&
    [...remove].every((k) => !(k in values));
  if (!ok) throw unsafe(want);
  return after;
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
