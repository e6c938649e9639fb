import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, hasErrors, noErrors, type FormErrors } from '@/lib/form-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRegister } from '../api/register';

const FIELDS = ['displayName', 'email', 'password'] as const;
type Field = (typeof FIELDS)[number];

export const MIN_PASSWORD_LENGTH = 12;
const MAX_DISPLAY_NAME_LENGTH = 80;

/** Quick checks that save a round trip; the server's rules (e.g. common passwords) still apply. */
function validate(values: Record<Field, string>): FormErrors<Field> {
  const fields: FormErrors<Field>['fields'] = {};
  if (!values.displayName) fields.displayName = 'Enter the name to show on your account.';
  else if (values.displayName.length > MAX_DISPLAY_NAME_LENGTH)
    fields.displayName = `Use at most ${MAX_DISPLAY_NAME_LENGTH} characters.`;
  if (!values.email) fields.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) fields.email = 'Enter an email address like name@example.com.';
  if (values.password.length < MIN_PASSWORD_LENGTH)
    fields.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  return { fields, form: null };
}

export function SignUpForm() {
  const register = useRegister();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const displayNameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(errors, FIELDS, { displayName: displayNameRef, email: emailRef, password: passwordRef }, alertRef);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (register.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      displayName: String(data.get('displayName') ?? '').trim(),
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    };
    const clientErrors = validate(values);
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    register.mutate(values, { onError: (error) => setErrors(formErrorsFrom(error, FIELDS)) });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Create your account">
      {errors.form && (
        <Alert ref={alertRef} title="Could not create your account">
          {errors.form}
        </Alert>
      )}
      <TextField
        ref={displayNameRef}
        label="Display name"
        name="displayName"
        autoComplete="name"
        hint="Shown on your account and, for contributors, next to your photographs."
        maxLength={MAX_DISPLAY_NAME_LENGTH}
        required
        error={errors.fields.displayName}
      />
      <TextField
        ref={emailRef}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        error={errors.fields.email}
      />
      <TextField
        ref={passwordRef}
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
        minLength={MIN_PASSWORD_LENGTH}
        required
        error={errors.fields.password}
      />
      <Button type="submit" loading={register.isPending} loadingText="Creating your account…">
        Create account
      </Button>
    </form>
  );
}
