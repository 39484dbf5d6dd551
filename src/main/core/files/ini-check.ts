// The check of a whole edited INI text before it replaces the file (checkIniEdit, see
// ini-file.ts): it is readable by the AWS tools, every section edited reads back as the edit
// promised, and every other section reads as it did, found without reading every section of a
// big file (otherSectionChanged).
import { SsoTrayError } from '../errors';
import { readParsedSection, scanParsedSection, type IniChange, type ParsedIni } from './ini-parse';
import { assertReadableByAwsTools, blocksAround } from './ini-verify';

/** What an edit promised for one section: removed, or these keys set and those gone. */
export interface IniExpectation {
  removed: boolean;
  set: Map<string, string>;
  absent: Set<string>;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/**
 * The check of a whole edited text before it replaces the file: readable by the AWS tools, every
 * section in `expected` reads back as promised, every other section reads as in `before`.
 * Throws SsoTrayError('FILE') otherwise. Exported for its tests.
 */
export function checkIniEdit(
  before: ParsedIni,
  after: ParsedIni,
  expected: ReadonlyMap<string, IniExpectation>,
  fileName: string,
): void {
  assertReadableByAwsTools(after, fileName);
  const wrong = (header: string): never => {
    throw new SsoTrayError(
      'FILE',
      `SSO Tray's change to ${fileName} would not read back as intended (around [${header}]), ` +
        'so the file was left as it was; edit it by hand.',
    );
  };
  const now = readAllSectionsOf(after, expected);
  for (const [header, e] of expected) {
    const values = now.get(header);
    if (e.removed) {
      if (values !== undefined) wrong(header);
      continue;
    }
    if (values === undefined) return wrong(header);
    for (const [k, v] of e.set) if (values[k] !== v) wrong(header);
    for (const k of e.absent) if (Object.prototype.hasOwnProperty.call(values, k)) wrong(header);
  }
  const changed = otherSectionChanged(before, after, expected);
  if (changed !== undefined) wrong(changed);
}

/** The readings of the sections named in `expected`. */
function readAllSectionsOf(
  parsed: ParsedIni,
  expected: ReadonlyMap<string, IniExpectation>,
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const header of expected.keys()) {
    const values = scanParsedSection(parsed, header);
    if (values !== undefined) out.set(header, values);
  }
  return out;
}

// Comparing in chunks: a slice comparison is a memory comparison, far cheaper than walking
// megabytes character by character.
const CHUNK = 4096;

/** The length of the longest common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let c = CHUNK; c >= 1; c >>= 1) {
    while (i + c <= n && a.slice(i, i + c) === b.slice(i, i + c)) i += c;
  }
  return i;
}

/** The length of the longest common suffix of a and b, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  for (let c = CHUNK; c >= 1; c >>= 1) {
    while (
      i + c <= limit &&
      a.slice(a.length - i - c, a.length - i) === b.slice(b.length - i - c, b.length - i)
    ) {
      i += c;
    }
  }
  return i;
}

/** Header by the offset of its header line, for every section of a parsed text. */
function headersByOffset(parsed: ParsedIni): Map<number, string> {
  const out = new Map<number, string>();
  for (const b of parsed.doc.blocks) {
    if (b.header !== undefined) out.set(parsed.starts[b.start] ?? 0, b.header);
  }
  return out;
}

/**
 * The first section other than those in `expected` that reads differently after the edit (or
 * appeared, or went away); undefined when none does.
 *
 * Done without reading every section of a big file: the texts are compared to find the changed
 * span (common prefix and suffix). A section wholly inside the common prefix, up to and including
 * the next header line, reads the same (same text, read in the same state). One wholly inside the
 * common suffix reads the same if its header line and the one after it are still headers there
 * (from a header on, the reader depends on nothing before it). Every other section is read in
 * both texts and compared. For a text made from `before` by one spliceIni (a single upsert), only
 * the sections around the change are compared (changedAround). Exported for its tests.
 */
export function otherSectionChanged(
  before: ParsedIni,
  after: ParsedIni,
  expected: ReadonlyMap<string, IniExpectation>,
): string | undefined {
  if (after.change?.base === before) return changedAround(before, after, after.change, expected);
  const a = before.text;
  const b = after.text;
  const prefix = commonPrefix(a, b);
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  const suffixA = a.length - suffix;
  const suffixB = b.length - suffix;
  const delta = b.length - a.length;
  const headersAfter = headersByOffset(after);
  const headersBefore = headersByOffset(before);
  const touched = new Set<string>();
  const visit = (
    parsed: ParsedIni,
    suffixStart: number,
    other: Map<number, string>,
    shift: number,
  ): void => {
    const { starts, doc, text } = parsed;
    for (const block of doc.blocks) {
      const h = block.header;
      if (h === undefined || expected.has(h)) continue;
      const start = starts[block.start] ?? 0;
      const end = starts[block.end] ?? 0;
      // the next header line, with its line ending, is in the prefix too
      if (block.end < doc.lines.length && (starts[block.end + 1] ?? text.length) <= prefix)
        continue;
      // in the suffix and still a section there, ending where it did
      const kept =
        start >= suffixStart &&
        other.get(start + shift) === h &&
        (end === text.length || other.has(end + shift));
      if (!kept) touched.add(h);
    }
  };
  visit(before, suffixA, headersAfter, delta);
  visit(after, suffixB, headersBefore, -delta);
  for (const h of touched) {
    const was = readParsedSection(before, h);
    const is = readParsedSection(after, h);
    if (was === undefined || is === undefined || !sameValues(was, is)) return h;
  }
  return undefined;
}

/**
 * otherSectionChanged for a text made from `before` by spliceIni: only the sections with a block
 * around the change can read differently (blocksAround), so only those are read in both texts.
 */
function changedAround(
  before: ParsedIni,
  after: ParsedIni,
  change: IniChange,
  expected: ReadonlyMap<string, IniExpectation>,
): string | undefined {
  const around = blocksAround(after, change);
  const headers = new Set<string>();
  for (const b of [...around.before, ...around.after]) {
    if (b.header !== undefined && !expected.has(b.header)) headers.add(b.header);
  }
  for (const h of headers) {
    const was = readParsedSection(before, h);
    const is = scanParsedSection(after, h);
    if (was === undefined || is === undefined || !sameValues(was, is)) return h;
  }
  return undefined;
}
