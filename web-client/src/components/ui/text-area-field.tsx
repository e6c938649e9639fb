import type { Ref, TextareaHTMLAttributes } from 'react';
import { FieldFrame, useFieldIds } from './field-frame';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  label: string;
  name: string;
  /** Always-visible help text, announced with the field. */
  hint?: string;
  /** The field's error; shown under it and announced with it. */
  error?: string | undefined;
  ref?: Ref<HTMLTextAreaElement>;
};

/** The multi-line twin of TextField. */
export function TextAreaField({ label, hint, error, className, ref, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} className={className}>
      <textarea {...textarea} ref={ref} id={ids.id} className="field__input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} />
    </FieldFrame>
  );
}
