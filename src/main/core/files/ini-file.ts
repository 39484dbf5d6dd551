// The one way SSO Tray edits an AWS INI file (the config file and the credentials file). Every
// writer (profiles, credential_process and sso_session profiles, [sso-session] sections) goes
// through editIniFile, which puts together:
//  - the atomic, locked replace of the file (atomic-file.ts);
//  - lossless edits that refuse names and values breaking the character rule (ini-edit.ts and
//    src/shared/text-rules.ts), before anything is written;
//  - a refusal to edit a text the AWS tools cannot read (assertReadableByAwsTools), and
//  - after the edit and before the rename, a check of the whole new text with the project's own
//    reader: it has no unreadable line, every section edited reads back with exactly the values
//    written (removed keys and sections gone), and every other section reads as it did before
//    (ini-check.ts).
// Should that check ever fail, the file is left as it was and the error says so.

import {
  editFileAtomically,
  editFileContent,
  type AtomicEditOptions,
  type AtomicEditResult,
  type NewContent,
} from './atomic-file';
import { checkIniEdit, type IniExpectation } from './ini-check';
import { changeBytes } from './ini-splice';
import { editParsedSections, type SectionEdit } from './ini-batch-edit';
import { removeSection, upsertParsed, type UpsertOptions } from './ini-edit';
import {
  normaliseHeader,
  parseIniText,
  readParsedSection,
  scanParsedSection,
  withEol,
  type ParsedIni,
} from './ini-parse';
import { assertReadableByAwsTools } from './ini-verify';
import { closeWindow, openWindow } from './ini-window';
import type { IniScan } from './ini-scan';

export { checkIniEdit, otherSectionChanged, type IniExpectation } from './ini-check';

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

class Editor implements IniEditor {
  current: ParsedIni;
  private reads = 0;
  readonly expected = new Map<string, IniExpectation>();

  constructor(
    readonly path: string,
    readonly original: ParsedIni,
    readonly existed: boolean,
    /** The line ending of new lines, when `original` is a window of a bigger text. */
    private readonly eol?: string,
  ) {
    this.current = original;
  }

  /** Sets the current text, keeping the whole file's line ending for a window of it. */
  private set(next: ParsedIni): void {
    this.current = this.eol === undefined ? next : withEol(next, this.eol);
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
    this.set(upsertParsed(this.current, header, entries, options));
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
    this.set(next);
  }

  remove(header: string): void {
    const text = removeSection(this.current.text, header);
    this.expected.set(normaliseHeader(header), {
      removed: true,
      set: new Map(),
      absent: new Set(),
    });
    if (text !== this.current.text) this.set(parseIniText(text));
  }
}

/** The editor's text once `edit` ran, checked (checkIniEdit); null when it changed nothing. */
function checkedEdit(editor: Editor, path: string): ParsedIni | null {
  const { original, current: edited } = editor;
  // a text spliced from the original differs from it (spliceIni returns the original when
  // the insert is what it replaces): no need to compare megabytes
  if (edited === original) return null;
  if (edited.change?.base !== original && edited.text === original.text) return null;
  checkIniEdit(original, edited, editor.expected, path);
  return edited;
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
      const edited = checkedEdit(editor, path);
      if (edited === null) return null;
      const spliced = edited.change?.base === original ? edited.change : undefined;
      return {
        text: edited.text,
        ...(spliced && { bytes: changeBytes(spliced, bytes) }),
        ...(beforeReplace && { beforeRename: () => beforeReplace(editor) }),
      };
    },
    atomic,
  );
}

/** The edits a writer of one section makes through editIniSection. */
export interface IniSectionEditor {
  /** The path given to editIniSection (for messages). */
  readonly path: string;
  /** Whether the file existed when it was read. */
  readonly existed: boolean;
  /** The section's values as the AWS tools read them now; undefined when there is none. */
  read(): Record<string, string> | undefined;
  /** upsertSection of the section. */
  upsert(
    entries: ReadonlyArray<readonly [key: string, value: string]>,
    options?: UpsertOptions,
  ): void;
  /** removeSection of the section. */
  remove(): void;
}

/**
 * What an edit of one section leaves for the next edit of the file (NewContent.memo): the scan of
 * the bytes it wrote, which that edit then need not make again. Made while the new bytes are
 * written (settle), not on the way to writing them.
 */
class ScanMemo {
  private made = false;
  private value: IniScan | undefined;
  constructor(private readonly make: () => IniScan | undefined) {}
  /** Makes the scan now, if not made yet. */
  settle(): void {
    if (this.made) return;
    this.value = this.make();
    this.made = true;
  }
  get scan(): IniScan | undefined {
    this.settle();
    return this.value;
  }
}

/**
 * editIniFile for a writer of the one section `header` (a profile of the credentials file): the
 * same refusals, edit and checks, made on the window of the file around that section
 * (ini-window.ts), so a big file is scanned once rather than parsed line by line. `beforeReplace`
 * is as in editIniFile.
 */
export async function editIniSection(
  path: string,
  header: string,
  edit: (section: IniSectionEditor) => void | Promise<void>,
  options: AtomicEditOptions & { beforeReplace?: () => Promise<void> } = {},
): Promise<AtomicEditResult> {
  const { beforeReplace, ...atomic } = options;
  const want = normaliseHeader(header);
  return editFileContent(
    path,
    async (file): Promise<NewContent | null> => {
      const bytes = file?.bytes ?? new Uint8Array(0);
      const known = file?.memo instanceof ScanMemo ? file.memo.scan : undefined;
      const window = openWindow(bytes, want, path, known);
      // everything before the window is written as it is (closeWindow)
      file?.keepHead?.(window.start);
      const editor = new Editor(path, window.parsed, file !== null, window.eol);
      await edit({
        path,
        existed: file !== null,
        read: () => editor.read(header),
        upsert: (entries, opts) => editor.upsert(header, entries, opts),
        remove: () => editor.remove(header),
      });
      const edited = checkedEdit(editor, path);
      if (edited === null) return null;
      const closed = closeWindow(bytes, window, edited, want);
      const memo = new ScanMemo(closed.scan);
      return {
        bytes: closed.bytes,
        memo,
        beforeRename: async () => {
          memo.settle(); // while the new bytes are written
          await beforeReplace?.();
        },
      };
    },
    atomic,
  );
}
