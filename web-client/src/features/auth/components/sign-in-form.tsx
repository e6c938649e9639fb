import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, hasErrors, noErrors, type FormErrors } from '@/lib/form-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useLogin } from '../api/login';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

function validate(values: Record<Field, string>): FormErrors<Field> {
  const fields: FormErrors<Field>['fields'] = {};
  if (!values.email) fields.email = 'Enter your email address.';
  if (!values.password) fields.password = 'Enter your password.';
  return { fields, form: null };
}

export function SignInForm() {
  const login = useLogin();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(errors, FIELDS, { email: emailRef, password: passwordRef }, alertRef);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = { email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') };
    const clientErrors = validate(values);
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    login.mutate(values, { onError: (error) => setErrors(formErrorsFrom(error, FIELDS)) });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Sign in">
      {errors.form && (
        <Alert ref={alertRef} title="Could not sign you in">
          {errors.form}
        </Alert>
      )}
      <TextField
        ref={emailRef}
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
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
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      <Button type="submit" loading={login.isPending} loadingText="Signing in…">
        Sign in
      </Button>
    </form>
  );
}
