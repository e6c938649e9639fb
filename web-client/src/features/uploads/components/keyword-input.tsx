import { useId, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';

type KeywordInputProps = {
  label: string;
  value: readonly string[];
  onChange: (keywords: string[]) => void;
  /** When set, shows "n of min–max" (the rule for submitting). */
  range?: { min: number; max: number };
  hint?: string;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
};

/** Keywords are compared case-insensitively and trimmed; the first spelling wins. */
export function addKeywords(current: readonly string[], text: string): string[] {
  const next = [...current];
  for (const raw of text.split(',')) {
    const keyword = raw.trim().replace(/\s+/g, ' ');
    if (keyword && !next.some((k) => k.toLowerCase() === keyword.toLowerCase())) next.push(keyword);
  }
  return next;
}

/**
 * A chip input: type a keyword and press Enter or comma to add it (pasting "a, b, c" adds three);
 * Backspace in the empty box removes the last one; every chip has its own remove button.
 */
export function KeywordInput({ label, value, onChange, range, hint, error, ref }: KeywordInputProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const counterId = `${id}-count`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null, range ? counterId : null].filter(Boolean).join(' ');
  const outOfRange = range ? value.length < range.min || value.length > range.max : false;

  function commit(text: string) {
    const next = addKeywords(value, text);
    if (next.length !== value.length) onChange(next);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      // Enter must not submit the surrounding form while a keyword is being typed.
      event.preventDefault();
      commit(draft);
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      event.preventDefault();
      onChange(value.slice(0, -1));
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text');
    if (!text.includes(',')) return;
    event.preventDefault();
    commit(draft + text);
  }

  return (
    <div className={['field', 'keyword-input', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="keyword-input__box">
        {value.length > 0 && (
          <ul className="chips" aria-label={`${label}, chosen`}>
            {value.map((keyword) => (
              <li key={keyword} className="chip">
                <span>{keyword}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove keyword ${keyword}`}
                  onClick={() => onChange(value.filter((k) => k !== keyword))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={ref}
          id={id}
          className="keyword-input__input"
          value={draft}
          onChange={(e) => {
            const text = e.currentTarget.value;
            // A comma typed on a mobile keyboard may not arrive as a key event.
            if (text.includes(',')) commit(text);
            else setDraft(text);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => draft.trim() && commit(draft)}
          enterKeyHint="enter"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
      {range && (
        <p id={counterId} className={['field__hint', outOfRange ? 'keyword-input__count--out' : null].filter(Boolean).join(' ')} aria-live="polite">
          {value.length} of {range.min}–{range.max}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
    </div>
  );
}
