// The quick pick's global shortcut, written as an Electron accelerator ("CommandOrControl+Alt+
// Shift+Space"): one rule for the settings schema, the Settings field and the IPC contract. A
// value is modifiers, then one key, joined by "+". At least one modifier other than Shift is
// required, because a global shortcut takes its keys away from every other app (Shift+A would
// take the capital A). Names are matched without regard to case and given back in Electron's
// spelling, so "ctrl+alt+k" is stored as "Control+Alt+K". Pure: zod only.
import { z } from 'zod';

/**
 * The default. Chosen because no common OS or app default uses it: Control+Alt on Windows is
 * AltGr, and AltGr+Shift+letter types letters on many layouts (Polish Ą, Ś…), while
 * AltGr+Shift+Space types nothing there; macOS, GNOME and KDE assign nothing to
 * Command/Control+Option/Alt+Shift+Space; and it is not one of VoiceOver's Control+Option
 * commands, which never include Shift+Space.
 */
export const DEFAULT_PALETTE_SHORTCUT = 'CommandOrControl+Alt+Shift+Space';

/** Modifier names Electron accepts, by lower-case spelling, in Electron's spelling. */
const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Named keys Electron accepts, by lower-case spelling. */
const NAMED_KEYS: Record<string, string> = {
  plus: 'Plus',
  space: 'Space',
  tab: 'Tab',
  capslock: 'Capslock',
  numlock: 'Numlock',
  scrolllock: 'Scrolllock',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  return: 'Enter',
  enter: 'Enter',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  escape: 'Escape',
  esc: 'Escape',
  volumeup: 'VolumeUp',
  volumedown: 'VolumeDown',
  volumemute: 'VolumeMute',
  medianexttrack: 'MediaNextTrack',
  mediaprevioustrack: 'MediaPreviousTrack',
  mediastop: 'MediaStop',
  mediaplaypause: 'MediaPlayPause',
  printscreen: 'PrintScreen',
  numdec: 'numdec',
  numadd: 'numadd',
  numsub: 'numsub',
  nummult: 'nummult',
  numdiv: 'numdiv',
};

/** Single punctuation keys Electron accepts (`+` is written `Plus`). */
const PUNCTUATION = new Set([...')!@#$%^&*(:;<=>,_-.?/~`{}[]|\\\'"']);

function keyName(part: string): string | null {
  const lower = part.toLowerCase();
  if (/^[a-z0-9]$/.test(lower)) return lower.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return lower.toUpperCase();
  if (/^num[0-9]$/.test(lower)) return lower;
  if (part.length === 1 && PUNCTUATION.has(part)) return part;
  return NAMED_KEYS[lower] ?? null;
}

export type AcceleratorReading = { ok: true; value: string } | { ok: false; message: string };

/** Reads an accelerator: Electron's spelling of it, or what is wrong with it, in words. */
export function readAccelerator(text: string): AcceleratorReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a shortcut, such as Control+Alt+K.' };
  if (trimmed.length > 100) return { ok: false, message: 'That shortcut is too long.' };
  const parts = trimmed.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    return { ok: false, message: 'Join the keys with “+”, and write the plus key as “Plus”.' };
  }
  const key = parts.pop() as string;
  const modifiers: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier === undefined) {
      return {
        ok: false,
        message: `“${part}” is not a modifier: use CommandOrControl, Control, Alt, Shift or Super, then one key.`,
      };
    }
    if (modifiers.includes(modifier)) {
      return { ok: false, message: `“${modifier}” is there twice.` };
    }
    modifiers.push(modifier);
  }
  if (MODIFIERS[key.toLowerCase()] !== undefined) {
    return { ok: false, message: 'End the shortcut with a key that is not a modifier.' };
  }
  const name = keyName(key);
  if (name === null) return { ok: false, message: `“${key}” is not a key Electron knows.` };
  if (!modifiers.some((m) => m !== 'Shift')) {
    return {
      ok: false,
      message:
        'Add Control, Alt, Command or Super: a shortcut of one key (or Shift and a key) would take that key from every app.',
    };
  }
  return { ok: true, value: [...modifiers, name].join('+') };
}

/** An accelerator, given back in Electron's spelling. */
export const acceleratorSchema = z.string().transform((text, ctx) => {
  const reading = readAccelerator(text);
  if (!reading.ok) {
    ctx.addIssue({ code: 'custom', message: reading.message });
    return z.NEVER;
  }
  return reading.value;
});

/** The palette's shortcut setting: an accelerator, or '' for none. */
export const paletteShortcutSchema = z.union([z.literal(''), acceleratorSchema]);

/** Whether the shortcut works: what Settings shows beside the field. */
const PALETTE_SHORTCUT_STATES = ['registered', 'off', 'failed', 'unavailable'] as const;
export const paletteShortcutStatusSchema = z.object({
  /** The accelerator of the setting ('' when off). */
  accelerator: z.string().max(100),
  /**
   * registered: pressing it opens the quick pick. off: no shortcut is set. failed: the OS or
   * another app refused it. unavailable: this host has no global shortcuts.
   */
  state: z.enum(PALETTE_SHORTCUT_STATES),
  /** For `failed` and `unavailable`: why, and what to do. */
  message: z.string().max(500).optional(),
});
export type PaletteShortcutStatus = z.infer<typeof paletteShortcutStatusSchema>;
