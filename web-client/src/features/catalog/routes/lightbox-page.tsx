import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { JustifiedGrid } from '@/components/justified-grid';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formErrorsFrom } from '@/lib/form-errors';
import { useLightbox } from '../api/get-lightbox';
import { useRemoveFromLightbox } from '../api/remove-from-lightbox';
import { ShareControls } from '../components/share-controls';

export function LightboxPage() {
  const { id = '' } = useParams();
  const lightbox = useLightbox(id);
  const remove = useRemoveFromLightbox();
  const [status, setStatus] = useState('');

  if (lightbox.isPending) return <Spinner label="Loading the lightbox…" />;
  if (lightbox.isError) {
    const missing = lightbox.error instanceof ApiError && (lightbox.error.status === 404 || lightbox.error.status === 400);
    return (
      <>
        <PageHeading title="Lightbox not found">{missing ? 'Lightbox not found' : 'Could not load the lightbox'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? 'It may have been deleted. ' : `${lightbox.error.message} `}
          <Link to="/lightboxes">Your lightboxes</Link>
        </Alert>
      </>
    );
  }

  const { data } = lightbox;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/lightboxes">← All lightboxes</Link>
      </p>
      <PageHeading title={data.name}>{data.name}</PageHeading>
      <p className="muted">
        {data.items.length} {data.items.length === 1 ? 'photo' : 'photos'}
      </p>
      <ShareControls lightboxId={data.id} name={data.name} shareToken={data.shareToken} />
      <p role="status">{status}</p>
      {data.items.length === 0 ? (
        <p className="empty">
          Nothing here yet. <Link to="/search">Find photos</Link> and add them with the “Lightbox” button.
        </p>
      ) : (
        <JustifiedGrid
          photos={data.items}
          label={`Photos in ${data.name}`}
          renderAction={(photo) => {
            const title = photo.title?.trim() || 'Untitled photo';
            return (
              <button
                type="button"
                className="tile-action"
                onClick={() =>
                  remove.mutate(
                    { lightboxId: data.id, assetId: photo.id },
                    {
                      onSuccess: () => setStatus(`Removed “${title}”.`),
                      onError: (e) => setStatus(formErrorsFrom(e, []).form ?? 'Could not remove the photo.'),
                    },
                  )
                }
              >
                <span aria-hidden="true">✕</span>
                <span className="visually-hidden">Remove “{title}” from this lightbox</span>
                <span className="tile-action__text" aria-hidden="true">
                  Remove
                </span>
              </button>
            );
          }}
        />
      )}
    </>
  );
}
