// The sections of an AWS config file as botocore's configparser names them, in file order, and
// the problems of the file as a whole that make the AWS CLI refuse it (a line it cannot read, a
// section or key set twice, a nested value that is not key = value, a BOM). readSsoConfig
// (config.ts) builds the sessions and their issues on this.
import { printable } from '../../../shared/rules';
import { BOM, sectionValues, type IniDocument } from '../files/ini-parse';
import type { ConfigIssue } from './config';
import { shlexSplit } from './shlex';

export interface RawSection {
  /** The header text exactly as configparser keeps it (the line stripped, inside `[` `]`). */
  raw: string;
  line: number;
  values: Record<string, string>;
}

/** The sections in file order, as Python's configparser names them, plus file-level problems. */
export function rawSections(doc: IniDocument): { sections: RawSection[]; issues: ConfigIssue[] } {
  const sections: RawSection[] = [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  doc.lines.forEach((l, i) => {
    if (l.kind !== 'other') return;
    issues.push({
      section: null,
      line: i + 1,
      reason: l.text.trim().startsWith('[')
        ? 'a section header without its closing ], so the AWS CLI refuses the whole file'
        : 'neither a [section] header nor a key = value line, so the AWS CLI refuses the whole file',
      fix: `Fix or remove line ${i + 1}.`,
    });
  });
  for (const block of doc.blocks) {
    if (block.header === undefined) continue;
    const headerLine = doc.lines[block.start];
    const text = (headerLine?.text ?? '').replace(/^\ufeff/, '').trim();
    const raw = text.slice(1, text.lastIndexOf(']'));
    const line = block.start + 1;
    const values = sectionValues(doc, block);
    const first = seen.get(raw);
    // A repeated section is read as one, later keys winning (as the JS SDK does); botocore refuses
    // such a file, which the issue says.
    const earlier = first === undefined ? undefined : sections.find((x) => x.raw === raw);
    if (earlier !== undefined) Object.assign(earlier.values, values);
    else sections.push({ raw, line, values });
    if (first !== undefined) {
      issues.push({
        section: printable(raw),
        line,
        reason: `appears twice (first on line ${first}), so the AWS CLI refuses the whole file`,
        fix: 'Merge the two sections into one.',
      });
    } else {
      seen.set(raw, line);
    }
    // botocore reads a value that starts on the next line (`s3 =` and indented lines) as nested
    // `key = value` lines; one without `=` makes it refuse the whole file.
    for (const [key, value] of Object.entries(values)) {
      if (!value.startsWith('\n')) continue;
      const bad = value.split('\n').find((x) => x.trim() !== '' && !x.includes('='));
      if (bad === undefined) continue;
      issues.push({
        section: printable(raw),
        line,
        reason: `continues ${key} on indented lines that are not key = value, so the AWS CLI refuses the whole file`,
        fix: `Put the value of ${key} on the same line as "${key} =".`,
      });
    }
    const keys = new Map<string, number>();
    for (let i = block.start + 1; i < block.end; i++) {
      const l = doc.lines[i];
      if (l?.kind !== 'key' || l.key === undefined) continue;
      const before = keys.get(l.key);
      if (before === undefined) {
        keys.set(l.key, i + 1);
        continue;
      }
      issues.push({
        section: printable(raw),
        line: i + 1,
        reason: `sets ${l.key} twice (first on line ${before}), so the AWS CLI refuses the whole file`,
        fix: `Keep one ${l.key} line in [${printable(raw)}].`,
      });
    }
  }
  if (doc.lines[0]?.text.startsWith(BOM)) {
    issues.push({
      section: null,
      line: 1,
      reason: 'starts with a byte order mark (BOM), which the AWS CLI cannot read',
      fix: 'Save the file as UTF-8 without BOM.',
    });
  }
  return { sections, issues };
}

/** botocore's name for a `prefix NAME` header, or why it has none. */
export function sectionName(raw: string, prefix: string): { name: string } | { problem: string } {
  const words = shlexSplit(raw);
  if (words === null) return { problem: 'has an unclosed quote in its name, so botocore skips it' };
  if (words.length === 1) return { problem: `has no name after "${prefix}"` };
  if (words.length > 2) {
    return { problem: 'has a space in its name, so botocore skips it' };
  }
  return { name: words[1] ?? '' };
}

export function quotedFix(prefix: string, raw: string): string {
  const words = raw.trim().split(/\s+/).slice(1);
  const dashed = words.join('-').replace(/["'\\]/g, '');
  return (
    `Rename it to [${prefix} ${dashed || 'name'}] (and every line that refers to it), ` +
    `or quote the name: [${prefix} "${words.join(' ').replace(/["\\]/g, '')}"].`
  );
}
