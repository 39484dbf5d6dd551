import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { parseClipboardSeconds } from '../SettingsView';
import { NumberField, wholeNumber } from './NumberField';

function Field() {
  const [text, setText] = useState('60');
  return (
    <NumberField
      id="clip"
      label="Seconds"
      value={text}
      onChange={setText}
      check={parseClipboardSeconds(text)}
      hint="0 means never."
    />
  );
}

describe('the number field', () => {
  it('reads whole numbers in a range, digits only', () => {
    expect(wholeNumber('0', 0, 10)).toBe(0);
    expect(wholeNumber('010', 0, 10)).toBe(10);
    expect(wholeNumber('11', 0, 10)).toBeUndefined();
    expect(wholeNumber('0', 1, 10)).toBeUndefined();
    for (const bad of ['', ' 1', '1.0', '-1', '1e1', '0x1', '١']) {
      expect(wholeNumber(bad, 0, 100), bad).toBeUndefined();
    }
    expect(wholeNumber('9'.repeat(400), 0, 100)).toBeUndefined();
  });

  it('parses the clipboard delay: 0 to 86400 seconds, one value', () => {
    expect(parseClipboardSeconds(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(parseClipboardSeconds('86400')).toEqual({ ok: true, value: 86400 });
    for (const bad of ['', '86401', '5 6', '-1', 'ten']) {
      expect(parseClipboardSeconds(bad), bad).toEqual({
        ok: false,
        message: 'Enter a number of seconds between 0 (never) and 86400.',
      });
    }
  });

  it('shows the hint while valid and the reason, tied to the input, when not', async () => {
    const user = userEvent.setup();
    render(<Field />);
    const input = screen.getByLabelText('Seconds');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(input).toHaveAccessibleDescription('0 means never.');
    await user.type(input, 'x');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(
      'Enter a number of seconds between 0 (never) and 86400.',
    );
    expect(screen.getByText(/^Enter a number of seconds/)).toHaveClass('field-error');
    await user.type(input, '{Backspace}');
    expect(input).toHaveValue('60');
    expect(screen.getByText('0 means never.')).toHaveClass('field-hint');
  });
});
