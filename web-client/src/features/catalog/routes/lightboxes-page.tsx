import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom } from '@/lib/form-errors';
import { useCreateLightbox } from '../api/create-lightbox';
import { useLightboxes } from '../api/list-lightboxes';
import { LightboxCard } from '../components/lightbox-card';

export function LightboxesPage() {
  const lightboxes = useLightboxes();
  const create = useCreateLightbox();
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setFormError(null);
    if (!name) {
      setNameError('Give the lightbox a name.');
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(name, {
      onSuccess: (created) => {
        setStatus(`Created “${created.name}”.`);
        form.reset();
      },
      onError: (e) => {
        const errors = formErrorsFrom(e, ['name'] as const);
        setNameError(errors.fields.name);
        setFormError(errors.form);
      },
    });
  }

  const items = lightboxes.data?.items ?? [];
  return (
    <>
      <PageHeading title="Lightboxes">Lightboxes</PageHeading>
      <p className="lede">Collect photos for a project, then share a read-only link with your team or client.</p>

      <form className="inline-form lightboxes__create" noValidate onSubmit={onCreate} aria-label="Create a lightbox">
        {formError && <Alert title="Could not create the lightbox">{formError}</Alert>}
        <TextField ref={nameRef} label="New lightbox" name="name" maxLength={80} error={nameError} placeholder="e.g. Spring campaign" />
        <Button type="submit" loading={create.isPending} loadingText="Creating…">
          Create lightbox
        </Button>
      </form>
      <p role="status">{status}</p>

      {lightboxes.isPending && <Spinner label="Loading your lightboxes…" />}
      {lightboxes.isError && <Alert title="Could not load your lightboxes">{lightboxes.error.message}</Alert>}
      {lightboxes.isSuccess && items.length === 0 && (
        <p className="empty">No lightboxes yet. Create one here, or save a photo from its page.</p>
      )}
      {items.length > 0 && (
        <ul className="lightboxes">
          {items.map((lightbox) => (
            <LightboxCard key={lightbox.id} lightbox={lightbox} onDeleted={(name) => setStatus(`Deleted “${name}”.`)} />
          ))}
        </ul>
      )}
    </>
  );
}
