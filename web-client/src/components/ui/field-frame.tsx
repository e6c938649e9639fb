import { useId, type ReactNode } from 'react';

/** The ids a field's control needs: its own, and the ids of the hint and error that describe it. */
export function useFieldIds(hint: string | undefined, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

type FieldFrameProps = {
  ids: ReturnType<typeof useFieldIds>;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string | undefined;
  children: ReactNode;
};

/** A form field's label, always-visible hint and announced error around its control (input, textarea…). */
export function FieldFrame({ ids, label, hint, error, className, children }: FieldFrameProps) {
  return (
    <div className={['field', error ? 'field--invalid' : null, className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field__error" id={ids.errorId}>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
    </div>
  );
}
