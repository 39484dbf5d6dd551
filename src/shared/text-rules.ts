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
