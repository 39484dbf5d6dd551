// Many edits of distinct sections of an AWS INI file in one pass (editParsedSections): each does
// what upsertSection or removeSection (ini-edit.ts) does, with the same character checks and the
// same plan for an existing section, and the whole result is read again before it is returned.
// Used by editIniFile's editSections (ini-file.ts), e.g. for `sso-tray populate`.
import {
  BOM,
  normaliseHeader,
  parseIniText,
  readParsedSection,
  sectionIndex,
  withEol,
  type IniBlock,
  type IniDocument,
  type IniLine,
  type ParsedIni,
} from './ini-parse';
import {
  checkHeader,
  checkKey,
  checkValue,
  removeSection,
  serialiseEdit,
  type UpsertOptions,
} from './ini-edit';
import { planExistingSection } from './ini-plan';
import { unsafe } from './ini-verify';

/**
 * Whether the comment lines right above the next header stay when each block is removed, as
 * removeSection gives it when the removals are made one section name at a time from the end of
 * the file up: they stay when a header still follows the block at its turn, that is one of a
 * section that stays, of the same name, or of a removed one whose first block comes earlier
 * (removed later). `removedFirst` maps each removed name to the start line of its first block.
 * One pass from the end: index i of the result is for doc.blocks[i].
 */
function keepsTrailingComments(
  doc: IniDocument,
  removedFirst: ReadonlyMap<string, number>,
): boolean[] {
  const keep = new Array<boolean>(doc.blocks.length).fill(false);
  // the least removal turn of the blocks after i (-1: one that stays)
  let least = Infinity;
  for (let i = doc.blocks.length - 1; i >= 0; i--) {
    const b = doc.blocks[i] as IniBlock;
    const own = b.header === undefined ? undefined : removedFirst.get(b.header);
    keep[i] = own !== undefined && least <= own;
    const turn = own ?? -1;
    if (turn < least) least = turn;
  }
  return keep;
}

/** The lines the batch drops to remove the blocks of one section name (see keepsTrailingComments). */
function removedLines(
  doc: IniDocument,
  blocks: readonly IniBlock[],
  keep: readonly boolean[],
  blockIndex: ReadonlyMap<IniBlock, number>,
): number[] {
  const out: number[] = [];
  for (const b of blocks) {
    let end = b.end;
    if (keep[blockIndex.get(b) ?? -1] === true) {
      while (end - 1 > b.start && doc.lines[end - 1]?.kind === 'comment') end--;
    }
    for (let i = b.start; i < end; i++) out.push(i);
  }
  return out;
}

/**
 * editParsedSections where a section to remove appears more than once (a file the AWS CLI
 * refuses, so rare): there a comment kept above one block can end up at the end of another that
 * goes, so the removals are made as removeSection makes them, one name at a time from the end of
 * the file up, and then the rest of the batch.
 */
function removingDuplicates(
  parsed: ParsedIni,
  edits: readonly SectionEdit[],
  options: Pick<UpsertOptions, 'style'>,
): ParsedIni {
  const byHeader = sectionIndex(parsed);
  const first = (h: string): number => byHeader.get(normaliseHeader(h))?.[0]?.start ?? -1;
  const removals = edits
    .filter((e) => e.remove === true)
    .sort((x, y) => first(y.header) - first(x.header));
  let text = parsed.text;
  for (const r of removals) text = removeSection(text, r.header);
  const rest = edits.filter((e) => e.remove !== true);
  // the new lines of the edits that follow take the file's line ending, which the removals may
  // have taken out of the text (its last lines had them)
  const after = text === parsed.text ? parsed : withEol(parseIniText(text), parsed.doc.eol);
  return rest.length === 0 ? after : editParsedSections(after, rest, options);
}

/** One section of a batch edit (editParsedSections): set keys in it, or remove it. */
export type SectionEdit =
  | {
      header: string;
      entries: ReadonlyArray<readonly [key: string, value: string]>;
      removeKeys?: readonly string[];
      remove?: false;
    }
  | { header: string; remove: true };

/**
 * Many edits of distinct sections in one pass over the text: each upsert does what
 * upsertSection does (existing sections keep their place, new ones are appended at the end in the
 * order given, each after one blank line) and each removal what removeSection does. Made for
 * edits of thousands of sections at once, which one upsertSection after another would make
 * quadratic. Before it returns, the whole result is read again: every edited section reads as
 * asked (a removed one is gone) and every other section reads exactly as before, or nothing is
 * returned (the layout is too unusual: `unsafe`). Returns the parsed new text.
 */
export function editParsedSections(
  parsed: ParsedIni,
  edits: readonly SectionEdit[],
  options: Pick<UpsertOptions, 'style'> = {},
): ParsedIni {
  if (edits.length === 0) return parsed;
  const byHeader = sectionIndex(parsed);
  const twice = (e: SectionEdit): boolean =>
    e.remove === true && (byHeader.get(normaliseHeader(e.header))?.length ?? 0) > 1;
  if (edits.some(twice)) return removingDuplicates(parsed, edits, options);
  const { doc } = parsed;
  const eol = doc.eol;
  const sep = options.style === 'compact' ? '=' : ' = ';
  const newLine = (key: string, value: string): IniLine => ({
    text: value === '' ? `${key}${sep}`.trimEnd() : `${key}${sep}${value}`,
    eol,
    kind: 'key',
    key: key.toLowerCase(),
    value,
  });
  const index = sectionIndex(parsed);
  const replace = new Map<number, IniLine | null>();
  const inserts = new Map<number, IniLine[]>();
  const appended: IniLine[][] = [];
  // what each edited section must read as afterwards; null: gone
  const promised = new Map<string, { set: Map<string, string>; absent: Set<string> } | null>();
  const removedFirst = new Map<string, number>();
  for (const e of edits) {
    if (e.remove !== true) continue;
    const first = index.get(normaliseHeader(e.header))?.[0];
    if (first) removedFirst.set(normaliseHeader(e.header), first.start);
  }
  const keep = keepsTrailingComments(doc, removedFirst);
  const blockIndex = new Map(doc.blocks.map((b, i) => [b, i] as const));
  for (const e of edits) {
    const want = checkHeader(e.header);
    if (promised.has(want)) throw new Error(`editParsedSections: [${want}] is edited twice`);
    const targets = index.get(want) ?? [];
    if (e.remove === true) {
      for (const i of removedLines(doc, targets, keep, blockIndex)) replace.set(i, null);
      promised.set(want, null);
      continue;
    }
    const set = new Map<string, { key: string; value: string }>();
    for (const [k, v] of e.entries) {
      const key = checkKey(k, want);
      checkValue(key, v, want);
      set.set(key.toLowerCase(), { key, value: v.trim() });
    }
    const remove = new Set((e.removeKeys ?? []).map((k) => k.trim().toLowerCase()));
    for (const k of set.keys()) remove.delete(k);
    promised.set(want, {
      set: new Map([...set].map(([k, x]) => [k, x.value])),
      absent: remove,
    });
    const plan = planExistingSection(doc, targets, set, remove, newLine);
    if (plan === undefined) {
      const header: IniLine = { text: `[${want}]`, eol, kind: 'header', header: want };
      appended.push([header, ...[...set.values()].map(({ key, value }) => newLine(key, value))]);
      continue;
    }
    for (const [i, l] of plan.replace) replace.set(i, l);
    if (plan.additions.length > 0) inserts.set(plan.insertAfter, plan.additions);
  }

  const out: IniLine[] = [];
  const origin: number[] = [];
  doc.lines.forEach((l, i) => {
    const r = replace.get(i);
    if (r !== null) {
      out.push(r ?? l);
      origin.push(r === undefined ? i : -1);
    }
    const add = inserts.get(i);
    if (add !== undefined) {
      const prev = out[out.length - 1];
      if (prev && prev.eol === '') out[out.length - 1] = { ...prev, eol };
      for (const nl of add) {
        out.push(nl);
        origin.push(-1);
      }
    }
  });
  // a BOM on a removed first line stays at the start of the file
  const firstLine = doc.lines[0];
  if (firstLine && replace.get(0) === null && firstLine.text.startsWith(BOM)) {
    const head = out[0];
    if (head) {
      out[0] = { ...head, text: BOM + head.text };
      origin[0] = -1;
    } else {
      out.push({ text: BOM, eol: '', kind: 'blank' });
      origin.push(-1);
    }
  }
  appended.forEach((section, n) => {
    const last = out[out.length - 1];
    const onlyBom = out.length === 1 && last !== undefined && last.text === BOM && last.eol === '';
    const head = section[0] as IniLine;
    if (out.length === 0 || onlyBom) {
      if (onlyBom) section[0] = { ...head, text: BOM + head.text };
      out.length = 0;
      origin.length = 0;
    } else if (last) {
      if (last.eol === '') out[out.length - 1] = { ...last, eol };
      if (last.kind !== 'blank' || n > 0) {
        out.push({ text: '', eol, kind: 'blank' });
        origin.push(-1);
      }
    }
    for (const l of section) {
      out.push(l);
      origin.push(-1);
    }
  });

  const after = parseIniText(serialiseEdit(parsed, out, origin));
  for (const [header, p] of promised) {
    const values = readParsedSection(after, header);
    if (p === null) {
      if (values !== undefined) throw unsafe(header);
      continue;
    }
    if (values === undefined) throw unsafe(header);
    for (const [k, v] of p.set) if (values[k] !== v) throw unsafe(header);
    for (const k of p.absent)
      if (Object.prototype.hasOwnProperty.call(values, k)) throw unsafe(header);
  }
  const headers = new Set([...index.keys(), ...sectionIndex(after).keys()]);
  for (const header of headers) {
    if (promised.has(header)) continue;
    const was = readParsedSection(parsed, header);
    const is = readParsedSection(after, header);
    if (was === undefined || is === undefined || !sameReading(was, is)) throw unsafe(header);
  }
  return after;
}

function sameReading(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}
