import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { addKeywords, KeywordInput } from './keyword-input';

function Harness({ initial = [] as string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <form onSubmit={() => { throw new Error('Enter must not submit the form'); }}>
      <KeywordInput label="Keywords" value={value} onChange={setValue} range={{ min: 7, max: 50 }} />
    </form>
  );
}

const chips = () => screen.queryAllByRole('listitem').map((li) => li.firstChild?.textContent);

describe('KeywordInput', () => {
  it('adds a keyword on Enter and on comma, without submitting the form', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByLabelText('Keywords', { selector: 'input' });

    await user.type(input, 'harbour{Enter}');
    await user.type(input, 'fishing boat,dawn,');

    expect(chips()).toEqual(['harbour', 'fishing boat', 'dawn']);
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(screen.getByText('3 of 7–50')).toBeInTheDocument();
  });

  it('removes the last keyword with Backspace in the empty box', async () => {
    const user = userEvent.setup();
    render(<Harness initial={['sea', 'sky', 'sand']} />);
    const input = screen.getByLabelText('Keywords', { selector: 'input' });

    await user.click(input);
    await user.keyboard('{Backspace}');
    expect(chips()).toEqual(['sea', 'sky']);

    // Backspace while typing edits the text, not the chips.
    await user.type(input, 'ab{Backspace}');
    expect(chips()).toEqual(['sea', 'sky']);
    expect(input).toHaveValue('a');
  });

  it('removes a chip with its own button, and ignores duplicates and blanks', async () => {
    const user = userEvent.setup();
    render(<Harness initial={['sea', 'sky']} />);
    const input = screen.getByLabelText('Keywords', { selector: 'input' });

    await user.type(input, 'SEA{Enter}   {Enter}');
    expect(chips()).toEqual(['sea', 'sky']);

    await user.click(screen.getByRole('button', { name: 'Remove keyword sea' }));
    expect(chips()).toEqual(['sky']);
  });

  it('splits pasted lists', () => {
    expect(addKeywords(['a'], ' b ,c,, A ,d  e')).toEqual(['a', 'b', 'c', 'd e']);
  });
});
