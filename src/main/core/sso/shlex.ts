// Python's `shlex.split(text)` (POSIX mode, no comments): how botocore turns a config section
// header such as `sso-session "my portal"` into words. Null where Python raises ValueError
// (an unclosed quote, a backslash at the very end), in which case botocore skips the section.

const WHITESPACE = ' \t\r\n';
/** Inside double quotes a backslash escapes only these (and otherwise stays as it is). */
const DOUBLE_QUOTE_ESCAPES = '"\\';

export function shlexSplit(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      if (i + 1 >= text.length) return null;
      word += text[i + 1];
      i += 2;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return null;
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const c = text[i] as string;
        if (c === '"') break;
        if (
          c === '\\' &&
          i + 1 < text.length &&
          DOUBLE_QUOTE_ESCAPES.includes(text[i + 1] as string)
        ) {
          word += text[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      i++;
    } else {
      word += ch;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
