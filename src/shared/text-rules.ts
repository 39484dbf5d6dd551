// Characters no name or value SSO Tray writes may hold. Each of them either ends a line for some
// reader (CR, LF, NEL U+0085, LINE/PARAGRAPH SEPARATOR U+2028/U+2029 for JavaScript and Python
// line splitting), is cut or mangled by a parser (NUL), or hides in a terminal (the other C0 and
// C1 controls, DEL). A value holding one could make the AWS tools read a file differently from
// SSO Tray, or make SSO Tray refuse every later edit of that file. Pure: no Node or DOM.

/** C0 controls (tab included), DEL, C1 controls (U+0085 among them), U+2028 and U+2029. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

export function hasForbiddenChars(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** `U+000A` for the first forbidden character of `text`, or null when it has none. */
export function firstForbiddenChar(text: string): string | null {
  const m = FORBIDDEN.exec(text);
  if (m === null) return null;
  return `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * "The start URL contains a control character (U+2028)…", naming the field and the character but
 * never quoting the value (it may be a secret). Null when the text is clean.
 */
export function describeForbiddenChar(what: string, text: string): string | null {
  const ch = firstForbiddenChar(text);
  if (ch === null) return null;
  return `${what} contains a control or line-breaking character (${ch}), which the AWS tools would read differently; remove it.`;
}
