// The rules of the settings the window edits, in one place: the themes, and the limits of the
// number settings. The stored settings (src/main/core/settings/schema.ts), the view the window
// gets (./ipc-views.ts) and the Settings form (src/renderer/components/SettingsView.tsx) all use
// these. Pure: zod only.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const themeSchema = z.enum(THEMES);

/** Warnings before an expiry: at most this many, each a whole number of minutes in range. */
export const MAX_THRESHOLDS = 5;
export const THRESHOLD_MINUTES = { min: 1, max: 24 * 60 } as const;
/** Seconds after which copied secrets are cleared from the clipboard (0: never). */
export const CLIPBOARD_CLEAR_SECONDS = { min: 0, max: 24 * 3600 } as const;

const thresholdMinutesSchema = z
  .number()
  .int()
  .min(THRESHOLD_MINUTES.min)
  .max(THRESHOLD_MINUTES.max);
export const thresholdsSchema = z.array(thresholdMinutesSchema).max(MAX_THRESHOLDS);
export const clipboardClearSecondsSchema = z
  .number()
  .int()
  .min(CLIPBOARD_CLEAR_SECONDS.min)
  .max(CLIPBOARD_CLEAR_SECONDS.max);

/** Thresholds as they are kept: each once, largest first. */
export function normaliseThresholds(minutes: readonly number[]): number[] {
  return [...new Set(minutes)].sort((a, b) => b - a);
}
