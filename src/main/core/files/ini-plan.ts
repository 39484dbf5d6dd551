// How an existing section changes when keys are set in it and others removed (planExistingSection):
// which lines are replaced or deleted and where new key lines go, keeping the section's layout.
// Shared by the edit of one section (upsertParsed, ini-edit.ts) and of many (ini-batch-edit.ts).
import type { IniBlock, IniDocument, IniLine } from './ini-parse';

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

/** How one existing section changes: lines replaced or deleted, new key lines after a line. */
export interface SectionPlan {
  /** Per line index: null = delete, IniLine = replace (lines not in the map are kept). */
  replace: Map<number, IniLine | null>;
  /** The index of the line after which `additions` go. */
  insertAfter: number;
  additions: IniLine[];
}

/** The edit of the existing sections `targets` (same header, file order) for an upsert (one or a batch). */
export function planExistingSection(
  doc: IniDocument,
  targets: readonly IniBlock[],
  set: ReadonlyMap<string, { key: string; value: string }>,
  remove: ReadonlySet<string>,
  newLine: (key: string, value: string) => IniLine,
): SectionPlan | undefined {
  // Per line: undefined = keep, null = delete, IniLine = replace. Insertions after an index.
  const replace = new Map<number, IniLine | null>();
  const [first, ...later] = targets;
  if (!first) return undefined;
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
  const lines = additions.map(({ key, value }) => {
    const nl = newLine(key, value);
    return { ...nl, text: indent + nl.text };
  });
  return { replace, insertAfter, additions: lines };
}
