import { useId, useState, type Ref } from 'react';
import { Button } from '@/components/ui/button';
import type { ShareRow } from '../lib/shares';
import { percentToBasisPoints, TOTAL_BASIS_POINTS } from '../lib/shares';

type ContributorsFieldProps = {
  rows: readonly ShareRow[];
  onChange: (rows: ShareRow[]) => void;
  /** The asset's owner: always credited, cannot be removed. */
  ownerId: string | null;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Credited co-contributors with royalty shares in percent (stored as basis points: 100% = 10,000). */
export function ContributorsField({ rows, onChange, ownerId, error, ref }: ContributorsFieldProps) {
  const id = useId();
  const [newId, setNewId] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const total = rows.reduce((sum, r) => sum + (percentToBasisPoints(r.percent) ?? 0), 0);
  const errorId = `${id}-error`;
  const totalId = `${id}-total`;

  function add() {
    const userId = newId.trim();
    if (!UUID.test(userId)) {
      setAddError('Enter the member’s user id (shown on their account page).');
      return;
    }
    if (rows.some((r) => r.userId.toLowerCase() === userId.toLowerCase())) {
      setAddError('That member is already credited.');
      return;
    }
    setAddError(null);
    setNewId('');
    onChange([...rows, { userId, displayName: null, percent: '0' }]);
  }

  return (
    <fieldset className={['fieldset', error ? 'field--invalid' : null].filter(Boolean).join(' ')} aria-describedby={error ? `${errorId} ${totalId}` : totalId}>
      <legend className="field__label">Credited contributors and royalty shares</legend>
      <ul className="shares">
        {rows.map((row, index) => {
          const name = row.displayName ?? row.userId;
          const isOwner = ownerId !== null && row.userId === ownerId;
          return (
            <li key={row.userId} className="shares__row">
              <span className="shares__name">{isOwner ? `${name} (you)` : name}</span>
              <span className="shares__input">
                <input
                  ref={index === 0 ? ref : undefined}
                  id={`${id}-${index}`}
                  className="field__input"
                  inputMode="decimal"
                  value={row.percent}
                  aria-label={`Share for ${name}, in percent`}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => {
                    const percent = e.currentTarget.value;
                    onChange(rows.map((r, i) => (i === index ? { ...r, percent } : r)));
                  }}
                />
                <span aria-hidden="true">%</span>
              </span>
              {!isOwner && (
                <Button variant="ghost" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove ${name}`}>
                  Remove
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <p id={totalId} className="field__hint" aria-live="polite">
        Total: {total / 100}% of {TOTAL_BASIS_POINTS / 100}%
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="shares__add">
        <label className="field__label" htmlFor={`${id}-new`}>
          Co-contributor’s user id
        </label>
        <div className="inline-form">
          <input
            id={`${id}-new`}
            className="field__input"
            value={newId}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? `${id}-add-error` : undefined}
            onChange={(e) => setNewId(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button variant="secondary" onClick={add}>
            Add contributor
          </Button>
        </div>
        {addError && (
          <p className="field__error" id={`${id}-add-error`}>
            {addError}
          </p>
        )}
      </div>
    </fieldset>
  );
}
