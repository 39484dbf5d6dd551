// A text field for a number the user types (one value or a list), checked as typed: the hint
// while the text is valid, the reason where it is not. Each setting brings its own parser, built
// on `wholeNumber`.
import type { ReactNode } from 'react';
import { TextField } from '../fields/TextField';

/** What a setting's parser says about the text: its value, or why it is not valid. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The whole number `text` spells (digits only), when it is between `min` and `max`. */
export function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

interface Props {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  check: Parsed<unknown>;
  /** Shown under the field while the text is valid. */
  hint: string;
}

export function NumberField({ id, label, value, onChange, check, hint }: Props) {
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      inputMode="numeric"
      onChange={onChange}
      error={check.ok ? null : check.message}
      hint={hint}
    />
  );
}
