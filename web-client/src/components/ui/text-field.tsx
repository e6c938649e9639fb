import type { InputHTMLAttributes, Ref } from 'react';
import { FieldFrame, useFieldIds } from './field-frame';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  name: string;
  /** Always-visible help text, announced with the field. */
  hint?: string;
  /** The field's error; shown under it and announced with it. */
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
};

export function TextField({ label, hint, error, className, ref, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} className={className}>
      <input {...input} ref={ref} id={ids.id} className="field__input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} />
    </FieldFrame>
  );
}
