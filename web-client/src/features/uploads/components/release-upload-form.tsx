import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useCreateRelease } from '../api/create-release';

const FIELDS = ['file', 'kind', 'name'] as const;
type Field = (typeof FIELDS)[number];

/** Uploads a model or property release (PDF or image) once; it can then be attached to any photo. */
export function ReleaseUploadForm({ onCreated }: { onCreated?: (release: { id: string }) => void }) {
  const id = useId();
  const create = useCreateRelease();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [created, setCreated] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const file = data.get('file');
    const name = String(data.get('name') ?? '').trim();
    const kind = data.get('kind') === 'property' ? 'property' : 'model';
    const fields: FormErrors<Field>['fields'] = {};
    if (!(file instanceof File) || file.size === 0) fields.file = 'Choose the signed release (PDF, JPEG or PNG).';
    if (!name) fields.name = 'Name the release, e.g. the model’s name or the building.';
    setErrors({ fields, form: null });
    setCreated(null);
    if (fields.file) return fileRef.current?.focus();
    if (fields.name) return nameRef.current?.focus();
    create.mutate(
      { file: file as File, kind, name },
      {
        onSuccess: (release) => {
          formElement.reset();
          setCreated(name);
          onCreated?.(release);
        },
        onError: (error) => setErrors(formErrorsFrom(error, FIELDS)),
      },
    );
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Upload a release">
      {errors.form && <Alert title="Could not upload the release">{errors.form}</Alert>}
      {created && <Alert tone="success">Release “{created}” uploaded and attached.</Alert>}
      <div className={['field', errors.fields.file ? 'field--invalid' : null].filter(Boolean).join(' ')}>
        <label className="field__label" htmlFor={`${id}-file`}>
          Release document
        </label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          className="field__input"
          aria-invalid={errors.fields.file ? true : undefined}
          aria-describedby={errors.fields.file ? `${id}-file-error` : undefined}
        />
        {errors.fields.file && (
          <p className="field__error" id={`${id}-file-error`}>
            {errors.fields.file}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-kind`}>
          Kind
        </label>
        <select id={`${id}-kind`} name="kind" className="field__input" defaultValue="model">
          <option value="model">Model release (people)</option>
          <option value="property">Property release</option>
        </select>
        {errors.fields.kind && <p className="field__error">{errors.fields.kind}</p>}
      </div>
      <TextField ref={nameRef} label="Release name" name="name" error={errors.fields.name} autoComplete="off" />
      <Button type="submit" variant="secondary" loading={create.isPending} loadingText="Uploading…">
        Upload release
      </Button>
    </form>
  );
}
