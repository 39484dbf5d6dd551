// A labelled choice from a fixed list: the label above the <select>, and under it a hint or, when
// there is one, the reason the choice is not valid (both read as the select's description).
import type { ReactNode } from 'react';

export interface SelectOption<T extends string> {
  value: T;
  label: ReactNode;
}

interface Props<T extends string> {
  /** The select's id; the label points at it and the help line is `${id}-help`. */
  id: string;
  label: ReactNode;
  options: readonly SelectOption<T>[];
  value: T;
  /** Called with the option chosen (always one of `options`). */
  onChange: (value: T) => void;
  /** Shown under the select while there is no error. */
  hint?: ReactNode;
  /** Why the choice is not valid; shown instead of the hint. */
  error?: string | null;
  disabled?: boolean;
}

export function SelectField<T extends string>({
  id,
  label,
  options,
  value,
  onChange,
  hint,
  error,
  disabled,
}: Props<T>) {
  const invalid = error !== undefined && error !== null;
  const help = invalid ? error : hint;
  const helpId = `${id}-help`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error === undefined ? undefined : invalid}
        aria-describedby={help === undefined || help === null ? undefined : helpId}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.target.value);
          if (chosen !== undefined) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {help === undefined || help === null ? null : (
        <p id={helpId} className={invalid ? 'field-error' : 'field-hint'}>
          {help}
        </p>
      )}
    </div>
  );
}

/** The options of a list of values with a label for each (a `Record` keeps them complete). */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, ReactNode>>,
): SelectOption<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
