import { describe, expect, it } from 'vitest';
import {
  describeForbiddenChar,
  forbiddenCharsMessage,
  hasForbiddenChars,
  printableName,
} from './text-rules';

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

describe('the character rule for AWS files', () => {
  it('refuses every C0 control, DEL, every C1 control and U+2028/U+2029', () => {
    const refused = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
      0x2028,
      0x2029,
    ];
    for (const c of refused) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(hasForbiddenChars(s), `U+${hex(c)}`).toBe(true);
      expect(describeForbiddenChar(s)).toContain(`(U+${hex(c)})`);
    }
  });

  it('accepts printable ASCII and other Unicode text, including emoji (surrogate pairs)', () => {
    let ascii = '';
    for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
    for (const s of [ascii, 'café', 'Ünïcödé', '日本語', 'profile-✓', '\u00a0nbsp', 'x😀y', '']) {
      expect(hasForbiddenChars(s), JSON.stringify(s)).toBe(false);
      expect(describeForbiddenChar(s)).toBeUndefined();
    }
  });

  it('refuses a lone surrogate, which UTF-8 cannot encode', () => {
    expect(hasForbiddenChars('a\ud800b')).toBe(true);
    expect(hasForbiddenChars('a\udc00')).toBe(true);
    expect(describeForbiddenChar('\ud83d')).toBe('an unpaired surrogate (U+D83D)');
  });

  it('names the character in words', () => {
    expect(describeForbiddenChar('a\u0000')).toBe('a NUL character (U+0000)');
    expect(describeForbiddenChar('a\nb')).toBe('a line break (U+000A)');
    expect(describeForbiddenChar('\u0085')).toBe('a next-line character (U+0085)');
    expect(describeForbiddenChar('x\u2028')).toBe('a line separator (U+2028)');
    expect(describeForbiddenChar('x\u2029')).toBe('a paragraph separator (U+2029)');
    expect(describeForbiddenChar('\u0007')).toBe('a control character (U+0007)');
    // the first one counts
    expect(describeForbiddenChar('a\u2029b\u0000')).toBe('a paragraph separator (U+2029)');
  });

  it('writes a message naming the field, never the value', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG\u2028bPxRfiCY';
    const message = forbiddenCharsMessage('The value of aws_secret_access_key', secret);
    expect(message).toMatch(/^The value of aws_secret_access_key contains a line separator/);
    expect(message).not.toContain('wJalr');
    expect(message).toContain('nothing was written');
    expect(forbiddenCharsMessage('The start URL', 'https://x.awsapps.com/start')).toBeUndefined();
  });

  it('shows a name with each forbidden character as ?', () => {
    expect(printableName('sso-session a\u0000b\u2028c')).toBe('sso-session a?b?c');
  });
});
