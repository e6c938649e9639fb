import { useEffect, type RefObject } from 'react';
import type { FormErrors } from './form-errors';

/**
 * After a failed submit, moves focus to the first field with an error (its message is read with
 * it through aria-describedby), or to the form-level alert when no field is at fault.
 */
export function useFocusFirstError<Field extends string>(
  errors: FormErrors<Field>,
  order: readonly Field[],
  fields: Record<Field, RefObject<HTMLElement | null>>,
  alert: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    const first = order.find((f) => errors.fields[f]);
    if (first) fields[first].current?.focus();
    else if (errors.form) alert.current?.focus();
    // Only a new set of errors moves focus; `fields`, `order` and `alert` are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errors]);
}
