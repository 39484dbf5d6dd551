// The one rule for characters that may never be written into an AWS file (config, credentials)
// or used in a name: they end a line for some reader, are invisible, or are not text at all.
// Used by the INI writer for every section name, key and value, and by anything that checks a
// name or value before it gets that far (schemas, the CLI). Pure: no Node, DOM or Electron.
//
// Refused:
//  - C0 controls U+0000–U+001F (NUL, tab, line feed, carriage return, ...) and DEL U+007F;
//  - C1 controls U+0080–U+009F, among them NEL U+0085, which some readers take as a line break;
//  - the line and paragraph separators U+2028 and U+2029 (a line break for JavaScript's regular
//    expressions and Python's str.splitlines: a line holding one reads differently per tool);
//  - a lone UTF-16 surrogate, which cannot be encoded as UTF-8 (it would be written as U+FFFD).

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'a NUL character',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x7f: 'a DEL character',
  0x85: 'a next-line character',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
};

/** Whether `s` holds a character that is never written to an AWS file (see above). */
export function hasForbiddenChars(s: string): boolean {
  return FORBIDDEN.test(s);
}

/** The code point as U+XXXX. */
function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * What the first forbidden character of `s` is, in words ("a NUL character (U+0000)", "a line
 * separator (U+2028)"); undefined when `s` has none. Names the character, never quotes `s`.
 */
export function describeForbiddenChar(s: string): string | undefined {
  const m = FORBIDDEN.exec(s);
  if (m === null) return undefined;
  const ch = m[0];
  const c = ch.charCodeAt(0);
  const name =
    NAMES[c] ?? (c >= 0xd800 && c <= 0xdfff ? 'an unpaired surrogate' : 'a control character');
  return `${name} (${codePoint(ch)})`;
}

/**
 * The message for a field holding a forbidden character, e.g. "The start URL contains a line
 * separator (U+2028). ..."; undefined when `value` is fine. `field` names the field ("The start
 * URL", "The value of aws_session_token"); the value itself is never quoted (it may be a secret).
 */
export function forbiddenCharsMessage(field: string, value: string): string | undefined {
  const what = describeForbiddenChar(value);
  if (what === undefined) return undefined;
  return (
    `${field} contains ${what}. Control characters, line breaks and the separators U+2028 and ` +
    'U+2029 cannot be used; nothing was written.'
  );
}

/** `s` with each forbidden character replaced by `?`, for showing a name in a message. */
export function printableName(s: string): string {
  return s.replace(FORBIDDEN_ALL, '?');
}
