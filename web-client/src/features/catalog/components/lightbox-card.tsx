import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom } from '@/lib/form-errors';
import { useDeleteLightbox } from '../api/delete-lightbox';
import type { LightboxSummary } from '../api/list-lightboxes';
import { useRenameLightbox } from '../api/rename-lightbox';
import { ShareControls } from './share-controls';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function LightboxCard({ lightbox, onDeleted }: { lightbox: LightboxSummary; onDeleted: (name: string) => void }) {
  const rename = useRenameLightbox();
  const remove = useDeleteLightbox();
  const [mode, setMode] = useState<'idle' | 'rename' | 'confirm-delete'>('idle');
  const [error, setError] = useState<string | undefined>(undefined);

  function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (!name) {
      setError('Give the lightbox a name.');
      return;
    }
    rename.mutate(
      { id: lightbox.id, name },
      {
        onSuccess: () => {
          setMode('idle');
          setError(undefined);
        },
        onError: (e) => {
          const errors = formErrorsFrom(e, ['name'] as const);
          setError(errors.fields.name ?? errors.form ?? undefined);
        },
      },
    );
  }

  return (
    <li className="card lightbox-card">
      <Link to={`/lightboxes/${lightbox.id}`} className="lightbox-card__covers" tabIndex={-1} aria-hidden="true">
        {lightbox.covers.length > 0 ? (
          lightbox.covers.slice(0, 4).map((cover) => (
            <img key={cover.url} src={cover.url} width={cover.width} height={cover.height} alt="" loading="lazy" decoding="async" />
          ))
        ) : (
          <span className="lightbox-card__empty">Empty</span>
        )}
      </Link>
      <h2 className="lightbox-card__name">
        <Link to={`/lightboxes/${lightbox.id}`}>{lightbox.name}</Link>
      </h2>
      <p className="muted">
        {lightbox.assetCount} {lightbox.assetCount === 1 ? 'photo' : 'photos'} · updated{' '}
        <time dateTime={lightbox.updatedAt}>{dateFormat.format(new Date(lightbox.updatedAt))}</time>
        {lightbox.shared && (
          <>
            {' '}
            · <span className="badge badge--published">Shared</span>
          </>
        )}
      </p>

      {mode === 'rename' && (
        <form className="inline-form" onSubmit={onRename} noValidate aria-label={`Rename “${lightbox.name}”`}>
          <TextField label="New name" name="name" defaultValue={lightbox.name} maxLength={80} error={error} autoFocus />
          <Button type="submit" loading={rename.isPending} loadingText="Saving…">
            Save
          </Button>
          <Button variant="ghost" onClick={() => setMode('idle')}>
            Cancel
          </Button>
        </form>
      )}

      {mode === 'confirm-delete' && (
        <div className="confirm" role="group" aria-label="Confirm deletion">
          <p>
            Delete “{lightbox.name}”? The photos stay in the catalogue{lightbox.shared ? ' and the shared link stops working' : ''}.
          </p>
          {error && <p className="field__error">{error}</p>}
          <div className="actions">
            <Button
              loading={remove.isPending}
              loadingText="Deleting…"
              autoFocus
              onClick={() =>
                remove.mutate(lightbox.id, {
                  onSuccess: () => onDeleted(lightbox.name),
                  onError: (e) => setError(formErrorsFrom(e, []).form ?? undefined),
                })
              }
            >
              Delete lightbox
            </Button>
            <Button variant="ghost" onClick={() => setMode('idle')}>
              Keep it
            </Button>
          </div>
        </div>
      )}

      {mode === 'idle' && (
        <div className="actions">
          <Button variant="ghost" onClick={() => setMode('rename')}>
            Rename <span className="visually-hidden">“{lightbox.name}”</span>
          </Button>
          <Button variant="ghost" onClick={() => setMode('confirm-delete')}>
            Delete <span className="visually-hidden">“{lightbox.name}”</span>
          </Button>
        </div>
      )}
      <ShareControls lightboxId={lightbox.id} name={lightbox.name} shareToken={lightbox.shareToken} />
    </li>
  );
}
