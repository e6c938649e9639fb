import { ANTIFORGERY_TITLE } from '@/api/client';
import { ApiError } from '@/api/problem';

/** What a form shows: one message per field it knows, and at most one form-level message. */
export type FormErrors<Field extends string> = {
  fields: Partial<Record<Field, string>>;
  form: string | null;
};

export const noErrors = { fields: {}, form: null } as const satisfies FormErrors<never>;

export function hasErrors<Field extends string>(errors: FormErrors<Field>): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}

/**
 * Maps a failed call onto a form. A validation problem's `errors` go next to the fields they
 * name; any other problem (401, 409, 429, …) becomes the form-level message from its `detail`
 * (or `title`). A 409 may carry both.
 */
export function formErrorsFrom<Field extends string>(error: unknown, fields: readonly Field[]): FormErrors<Field> {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: 'We could not reach MediaCoop. Check your connection and try again.' };
  }

  // The client has already fetched a new token; the technical detail is for developers.
  if (error.status === 400 && error.problem?.title === ANTIFORGERY_TITLE) {
    return { fields: {}, form: 'Your session changed (perhaps in another tab). Please submit the form again.' };
  }

  const result: FormErrors<Field> = { fields: {}, form: null };
  const unplaced: string[] = [];
  for (const [key, messages] of Object.entries(error.problem?.errors ?? {})) {
    const field = fields.find((f) => f === fieldName(key));
    if (field) result.fields[field] = messages.join(' ');
    else unplaced.push(...messages);
  }

  const placedAny = Object.keys(result.fields).length > 0;
  const isValidationOnly = error.status === 400 && placedAny && unplaced.length === 0;
  if (!isValidationOnly) {
    const message =
      unplaced.length > 0 && error.status === 400
        ? unplaced.join(' ')
        : (error.problem?.detail ?? error.problem?.title ?? fallbackMessage(error.status));
    // A throttled user must learn how long to wait; some 429 details already say it.
    const saysWhen = /try again in/i.test(message);
    result.form =
      error.retryAfterSeconds !== null && !saysWhen ? `${message} ${retryAfterText(error.retryAfterSeconds)}` : message;
  }
  return result;
}

/** "Email" / "$.email" / "email" all name the `email` field; "contributors[0].shareBasisPoints" names `contributors`. */
function fieldName(key: string): string {
  const bare = key.replace(/^\$\./, '').split(/[.[]/)[0] ?? '';
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

function fallbackMessage(status: number): string {
  if (status === 429) return 'Too many attempts.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return 'The request could not be completed.';
}

export function retryAfterText(seconds: number): string {
  if (seconds < 90) {
    const s = Math.max(1, seconds);
    return `You can try again in ${s} ${s === 1 ? 'second' : 'seconds'}.`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `You can try again in ${minutes} minutes.`;
}
