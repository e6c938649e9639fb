import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom } from '@/lib/form-errors';
import { useAddToLightbox } from '../api/add-to-lightbox';
import { useCreateLightbox } from '../api/create-lightbox';
import { useLightboxes, type LightboxSummary } from '../api/list-lightboxes';
import { useRemoveFromLightbox } from '../api/remove-from-lightbox';

/**
 * Which of the user's lightboxes hold this photo, as checkboxes (tick to add, untick to remove),
 * and a new lightbox created and filled in one step.
 */
export function LightboxPicker({ assetId, title }: { assetId: string; title: string }) {
  const lightboxes = useLightboxes(assetId);
  const add = useAddToLightbox();
  const remove = useRemoveFromLightbox();
  const create = useCreateLightbox();
  // What the user just asked for, shown until the list has been fetched again.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>(undefined);

  function toggle(lightbox: LightboxSummary, contains: boolean) {
    setError(null);
    setPending((p) => ({ ...p, [lightbox.id]: contains }));
    const mutation = contains ? add : remove;
    mutation.mutate(
      { lightboxId: lightbox.id, assetId },
      {
        onSuccess: () => setStatus(contains ? `Added to “${lightbox.name}”.` : `Removed from “${lightbox.name}”.`),
        onError: (e) => setError(formErrorsFrom(e, []).form),
        onSettled: () =>
          setPending((p) => {
            const { [lightbox.id]: _done, ...rest } = p;
            void _done;
            return rest;
          }),
      },
    );
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setError(null);
    if (!name) {
      setNameError('Give the new lightbox a name.');
      return;
    }
    setNameError(undefined);
    try {
      const created = await create.mutateAsync(name);
      await add.mutateAsync({ lightboxId: created.id, assetId });
      setStatus(`Created “${created.name}” and added the photo.`);
      form.reset();
    } catch (e) {
      const errors = formErrorsFrom(e, ['name'] as const);
      setNameError(errors.fields.name);
      setError(errors.form);
    }
  }

  const items = lightboxes.data?.items ?? [];
  return (
    <div className="lightbox-picker">
      {error && <Alert title="Could not update your lightboxes">{error}</Alert>}
      {lightboxes.isPending && <Spinner label="Loading your lightboxes…" />}
      {lightboxes.isError && <Alert title="Could not load your lightboxes">{lightboxes.error.message}</Alert>}
      {items.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">Save “{title}” to</legend>
          <ul className="checklist">
            {items.map((lightbox) => {
              const checked = pending[lightbox.id] ?? lightbox.containsAsset;
              return (
                <li key={lightbox.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={checked} onChange={(e) => toggle(lightbox, e.target.checked)} />
                    <span>
                      {lightbox.name} <span className="muted">({lightbox.assetCount})</span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {lightboxes.isSuccess && items.length === 0 && <p className="muted">You have no lightboxes yet.</p>}
      <form className="inline-form lightbox-picker__create" noValidate onSubmit={(e) => void onCreate(e)} aria-label="Create a lightbox with this photo">
        <TextField label="New lightbox" name="name" maxLength={80} error={nameError} placeholder="e.g. Spring campaign" />
        <Button type="submit" variant="secondary" loading={create.isPending || add.isPending} loadingText="Saving…">
          Create and add
        </Button>
      </form>
      <p role="status" className="lightbox-picker__status">
        {status}
      </p>
    </div>
  );
}
