// The one way SSO Tray edits an AWS INI file (the config file and the credentials file). Every
// writer (profiles, credential_process and sso_session profiles, [sso-session] sections) goes
// through editIniFile, which puts together:
//  - the atomic, locked replace of the file (atomic-file.ts);
//  - lossless edits that refuse names and values breaking the character rule (ini-edit.ts and
//    src/shared/text-rules.ts), before anything is written;
//  - a refusal to edit a text the AWS tools cannot read (assertReadableByAwsTools), and
//  - after the edit and before the rename, a check of the whole new text with the project's own
//    reader: it has no unreadable line, every section edited reads back with exactly the values
//    written (removed keys and sections gone), and every other section reads as it did before.
// Should that check ever fail, the file is left as it was and the error says so.

import { SsoTrayError } from '../errors';
import {
  editFileAtomically,
  type AtomicEditOptions,
  type AtomicEditResult,
  type NewContent,
} from './atomic-file';
import { changeBytes } from './ini-splice';
import { editParsedSections, type SectionEdit } from './ini-batch-edit';
import { removeSection, upsertParsed, type UpsertOptions } from './ini-edit';
import {
  normaliseHeader,
  parseIniText,
  readParsedSection,
  scanParsedSection,
  type IniChange,
  type ParsedIni,
} from './ini-parse';
import { assertReadableByAwsTools, blocksAround } from './ini-verify';

/** The text of the file being edited, and the edits a writer may make to it. */
export interface IniEditor {
  /** The path given to editIniFile (for messages). */
  readonly path: string;
  /** Whether the file existed when it was read. */
  readonly existed: boolean;
  /** The text with the edits made so far ('' for a file that does not exist yet). */
  readonly text: string;
  /** That text, parsed (for readers of many sections). */
  readonly parsed: ParsedIni;
  /** A section's values as the AWS tools read them now (see readSection). */
  read(header: string): Record<string, string> | undefined;
  /** upsertSection on the current text. */
  upsert(
    header: string,
    entries: ReadonlyArray<readonly [key: string, value: string]>,
    options?: UpsertOptions,
  ): void;
  /** removeSection on the current text. */
  remove(header: string): void;
  /** Many upserts and removals of distinct sections at once (editParsedSections). */
  editSections(edits: readonly SectionEdit[], options?: Pick<UpsertOptions, 'style'>): void;
}

/** What an edit promised for one section: removed, or these keys set and those gone. */
export interface IniExpectation {
  removed: boolean;
  set: Map<string, string>;
  absent: Set<string>;
}

class Editor implements IniEditor {
  current: ParsedIni;
  private reads = 0;
  readonly expected = new Map<string, IniExpectation>();

  constructor(
    readonly path: string,
    readonly original: ParsedIni,
    readonly existed: boolean,
  ) {
    this.current = original;
  }

  get text(): string {
    return this.current.text;
  }

  get parsed(): ParsedIni {
    return this.current;
  }

  read(header: string): Record<string, string> | undefined {
    // one read (a profile writer) scans the sections; more (populate) use an index of them
    this.reads++;
    return this.reads === 1
      ? scanParsedSection(this.current, header)
      : readParsedSection(this.current, header);
  }

  upsert(
    header: string,
    entries: ReadonlyArray<readonly [key: string, value: string]>,
    options: UpsertOptions = {},
  ): void {
    this.current = upsertParsed(this.current, header, entries, options);
    this.promise(header, entries, options.removeKeys);
  }

  /** Records what an upsert promised for its section (checked before the rename). */
  private promise(
    header: string,
    entries: ReadonlyArray<readonly [key: string, value: string]>,
    removeKeys: readonly string[] = [],
  ): void {
    const h = normaliseHeader(header);
    const e = this.expected.get(h) ?? { removed: false, set: new Map(), absent: new Set() };
    e.removed = false;
    const keys = new Set<string>();
    for (const [k, v] of entries) {
      const key = k.trim().toLowerCase();
      keys.add(key);
      e.set.set(key, v.trim());
      e.absent.delete(key);
    }
    for (const k of removeKeys) {
      const key = k.trim().toLowerCase();
      if (keys.has(key)) continue;
      e.set.delete(key);
      e.absent.add(key);
    }
    this.expected.set(h, e);
  }

  editSections(edits: readonly SectionEdit[], options: Pick<UpsertOptions, 'style'> = {}): void {
    const next = editParsedSections(this.current, edits, options);
    for (const e of edits) {
      if (e.remove === true) {
        this.expected.set(normaliseHeader(e.header), {
          removed: true,
          set: new Map(),
          absent: new Set(),
        });
      } else this.promise(e.header, e.entries, e.removeKeys);
    }
    this.current = next;
  }

  remove(header: string): void {
    const text = removeSection(this.current.text, header);
    this.expected.set(normaliseHeader(header), {
      removed: true,
      set: new Map(),
      absent: new Set(),
    });
    if (text !== this.current.text) this.current = parseIniText(text);
  }
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

export interface IniEditOptions extends AtomicEditOptions {
  /**
   * Runs once the new text has passed the check, before the rename, while the file is still
   * locked and the new file is being written (to record what is about to be written, so a crash
   * right after leaves a record that knows it). An error here leaves the file untouched.
   */
  beforeReplace?: (ini: IniEditor) => Promise<void>;
}

/**
 * Edits the INI file at `path`: `edit` reads and changes it through the editor (making no change
 * writes nothing); it may be async and runs while the file is locked. Refuses a file the AWS
 * tools cannot read, and checks the new text as above before the rename. Errors thrown by `edit`
 * pass through, with the file untouched.
 */
export async function editIniFile(
  path: string,
  edit: (ini: IniEditor) => void | Promise<void>,
  options: IniEditOptions = {},
): Promise<AtomicEditResult> {
  const { beforeReplace, ...atomic } = options;
  return editFileAtomically(
    path,
    async (current, bytes): Promise<NewContent | null> => {
      const original = parseIniText(current ?? '');
      assertReadableByAwsTools(original, path);
      const editor = new Editor(path, original, current !== null);
      await edit(editor);
      const edited = editor.current;
      // a text spliced from the original differs from it (spliceIni returns the original when
      // the insert is what it replaces): no need to compare megabytes
      if (edited === original) return null;
      const spliced = edited.change?.base === original ? edited.change : undefined;
      if (spliced === undefined && edited.text === original.text) return null;
      checkIniEdit(original, edited, editor.expected, path);
      return {
        text: edited.text,
        ...(spliced && { bytes: changeBytes(spliced, bytes) }),
        ...(beforeReplace && { beforeRename: () => beforeReplace(editor) }),
      };
    },
    atomic,
  );
}
