// A labelled text box. A checked field (one given `error`, null while the text is valid) shows
// its hint under the box while the text is valid and the reason where it is not, and is marked
// invalid for assistive technology; a plain field may have a hint or nothing.
import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children'
>;

interface Props extends InputProps {
  /** The input's id; the label points at it and the help line is `${id}-help`. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field while there is no error. */
  hint?: ReactNode;
  /** For a checked field: why the text is not valid, or null while it is. */
  error?: string | null;
  /** Ids of other elements that describe the field, read after its own help line. */
  describedBy?: string;
  /** Shown under the help line, inside the field. */
  children?: ReactNode;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  describedBy,
  children,
  ...input
}: Props) {
  const invalid = error !== undefined && error !== null;
  const help = invalid ? error : hint;
  const hasHelp = help !== undefined && help !== null;
  const helpId = `${id}-help`;
  const described = [hasHelp ? helpId : null, describedBy ?? null].filter((x) => x !== null);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error === undefined ? undefined : invalid}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
        {...input}
      />
      {hasHelp ? (
        <p id={helpId} className={invalid ? 'field-error' : 'field-hint'}>
          {help}
        </p>
      ) : null}
      {children}
    </div>
  );
}
