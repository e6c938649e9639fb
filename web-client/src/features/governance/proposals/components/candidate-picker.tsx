import { useDeferredValue, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useMemberDirectory } from '../api/list-member-directory';
import type { Candidate } from '../lib/proposal-form';
import { classLabel } from '../lib/settings-change';

/**
 * Candidates for a board election, found in the member directory (members who list themselves there). Plain buttons
 * rather than a combobox: each result is one Tab stop and one Enter away.
 */
export function CandidatePicker({
  candidates,
  onChange,
  error,
}: {
  candidates: Candidate[];
  onChange: (next: Candidate[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const directory = useMemberDirectory(query, query.length >= 2);
  const found = (directory.data?.items ?? []).filter((m) => !candidates.some((c) => c.id === m.id));

  return (
    <fieldset className={`field candidate-picker${error ? ' field--invalid' : ''}`}>
      <legend className="field__label">Candidates</legend>
      {candidates.length > 0 ? (
        <ul className="candidate-picker__chosen" aria-label="Chosen candidates">
          {candidates.map((c) => (
            <li key={c.id}>
              {c.displayName}{' '}
              <Button variant="ghost" onClick={() => onChange(candidates.filter((x) => x.id !== c.id))} aria-label={`Remove ${c.displayName}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No candidates yet.</p>
      )}
      <label className="field__label" htmlFor={id}>
        Find a member to add
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Search the member directory by name or handle (at least two letters).
      </p>
      <input
        id={id}
        type="search"
        className="field__input"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        aria-describedby={[error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      {query.length >= 2 && (
        <div aria-live="polite">
          {directory.isError && <p className="field__error">The directory could not be searched: {directory.error.message}</p>}
          {directory.data && found.length === 0 && <p className="muted">No listed member matches “{query}”.</p>}
          {found.length > 0 && (
            <ul className="candidate-picker__results" aria-label="Matching members">
              {found.slice(0, 8).map((m) => (
                <li key={m.id}>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      onChange([...candidates, { id: m.id, displayName: m.displayName }]);
                      setQ('');
                    }}
                  >
                    Add {m.displayName}
                  </Button>{' '}
                  <span className="muted">
                    @{m.handle} · {classLabel(m.memberClass).replace(/s$/, '')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
