import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PALETTE_SHORTCUT,
  acceleratorSchema,
  paletteShortcutSchema,
  readAccelerator,
} from './accelerator';

describe('readAccelerator', () => {
  it('accepts modifiers and one key, given back in Electron spelling', () => {
    expect(readAccelerator('ctrl+alt+k')).toEqual({ ok: true, value: 'Control+Alt+K' });
    expect(readAccelerator(' CmdOrCtrl + Shift + space ')).toEqual({
      ok: true,
      value: 'CommandOrControl+Shift+Space',
    });
    expect(readAccelerator('Option+F12')).toEqual({ ok: true, value: 'Alt+F12' });
    expect(readAccelerator('Super+Plus')).toEqual({ ok: true, value: 'Super+Plus' });
    expect(readAccelerator('Control+/')).toEqual({ ok: true, value: 'Control+/' });
    expect(readAccelerator('Alt+num5')).toEqual({ ok: true, value: 'Alt+num5' });
    expect(readAccelerator('Meta+return')).toEqual({ ok: true, value: 'Super+Enter' });
    expect(readAccelerator(DEFAULT_PALETTE_SHORTCUT)).toEqual({
      ok: true,
      value: DEFAULT_PALETTE_SHORTCUT,
    });
  });

  it('refuses what Electron would not read, or what would take a key from every app', () => {
    const refused: Array<[string, RegExp]> = [
      ['', /Enter a shortcut/],
      ['K', /Add Control, Alt/],
      ['Shift+K', /Add Control, Alt/],
      ['Control+', /Join the keys/],
      ['Control++', /Join the keys/],
      ['Hyper+K', /“Hyper” is not a modifier/],
      ['Control+Control+K', /“Control” is there twice/],
      ['Ctrl+Control+K', /“Control” is there twice/],
      ['Control+Alt', /End the shortcut with a key/],
      ['Control+F25', /“F25” is not a key/],
      ['Control+KK', /“KK” is not a key/],
      ['Control+K+L', /“K” is not a modifier/],
      ['Control+é', /“é” is not a key/],
      ['Control+' + 'A'.repeat(100), /too long/],
    ];
    for (const [text, message] of refused) {
      const reading = readAccelerator(text);
      expect(reading.ok, text).toBe(false);
      if (!reading.ok) expect(reading.message, text).toMatch(message);
    }
  });

  it('the schemas normalise; the setting also takes "" for none', () => {
    expect(acceleratorSchema.parse('cmd+shift+p')).toBe('Command+Shift+P');
    expect(acceleratorSchema.safeParse('P').success).toBe(false);
    expect(paletteShortcutSchema.parse('')).toBe('');
    expect(paletteShortcutSchema.parse('alt+space')).toBe('Alt+Space');
    expect(paletteShortcutSchema.safeParse('nonsense').success).toBe(false);
  });
});
