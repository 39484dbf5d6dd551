import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SelectField, optionsOf } from './SelectField';
import { TextField } from './TextField';

type Colour = 'red' | 'blue';
const COLOURS = optionsOf<Colour>(['red', 'blue'], { red: 'Red', blue: 'Blue (the sea)' });

describe('the select field', () => {
  it('is labelled, lists every option by its label and hands back the value chosen', async () => {
    const onChange = vi.fn();
    render(<SelectField id="c" label="Colour" options={COLOURS} value="red" onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Colour' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Red',
      'Blue (the sea)',
    ]);
    expect(select).not.toHaveAttribute('aria-describedby');
    expect(select).not.toHaveAttribute('aria-invalid');
    await userEvent.setup().selectOptions(select, 'Blue (the sea)');
    expect(onChange).toHaveBeenCalledWith('blue');
  });

  it('describes itself with the hint, or with the error instead, and can be disabled', () => {
    const props = {
      id: 'c',
      label: 'Colour',
      options: COLOURS,
      value: 'red' as const,
      onChange: () => undefined,
      hint: 'Any colour.',
    };
    const { rerender } = render(<SelectField {...props} error={null} />);
    const select = screen.getByRole('combobox', { name: 'Colour' });
    expect(select).toHaveAccessibleDescription('Any colour.');
    expect(select).toHaveAttribute('aria-invalid', 'false');
    expect(select).toBeEnabled();
    rerender(<SelectField {...props} error="Red is sold out." disabled />);
    expect(select).toHaveAccessibleDescription('Red is sold out.');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Red is sold out.')).toHaveClass('field-error');
    expect(select).toBeDisabled();
  });
});

describe('the text field', () => {
  it('a plain field: labelled, no invalid state, typing reported as text', async () => {
    const onChange = vi.fn();
    render(<TextField id="n" label="Name" value="" onChange={onChange} placeholder="yours" />);
    const box = screen.getByRole('textbox', { name: 'Name' });
    expect(box).toHaveAttribute('placeholder', 'yours');
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(box).not.toHaveAttribute('aria-describedby');
    await userEvent.setup().type(box, 'a');
    expect(onChange).toHaveBeenCalledWith('a');
  });

  it('a checked field: the hint while valid, the reason when not, then the other descriptions', () => {
    const props = { id: 'k', label: 'Key', value: 'x', onChange: () => undefined };
    const status = <p id="k-status">Registered.</p>;
    const { rerender } = render(
      <>
        <TextField {...props} hint="Keys joined by +." error={null} describedBy="k-status" />
        {status}
      </>,
    );
    const box = screen.getByRole('textbox', { name: 'Key' });
    expect(box).toHaveAttribute('aria-invalid', 'false');
    expect(box).toHaveAccessibleDescription('Keys joined by +. Registered.');
    expect(screen.getByText('Keys joined by +.')).toHaveClass('field-hint');
    rerender(
      <>
        <TextField {...props} hint="Keys joined by +." error="Not a key." describedBy="k-status" />
        {status}
      </>,
    );
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription('Not a key. Registered.');
    expect(screen.getByText('Not a key.')).toHaveClass('field-error');
    expect(screen.queryByText('Keys joined by +.')).toBeNull();
  });
});
