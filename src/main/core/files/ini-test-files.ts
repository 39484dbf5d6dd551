// Test support: fast-check generators of whole INI texts, shared by the INI property tests.
import fc from 'fast-check';

/** A profile's three credential keys with values of the characters INI values may hold. */
export const CREDS: Array<[string, string]> = [
  ['aws_access_key_id', 'ASIANEW'],
  ['aws_secret_access_key', 'secret/NEW+'],
  ['aws_session_token', 'token=='],
];

/**
 * Texts of up to `maxLength` lines drawn from `lineArb`, each ended by one of `eolArb` (all the
 * first one's, or mixed), with or without a BOM and a final line ending.
 */
export function iniTextArb(
  lineArb: fc.Arbitrary<string>,
  eolArb: fc.Arbitrary<string>,
  maxLength: number,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(lineArb, eolArb), { maxLength }),
      fc.constantFrom('same', 'mixed'),
      fc.boolean(),
    )
    .map(([bom, lines, eolMode, finalNewline]) => {
      const firstEol = lines[0]?.[1] ?? '\n';
      let text = bom ? '\ufeff' : '';
      lines.forEach(([l, e], i) => {
        const eol = eolMode === 'same' ? firstEol : e;
        text += l + (i === lines.length - 1 && !finalNewline ? '' : eol);
      });
      return text;
    });
}
